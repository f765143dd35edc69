//go:build unix

package report

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

func TestPrintersDoNotReadSpecialFiles(t *testing.T) {
	// Fingerprints and suggestions read a finding's file again; by then it may
	// be a named pipe (no writer) or a link to /dev/zero.
	dir := t.TempDir()
	fifo := filepath.Join(dir, "Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	zero := filepath.Join(dir, "zero.Dockerfile")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	for _, file := range []string{fifo, zero} {
		f := finding.New(shellForm, file, 2, 1, 2, 8, "CMD runs under dash")
		f.Fixes = []finding.Fix{{Message: "exec form", Edits: []finding.Edit{{File: file, Start: 0, End: 3, New: "x"}}}}
		fs = append(fs, f)
	}
	rep := &Report{Findings: fs, Rules: rule.NewSet(shellForm), Root: dir}
	for _, name := range Names() {
		format, _ := Lookup(name)
		done := make(chan error)
		go func() { done <- format.Print(io.Discard, rep) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s printer blocked reading a finding's file", name)
		}
	}
}
