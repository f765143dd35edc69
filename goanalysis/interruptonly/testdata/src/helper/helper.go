// Package helper subscribes to SIGTERM for its callers, in another package.
package helper

import (
	"context"
	"os/signal"
	"syscall"
)

// Context is cancelled when the program is asked to stop.
func Context() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGTERM)
}
