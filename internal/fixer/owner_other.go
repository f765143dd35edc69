//go:build !unix

package fixer

import (
	"io/fs"
	"os"
)

// keepOwner: ownership is not carried by a uid/gid pair here.
func keepOwner(*os.File, fs.FileInfo) {}
