// A server whose SIGTERM handling lives in another package: nothing to report.
package main

import (
	"context"
	"net/http"

	"example.com/gl/stop"
)

func main() {
	ctx, cancel := stop.Context()
	defer cancel()
	srv := &http.Server{Addr: ":8080"}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	srv.ListenAndServe()
}
