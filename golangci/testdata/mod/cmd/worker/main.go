// A worker that asks for SIGKILL and makes an unbuffered signal channel.
package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	done := make(chan os.Signal)
	signal.Notify(done, syscall.SIGTERM) // want `^warning: done is unbuffered .* \(GL204 unbuffered-signal-channel\)$`
	kill := make(chan os.Signal, 1)
	signal.Notify(kill, os.Kill) // want `^warning: SIGKILL cannot be caught, .* \(GL203 uncatchable-signal\)$`
	for {
		select {
		case <-done:
			return
		case <-kill:
			return
		case <-time.After(time.Second):
		}
	}
}
