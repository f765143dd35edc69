// Package shutdownhook subscribes to SIGTERM as a side effect of being imported.
package shutdownhook

import (
	"os"
	"os/signal"
	"syscall"
)

var stop = make(chan os.Signal, 1)

func init() {
	signal.Notify(stop, syscall.SIGTERM)
}

// Done is closed when SIGTERM arrives.
func Done() <-chan os.Signal { return stop }
