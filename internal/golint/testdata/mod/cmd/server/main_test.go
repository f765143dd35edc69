package main

import (
	"os"
	"os/signal"
	"testing"
)

func TestMain(m *testing.M) {
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	os.Exit(m.Run())
}
