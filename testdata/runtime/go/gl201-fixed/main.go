// Command gl201-fixed serves HTTP and shuts the server down on SIGTERM.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: "127.0.0.1:8080"}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	fmt.Println("gracelint-test: ready")
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		fmt.Println(err)
		return
	}
	fmt.Println("gracelint-test: cleanup done")
}
