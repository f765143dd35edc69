// Package unix is a stand-in for golang.org/x/sys/unix: its signals are
// syscall.Signal constants, as in the real package.
package unix

import "syscall"

const (
	SIGINT  = syscall.Signal(0x2)
	SIGKILL = syscall.Signal(0x9)
	SIGTERM = syscall.Signal(0xf)
)
