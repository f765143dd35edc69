// Package helper subscribes to SIGTERM for its callers.
package helper

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

var stopSignals = []os.Signal{os.Interrupt, syscall.Signal(15)}

// Context is cancelled when the program is asked to stop.
func Context() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), stopSignals...)
}
