package dockerlint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLintFilesSpecialDockerfile(t *testing.T) {
	// Discovery found a Dockerfile, then it was swapped for a named pipe (no
	// writer) or a link to /dev/zero: each is a GL000 naming it, and the other
	// files are still linted.
	dir := t.TempDir()
	good := filepath.Join(dir, "Dockerfile")
	os.WriteFile(good, []byte("FROM debian:12\nCMD app\n"), 0o644)
	fifo := filepath.Join(dir, "fifo.Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	zero := filepath.Join(dir, "zero.Dockerfile")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	type result struct {
		fs         []string
		unreadable int
	}
	done := make(chan result)
	go func() {
		fs, unreadable := LintFiles([]string{fifo, zero, good}, nil)
		var lines []string
		for _, f := range fs {
			lines = append(lines, fmt.Sprintf("%s %s:%d:%d %s", f.Rule.ID, filepath.Base(f.File), f.Line, f.Column, f.Message))
		}
		done <- result{lines, unreadable}
	}()
	select {
	case r := <-done:
		if r.unreadable != 2 {
			t.Errorf("unreadable = %d, want 2", r.unreadable)
		}
		got := strings.Join(r.fs, "\n")
		for _, want := range []string{"GL000 fifo.Dockerfile:1:1 cannot read", "a named pipe", "GL000 zero.Dockerfile:1:1 cannot read", "a character device", "GL101 Dockerfile:2:1"} {
			if !strings.Contains(got, want) {
				t.Errorf("findings lack %q:\n%s", want, got)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LintFiles blocked on a Dockerfile that is a named pipe")
	}
}
