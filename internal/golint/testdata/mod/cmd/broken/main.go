package main

import (
	"os"
	"os/signal"
)

func main() {
	var n int = "not a number"
	var s string = 42
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	_, _ = n, s
}
