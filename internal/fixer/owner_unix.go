//go:build unix

package fixer

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the replacement file the owner and group of the original: the
// rename would otherwise hand a file in a mounted repository to whoever ran
// gracelint (root, in its image). Without the right to chown (a user fixing
// their own file) the owner is already theirs, so a failure is not an error.
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		f.Chown(int(st.Uid), int(st.Gid))
	}
}
