// The service that subscribes is called through an interface: its
// subscription counts all the same.
package main

import (
	"context"
	"net/http"
	"os/signal"
	"syscall"
)

type runner interface{ Run() error }

type server struct{ srv *http.Server }

func (s *server) Run() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	go s.srv.ListenAndServe()
	<-ctx.Done() // ctx.Done is itself a call through an interface
	return s.srv.Shutdown(context.Background())
}

func main() {
	var r runner = &server{srv: &http.Server{Addr: ":8080"}}
	go http.ListenAndServe("localhost:6060", nil) // pprof
	errs := make(chan error, 1)
	go func() { errs <- r.Run() }()
	<-errs
}
