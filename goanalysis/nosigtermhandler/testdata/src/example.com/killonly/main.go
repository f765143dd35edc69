// A server that subscribes to os.Kill instead of SIGTERM: GL203 reports the
// call, with a fix that puts SIGTERM in its place, so GL201 keeps quiet.
package main

import (
	"net/http"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Kill)
	go http.ListenAndServe(":8080", nil)
	<-c
}
