// A main whose serving happens in another package.
package main

import "example.com/server"

func main() { // want `func main runs until stopped \(it serves HTTP with \(\*net/http.Server\).ListenAndServe, in server.Run\) but the program never subscribes to SIGTERM`
	run()
}

func run() { server.Run(":8080") }
