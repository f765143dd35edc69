// Package lifecycle subscribes to signals on behalf of its callers.
package lifecycle

import (
	"os"
	"os/signal"
)

// Watch subscribes to SIGINT.
func Watch() chan os.Signal {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	return c
}
