// A server that logs SIGTERM and carries on.
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
	signal.Notify(c, syscall.SIGTERM) // want `^error: SIGTERM is delivered to c but the loop that receives it \(line 16\) never ends the program: .* \(GL205 sigterm-ignored\)$`
	go func() {
		for s := range c {
			log.Println("got", s)
		}
	}()
	log.Fatal(http.ListenAndServe(":8080", nil))
}
