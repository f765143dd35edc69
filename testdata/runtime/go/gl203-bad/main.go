// Command gl203-bad asks for os.Kill, which can never be caught, instead of SIGTERM.
package main

import (
	"fmt"
	"os"
	"os/signal"
)

func main() {
	quit := make(chan os.Signal, 1)
	signal.Notify(quit, os.Interrupt, os.Kill)
	fmt.Println("gracelint-test: ready")
	<-quit
	fmt.Println("gracelint-test: cleanup done")
}
