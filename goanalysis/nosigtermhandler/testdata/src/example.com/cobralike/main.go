// The server function is handed to a command framework as a value; its
// SIGTERM subscription counts all the same.
package main

import (
	"context"
	"net/http"
	"os/signal"
	"syscall"
)

type command struct{ run func() error }

func (c *command) execute() error { return c.run() }

func main() {
	cmd := &command{run: serve}
	cmd.execute()
	select {}
}

func serve() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: ":8080"}
	go srv.ListenAndServe()
	<-ctx.Done()
	return srv.Shutdown(context.Background())
}
