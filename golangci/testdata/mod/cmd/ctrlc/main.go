// A server that stops on Ctrl-C only.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt) // want `^error: signal.Notify subscribes to SIGINT but not SIGTERM: .*; add syscall.SIGTERM \(GL202 interrupt-only\)$`
	srv := &http.Server{Addr: ":8080"}
	go func() {
		<-c
		srv.Shutdown(context.Background())
	}()
	srv.ListenAndServe()
}
