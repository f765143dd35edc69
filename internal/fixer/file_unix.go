//go:build unix

package fixer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"github.com/gracelint/gracelint/internal/regularfile"
)

// lock opens path and takes an exclusive flock on it, as every gracelint run
// does before it replaces a file. A run that waited may find path renamed over
// meanwhile: the lock it got is on the old file, so it opens path again.
func lock(path string) (*os.File, fs.FileInfo, error) {
	for {
		f, err := regularfile.Open(path)
		if err != nil {
			return nil, nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, nil, err
		}
		locked, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		now, err := os.Stat(path)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		if os.SameFile(locked, now) {
			return f, locked, nil
		}
		f.Close()
	}
}

// replaceable refuses a file that a rename must not replace: a read-only one,
// one the user could not write (a writable directory lets them replace it, but
// it is not theirs to change), and one with other hard links, which would keep
// the old content.
func replaceable(path string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("it is read-only (mode %04o); make it writable to let gracelint fix it", info.Mode().Perm())
	}
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("you cannot write it (%w), so gracelint does not replace it", err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		return fmt.Errorf("it has %d hard links, which a fix would split (the other names would keep the old content); apply the fix by hand", st.Nlink)
	}
	return nil
}

// keepOwner gives the replacement file the owner and group of the original: the
// rename would otherwise hand a file in a mounted repository to whoever ran
// gracelint (root, in its image). When that cannot be done, the file is not
// replaced.
func keepOwner(f *os.File, info fs.FileInfo) error {
	want, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	f.Chown(int(want.Uid), int(want.Gid)) // fails without the right, when the owner is already right
	got, err := f.Stat()
	if err != nil {
		return err
	}
	if st := got.Sys().(*syscall.Stat_t); st.Uid != want.Uid || st.Gid != want.Gid {
		return errors.New("the new file could not keep its owner and group " + fmt.Sprint(want.Uid, ":", want.Gid) + "; run gracelint as its owner")
	}
	return nil
}

// raise ends the process with sig, as if its handler had never been installed.
func raise(sig os.Signal) {
	if s, ok := sig.(syscall.Signal); ok {
		syscall.Kill(os.Getpid(), s)
	}
}
