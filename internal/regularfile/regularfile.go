// Package regularfile is the one way gracelint opens a file it reads: a
// Dockerfile, a script, a config, a cache entry, a manifest. Only a regular
// file of bounded size is read; a named pipe, a device or a directory is an
// error, decided on the open file itself, so that a file swapped for a FIFO
// after discovery cannot block the run and a link to /dev/zero cannot exhaust
// memory.
package regularfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxSource bounds a source file gracelint lints, fixes or quotes again in a
// report: a Dockerfile or a Go file. Hand-written ones are kilobytes; the
// largest generated Go files in the wild are a few megabytes.
const MaxSource = 32 << 20

// ErrNotRegular is the error of a file that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// A TooLargeError is the error of a file larger than the reader's limit.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %d bytes, the most gracelint reads of such a file", e.Path, e.Limit)
}

// Open opens name for reading when it is a regular file (after symbolic
// links). The check is made on the opened file: opening never blocks, even on
// a named pipe.
func Open(name string) (*os.File, error) {
	f, err := openNonBlocking(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind(info.Mode()))}
	}
	return f, nil
}

// Read returns the content of the regular file name, which must hold at most
// limit bytes.
func Read(name string, limit int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadFrom(f, name, limit)
}

// ReadFrom reads r, named name in errors, to its end, which must come within
// limit bytes.
func ReadFrom(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: name, Limit: limit}
	}
	return data, nil
}

// kind names a file type in words a message can quote.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}
