// signal.Notify(c) with no signals subscribes to every signal, SIGTERM included.
package main

import (
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c)
	select {}
}
