package a

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

var sigStop = syscall.SIGSTOP

func notifyKill() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, os.Kill) // want `SIGKILL cannot be caught, so signal.Notify has no effect on it \(docker stop sends SIGTERM first\); did you mean syscall.SIGTERM\?`
}

func notifyBothUncatchable() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Kill, sigStop) // want `SIGKILL cannot be caught` `SIGSTOP cannot be caught`
}

func notifyContextWithTerm(ctx context.Context) {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.Signal(9)) // want `SIGKILL cannot be caught, so signal.NotifyContext has no effect on it \(docker stop sends SIGTERM first\)$`
	defer stop()
	<-ctx.Done()
}

func ignoreKill() {
	signal.Ignore(os.Kill)              // want `SIGKILL cannot be caught, so signal.Ignore has no effect on it`
	signal.Reset(os.Kill, os.Interrupt) // want `SIGKILL cannot be caught, so signal.Reset`
}

var uncatchables = []os.Signal{os.Interrupt, syscall.SIGKILL}

func spread() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, uncatchables...) // want `SIGKILL cannot be caught.*; remove it from the list`
}

// Negative cases.

func catchable() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM, syscall.Signal(1))
	signal.Notify(c) // every signal, but nothing uncatchable is named
	signal.Ignore(syscall.SIGHUP)
}
