package fixer

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// removeOnSignal removes the temporary file name when SIGINT, SIGTERM or SIGHUP
// ends the process before the returned function is called, then lets the signal
// end the process as it would have: a fix interrupted mid-write leaves the file
// as it was and nothing beside it.
func removeOnSignal(name string) (done func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		select {
		case sig := <-sigs:
			os.Remove(name)
			signal.Stop(sigs) // back to the default action, which raise triggers
			raise(sig)
			time.Sleep(time.Second)
			os.Exit(2) // the signal was caught elsewhere: end all the same
		case <-stop:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(stop)
		<-stopped
	}
}
