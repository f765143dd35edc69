// Package stop subscribes to SIGTERM for its callers: the facts gracelint keeps
// about it must reach the packages that import it.
package stop

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

var signals = []os.Signal{os.Interrupt, syscall.Signal(15)}

// Context is cancelled when the program is asked to stop.
func Context() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), signals...)
}
