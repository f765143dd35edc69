// With GL201 disabled and GL204 at info.
package main

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	done := make(chan os.Signal)
	signal.Notify(done, syscall.SIGTERM) // want `^info: done is unbuffered .* \(GL204 unbuffered-signal-channel\)$`
	go http.ListenAndServe(":8080", nil)
	<-done
}
