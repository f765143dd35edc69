// Package service is a server that shuts down on SIGTERM.
package service

import (
	"context"
	"net/http"
	"os/signal"
	"syscall"
)

type Server struct{ srv *http.Server }

func New() *Server { return &Server{srv: &http.Server{Addr: ":8080"}} }

// Run serves until SIGTERM.
func (s *Server) Run() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	go s.srv.ListenAndServe()
	<-ctx.Done()
	return s.srv.Shutdown(context.Background())
}
