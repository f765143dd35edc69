// Command slowcleanup handles SIGTERM as a real service does: its cleanup
// (draining, flushing) takes a second, so a stop with no grace period cuts it
// off while a stop with one lets it finish.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	fmt.Println("gracelint-test: ready")
	fmt.Println("gracelint-test: got", <-stop)
	time.Sleep(time.Second)
	fmt.Println("gracelint-test: cleanup done")
}
