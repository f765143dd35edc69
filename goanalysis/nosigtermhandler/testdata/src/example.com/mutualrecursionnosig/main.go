// A call cycle that never subscribes, and an HTTP server.
package main

import (
	"net/http"
	"os"
)

func main() { // want `func main runs until stopped \(it serves HTTP with net/http.ListenAndServe\) but the program never subscribes to SIGTERM`
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
	os.Getenv("HOME")
}
