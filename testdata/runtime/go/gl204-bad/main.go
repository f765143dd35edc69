// Command gl204-bad polls an unbuffered signal channel between units of work.
// signal.Notify never blocks to deliver, so SIGTERM is dropped unless a receive
// is waiting at that instant, and here none ever is.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	sigs := make(chan os.Signal)
	signal.Notify(sigs, syscall.SIGTERM)
	fmt.Println("gracelint-test: ready")
	for {
		select {
		case <-sigs:
			fmt.Println("gracelint-test: cleanup done")
			return
		default:
			time.Sleep(100 * time.Millisecond) // a unit of work
		}
	}
}
