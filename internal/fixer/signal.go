package fixer

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// A tempGuard removes the temporary file it creates when SIGINT, SIGTERM or
// SIGHUP ends the process before done is called, then lets the signal end the
// process as it would have: a fix interrupted mid-write leaves the file as it
// was and nothing beside it. It listens before the file exists, and creating
// the file and noting its name happen under the lock the handler takes, so no
// signal falls between them.
type tempGuard struct {
	mu            sync.Mutex
	name          string // the temporary file, once created
	sigs          chan os.Signal
	stop, stopped chan struct{}
}

func guardTemp() *tempGuard {
	g := &tempGuard{sigs: make(chan os.Signal, 1), stop: make(chan struct{}), stopped: make(chan struct{})}
	signal.Notify(g.sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		defer close(g.stopped)
		select {
		case sig := <-g.sigs:
			g.mu.Lock() // held until the process ends: no file is created after this
			if g.name != "" {
				os.Remove(g.name)
			}
			signal.Stop(g.sigs) // back to the default action, which raise triggers
			raise(sig)
			time.Sleep(time.Second)
			os.Exit(2) // the signal is caught elsewhere too: end all the same
		case <-g.stop:
		}
	}()
	return g
}

// create makes the temporary file in dir, named after pattern as
// os.CreateTemp does.
func (g *tempGuard) create(dir, pattern string) (*os.File, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err == nil {
		g.name = f.Name()
	}
	return f, err
}

// done stops listening; the temporary file is renamed or removed by now.
func (g *tempGuard) done() {
	signal.Stop(g.sigs)
	close(g.stop)
	<-g.stopped
}
