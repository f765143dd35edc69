package a

import (
	"os"
	"os/signal"
	sys "syscall"

	"golang.org/x/sys/unix"
)

var ignored = []os.Signal{sys.SIGHUP, unix.SIGTERM}

const term = sys.Signal(15)

func explicit() {
	signal.Ignore(sys.SIGTERM)        // want `signal.Ignore ignores SIGTERM: docker stop waits the whole grace period and then SIGKILLs the program \(exit 137, no cleanup\)`
	signal.Ignore()                   // want `signal.Ignore\(\) with no arguments ignores every signal, SIGTERM included`
	signal.Ignore(ignored...)         // want `signal.Ignore ignores SIGTERM`
	signal.Ignore(os.Interrupt, term) // want `signal.Ignore ignores SIGTERM`
}

// Negative cases.

func harmless(sigs []os.Signal) {
	signal.Ignore(sys.SIGHUP, sys.SIGPIPE)
	signal.Reset(sys.SIGTERM)
	signal.Ignore(sigs...) // unknown: not reported
	c := make(chan os.Signal, 1)
	signal.Notify(c, sys.SIGTERM)
}
