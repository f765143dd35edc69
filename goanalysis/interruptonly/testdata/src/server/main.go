// A service that only handles Ctrl-C.
package main

import (
	"net/http"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt) // want `signal.Notify subscribes to SIGINT but not SIGTERM: docker stop's SIGTERM ends the program at once with exit status 2, skipping deferred calls and cleanup; add syscall.SIGTERM`
	go http.ListenAndServe(":8080", nil)
	<-c
}
