//go:build unix

package regularfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(file, []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	devZero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", devZero); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		limit      int64
		want       string // content, or the error's wording
		wantErr    error
	}{
		{"regular", file, 100, "FROM scratch\n", nil},
		{"exactly the limit", file, 13, "FROM scratch\n", nil},
		{"link to regular", link, 100, "FROM scratch\n", nil},
		{"over the limit", file, 12, "larger than 12 bytes", nil},
		{"named pipe, no writer: must not block", fifo, 100, "a named pipe", ErrNotRegular},
		{"link to a device", devZero, 100, "a character device", ErrNotRegular},
		{"directory", dir, 100, "a directory", ErrNotRegular},
		{"missing", filepath.Join(dir, "nope"), 100, "no such file", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Read(tc.path, tc.limit)
			if err == nil {
				if string(data) != tc.want {
					t.Fatalf("Read = %q, want %q", data, tc.want)
				}
				return
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read error = %v, want one saying %q", err, tc.want)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("Read error = %v, want errors.Is %v", err, tc.wantErr)
			}
		})
	}
}

func TestTooLargeIsTyped(t *testing.T) {
	_, err := ReadFrom(strings.NewReader("abcdef"), "x", 5)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 5 || tl.Path != "x" {
		t.Fatalf("ReadFrom error = %#v, want a *TooLargeError for x with limit 5", err)
	}
}
