// SIGTERM is handled in a helper package: nothing to report.
package main

import (
	"context"
	"net/http"

	"example.com/helper"
)

func main() {
	ctx, stop := helper.Context()
	defer stop()
	srv := &http.Server{Addr: ":8080"}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	srv.ListenAndServe()
}
