package a

import (
	"os"
	"os/signal"
)

func onlyKill() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, os.Kill) // want `did you mean syscall.SIGTERM`
}
