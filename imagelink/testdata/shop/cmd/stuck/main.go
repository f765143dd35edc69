// Command stuck receives SIGTERM and only logs it.
package main

import (
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	go func() {
		for s := range c {
			log.Println("handle signal:", s)
		}
	}()
	http.ListenAndServe(":8080", nil)
}
