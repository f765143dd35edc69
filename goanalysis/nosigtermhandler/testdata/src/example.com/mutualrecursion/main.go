// SIGTERM is subscribed to inside mutual recursion: nothing to report, however
// the functions of the cycle are visited.
package main

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	a(3)
	http.ListenAndServe(":8080", nil)
}

func a(n int) {
	if n > 0 {
		b(n - 1)
	}
}

func b(n int) {
	a(n)
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
}
