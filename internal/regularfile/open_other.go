//go:build !unix

package regularfile

import "os"

// openNonBlocking opens name; these systems have no named pipes in the file
// system that an open could wait on.
func openNonBlocking(name string) (*os.File, error) {
	return os.Open(name)
}
