// A server run through an errgroup-like group, which main waits for.
package main

import (
	"net/http"

	"example.com/group"
)

func main() { // want `func main runs until stopped \(it serves HTTP with \(\*net/http.Server\).ListenAndServe in a goroutine while it waits\)`
	var g group.Group
	srv := &http.Server{Addr: ":8080"}
	g.Go(func() error { return srv.ListenAndServe() })
	g.Wait()
}
