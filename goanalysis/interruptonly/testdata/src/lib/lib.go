// Package lib has interrupt-only helpers in the shapes the rule must see.
package lib

import (
	"context"
	"os"
	"os/signal"

	sys "syscall"
)

var stopSignals = []os.Signal{os.Interrupt, sys.SIGQUIT}

// Interrupted is cancelled by Ctrl-C only.
func Interrupted(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, sys.SIGHUP) // want `signal.NotifyContext subscribes to SIGHUP and SIGINT but not SIGTERM`
}

// WaitForStop waits for any of stopSignals.
func WaitForStop() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, stopSignals...) // want `signal.Notify subscribes to SIGINT and SIGQUIT but not SIGTERM`
	<-c
}

// KillOrInterrupt is left to GL203, which replaces os.Kill with SIGTERM.
func KillOrInterrupt() {
	signal.Notify(make(chan os.Signal, 1), os.Interrupt, os.Kill)
}
