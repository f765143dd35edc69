// Command app is the service in the runtime tests' images: it shuts down cleanly
// on SIGTERM or SIGINT and says so, and prints its arguments.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	fmt.Printf("gracelint-test: ready, args %q\n", os.Args[1:])
	fmt.Println("gracelint-test: got", <-stop)
	fmt.Println("gracelint-test: cleanup done")
}
