package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetTool builds gracelint and runs it both ways on testdata/vetmod: as
// `go vet -vettool` (the unitchecker protocol, facts passed between packages in
// files) and as `gracelint ./...`. Both must report the same Go findings.
func TestVetTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gracelint and runs go vet")
	}
	bin := filepath.Join(t.TempDir(), "gracelint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	vet := exec.Command("go", "vet", "-vettool="+bin, "./...")
	vet.Dir = "testdata/vetmod"
	var vetOut bytes.Buffer
	vet.Stderr = &vetOut
	if err := vet.Run(); err == nil {
		t.Fatalf("go vet found nothing; output:\n%s", vetOut.String())
	}
	var diagnostics []string // "file:line:col: message"
	for line := range strings.Lines(vetOut.String()) {
		if strings.HasPrefix(line, "cmd/") {
			diagnostics = append(diagnostics, strings.TrimSpace(line))
		}
	}
	// GL201 needs the fact that serve.Run serves, from another package;
	// GL203 is local to the worker.
	for _, want := range []string{"cmd/api/main.go:10:6: func main runs until stopped", "cmd/worker/main.go:12:36: SIGKILL cannot be caught"} {
		if !containsPrefix(diagnostics, want) {
			t.Errorf("go vet -vettool: want a diagnostic starting %q; got:\n%s", want, vetOut.String())
		}
	}

	lint := exec.Command(bin, "./...")
	lint.Dir = "testdata/vetmod"
	lint.Env = append(os.Environ(), "GRACELINT_CACHE="+t.TempDir(), "NO_COLOR=1")
	out, err := lint.Output()
	if code := exitCode(err); code != 1 {
		t.Fatalf("gracelint exit status %d (%v), want 1; output:\n%s", code, err, out)
	}
	for _, d := range diagnostics {
		pos, msg, _ := strings.Cut(d, ": ")
		if !bytes.Contains(out, []byte("./"+pos+": ")) || !bytes.Contains(out, []byte(msg)) {
			t.Errorf("go vet reported %q, gracelint did not; gracelint output:\n%s", d, out)
		}
	}
	if got, want := bytes.Count(out, []byte("\n")), len(diagnostics); got != want {
		t.Errorf("gracelint printed %d lines, go vet %d diagnostics:\n%s", got, want, out)
	}
}

func containsPrefix(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
