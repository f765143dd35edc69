// The service that subscribes is declared in another package and called
// through an interface: its subscription counts all the same.
package main

import (
	"net/http"

	"example.com/service"
)

type runner interface{ Run() error }

func main() {
	var r runner = service.New()
	go http.ListenAndServe("localhost:6060", nil) // pprof
	errs := make(chan error, 1)
	go func() { errs <- r.Run() }()
	<-errs
}
