// Package reloadonly subscribes to signals that do not ask a program to stop:
// they are no shutdown code that forgot SIGTERM, and adding SIGTERM to them
// would reload the configuration on docker stop.
package reloadonly

import (
	"os"
	"os/signal"
	"syscall"
)

// WatchReload calls fn on every SIGHUP.
func WatchReload(fn func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	go func() {
		for range c {
			fn()
		}
	}()
}

// DumpOnUSR1 prints the state on SIGUSR1 or SIGUSR2.
func DumpOnUSR1(dump func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1, syscall.SIGUSR2)
	go func() {
		for range c {
			dump()
		}
	}()
}
