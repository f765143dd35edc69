// A SIGHUP handler next to a SIGTERM subscription made in a helper package is fine.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"helper"
)

func main() {
	ctx, stop := helper.Context()
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	srv := &http.Server{Addr: ":8080"}
	go srv.ListenAndServe()
	for {
		select {
		case <-hup:
			reloadConfig()
		case <-ctx.Done():
			srv.Shutdown(context.Background())
			return
		}
	}
}

func reloadConfig() {}

// Unknown signal lists are not judged.
func subscribe(sigs []os.Signal) {
	signal.Notify(make(chan os.Signal, 1), sigs...)
}
