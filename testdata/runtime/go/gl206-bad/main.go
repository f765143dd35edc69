// Command gl206-bad ignores SIGTERM, so docker stop can only SIGKILL it.
package main

import (
	"fmt"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	signal.Ignore(syscall.SIGTERM)
	defer fmt.Println("gracelint-test: cleanup done")
	fmt.Println("gracelint-test: ready")
	time.Sleep(time.Hour)
}
