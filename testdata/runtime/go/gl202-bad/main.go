// Command gl202-bad waits for Ctrl-C only; docker stop sends SIGTERM.
package main

import (
	"fmt"
	"os"
	"os/signal"
)

func main() {
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	fmt.Println("gracelint-test: ready")
	<-interrupt
	fmt.Println("gracelint-test: cleanup done")
}
