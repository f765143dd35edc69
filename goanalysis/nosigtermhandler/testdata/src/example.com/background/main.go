// The server runs in a goroutine while main waits on a channel fed by goroutines.
package main

import (
	"net/http"
)

func main() { // want `func main runs until stopped \(it serves HTTP with \(\*net/http.Server\).ListenAndServe in a goroutine while it waits\)`
	errs := make(chan error, 1)
	srv := &http.Server{Addr: ":8080"}
	go func() { errs <- srv.ListenAndServe() }()
	<-errs
}
