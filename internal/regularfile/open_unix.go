//go:build unix

package regularfile

import (
	"os"
	"syscall"
)

// openNonBlocking opens name without waiting for a writer, as opening a named
// pipe for reading otherwise does; O_NONBLOCK changes nothing for the reads
// of a regular file.
func openNonBlocking(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
