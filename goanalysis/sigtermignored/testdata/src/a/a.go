package a

import (
	"context"
	"log"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// The article's dockerapp2: the handler logs and carries on.
func rangeThatOnlyLogs() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM) // want `SIGTERM is delivered to c but the loop that receives it \(line 17\) never ends the program: docker stop waits the whole grace period, then SIGKILLs the program \(exit 137, no cleanup\)`
	go func() {
		for s := range c {
			log.Println("got", s)
		}
	}()
}

func endlessReceive() {
	c := make(chan os.Signal, 1)
	signal.Notify(c) // want `SIGTERM is delivered to c but the loop that receives it`
	for {
		<-c
		log.Print("still here")
	}
}

func nobodyReceives() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT, syscall.SIGTERM) // want `SIGTERM is delivered to c but nothing ever receives from it`
}

func inlineChannel() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGTERM) // want `SIGTERM is delivered to a channel nobody can receive from`
}

func discardedContext() {
	_, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM) // want `signal.NotifyContext's context is discarded, so SIGTERM is caught but nothing waits for it`
	defer stop()
	select {}
}

// break in a select case leaves the select, not the loop.
func breakLeavesOnlyTheSelect(work <-chan int) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM) // want `never ends the program`
	for {
		select {
		case <-c:
			log.Print("stopping")
			break
		case n := <-work:
			log.Print(n)
		}
	}
}

// The other case returns, but the SIGTERM case does not.
func selectCaseOnlyLogs(ctx context.Context) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM) // want `never ends the program`
	for {
		select {
		case s := <-c:
			log.Print(s)
		case <-ctx.Done():
			return
		}
	}
}

type daemon struct{ sigs chan os.Signal }

func (d *daemon) start() {
	signal.Notify(d.sigs, syscall.SIGTERM) // want `SIGTERM is delivered to d.sigs but the loop that receives it`
	go d.watch()
}

func (d *daemon) watch() {
	for range d.sigs {
		log.Print("ignoring")
	}
}

func passedToLogger() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM) // want `never ends the program`
	go logSignals(c)
}

func logSignals(ch <-chan os.Signal) {
	for s := range ch {
		log.Print(s)
	}
}

// Negative cases.

func selectReturns(work <-chan int) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	for {
		select {
		case <-c:
			return
		case n := <-work:
			log.Print(n)
		}
	}
}

func flagAfterSelect(work <-chan int) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	stopping := false
	for {
		select {
		case <-c:
			stopping = true
		case n := <-work:
			log.Print(n)
		}
		if stopping {
			return
		}
	}
}

func cancels(cancel context.CancelFunc) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	go func() {
		for range c {
			cancel()
		}
	}()
}

type server struct{}

func (*server) Shutdown(context.Context) error { return nil }

func shutsDown(srv *server) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, syscall.SIGHUP)
	for s := range c {
		if s == syscall.SIGHUP {
			log.Print("reload")
			continue
		}
		srv.Shutdown(context.Background())
	}
}

var stopping atomic.Bool

func setsFlag() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	for range c {
		stopping.Store(true)
	}
}

func waitsOnce() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	<-c
	log.Print("shutting down")
}

func viaOwnHelper(quit chan struct{}) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	for range c {
		stop(quit)
	}
}

func stop(quit chan struct{}) { close(quit) }

func reloadOnly() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP) // not SIGTERM: not this rule's business
	for range c {
		log.Print("reload")
	}
}

// Exported: another package may receive from it.
var Signals = make(chan os.Signal, 1)

func exported() {
	signal.Notify(Signals, syscall.SIGTERM)
}

func contextUsed() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}

func escapes(out chan<- chan os.Signal) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	out <- c
}
