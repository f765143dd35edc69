package a

import (
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// A flag that another goroutine polls tells it to stop: under a lock,
// captured by the goroutine, or a field.
func setsCapturedFlag(work func() bool) {
	var mu sync.Mutex
	closing := false
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	go func() {
		for range c {
			mu.Lock()
			closing = true
			mu.Unlock()
		}
	}()
	for {
		mu.Lock()
		done := closing
		mu.Unlock()
		if done || !work() {
			return
		}
	}
}

type poller struct{ closing bool }

func (p *poller) watch() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	for range c {
		p.closing = true
	}
}

// A counter of the goroutine's own tells nobody anything.
func countsLocally() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM) // want `never ends the program`
	go func() {
		n := 0
		for range c {
			n++
			log.Print(n)
		}
	}()
}
