// A server whose only subscription dumps state on SIGUSR1: GL202 does not
// apply (that handler is no shutdown code), so GL201 says SIGTERM is missing.
package main

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() { // want `func main runs until stopped \(it serves HTTP with net/http.ListenAndServe\) but the program never subscribes to SIGTERM \(only to SIGUSR1\)`
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	go func() {
		for range c {
			println("state")
		}
	}()
	http.ListenAndServe(":8080", nil)
}
