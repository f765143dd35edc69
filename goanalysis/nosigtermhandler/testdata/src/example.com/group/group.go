// Package group runs functions on goroutines, like errgroup.
package group

import "sync"

// A Group waits for the functions it runs.
type Group struct{ wg sync.WaitGroup }

// Go runs f on a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
}

// Wait blocks until every function has returned.
func (g *Group) Wait() error {
	g.wg.Wait()
	return nil
}
