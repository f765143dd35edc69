// A server that ignores SIGTERM outright.
package main

import (
	"log"
	"net/http"
	"os/signal"
	"syscall"
)

func main() { // want `^error: func main runs until stopped .* \(GL201 no-sigterm-handler\)$`
	signal.Ignore(syscall.SIGTERM) // want `^error: signal.Ignore ignores SIGTERM: .* \(GL206 sigterm-ignored-explicitly\)$`
	log.Fatal(http.ListenAndServe(":8080", nil))
}
