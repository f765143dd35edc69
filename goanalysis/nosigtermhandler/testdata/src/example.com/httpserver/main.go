// An HTTP server that never handles SIGTERM.
package main

import (
	"log"
	"net/http"
)

func main() { // want `func main runs until stopped \(it serves HTTP with net/http.ListenAndServe\) but the program never subscribes to SIGTERM: docker stop makes the Go runtime end it at once with exit status 2, skipping deferred calls and cleanup`
	defer log.Print("never printed on docker stop")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
