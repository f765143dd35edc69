//go:build !unix

package fixer

import (
	"io/fs"
	"os"

	"github.com/gracelint/gracelint/internal/regularfile"
)

// lock opens path; there is no flock here, so runs fixing the same file at once
// rely on the compare before the rename alone.
func lock(path string) (*os.File, fs.FileInfo, error) {
	f, err := regularfile.Open(path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// replaceable refuses a read-only file.
func replaceable(path string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o222 == 0 {
		return fs.ErrPermission
	}
	return nil
}

// keepOwner: ownership is not carried by a uid/gid pair here.
func keepOwner(*os.File, fs.FileInfo) error { return nil }

// raise ends the process as the signal would have.
func raise(os.Signal) { os.Exit(2) }
