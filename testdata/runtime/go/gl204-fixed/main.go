// Command gl204-fixed polls a signal channel with room for one signal, so SIGTERM
// waits there until the next look.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	pending := make(chan os.Signal, 1)
	signal.Notify(pending, syscall.SIGTERM)
	fmt.Println("gracelint-test: ready")
	for len(pending) == 0 {
		time.Sleep(100 * time.Millisecond) // a unit of work
	}
	fmt.Println("gracelint-test: got", <-pending)
	fmt.Println("gracelint-test: cleanup done")
}
