// Package server serves HTTP for its caller.
package server

import "net/http"

// Run blocks serving on addr.
func Run(addr string) error {
	srv := &http.Server{Addr: addr}
	return srv.ListenAndServe()
}
