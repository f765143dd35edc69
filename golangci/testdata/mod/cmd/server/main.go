// An HTTP server that never subscribes to SIGTERM.
package main

import (
	"log"
	"net/http"
)

func main() { // want `^error: func main runs until stopped \(it serves HTTP with net/http.ListenAndServe\) but the program never subscribes to SIGTERM: .* \(GL201 no-sigterm-handler\)$`
	log.Fatal(http.ListenAndServe(":8080", nil))
}
