// Package b declares signal lists that package a uses, to test VarFact.
package b

import (
	"os"
	"syscall"
)

// Stop is what a stops on.
var Stop = []os.Signal{os.Interrupt, syscall.SIGTERM} // want Stop:`signals\(SIGINT and SIGTERM\)`

// Reload is a single signal in a variable.
var Reload os.Signal = syscall.SIGHUP // want Reload:`signals\(SIGHUP\)`

// Dynamic cannot be worked out.
var Dynamic = pick() // want Dynamic:`signals\(others\)`

func pick() []os.Signal { return nil }
