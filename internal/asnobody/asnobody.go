//go:build unix

// Package asnobody lets a test about permissions run as the user nobody:
// root may read and write every folder, so such a test means nothing run as
// root, which is how CI runs the tests.
package asnobody

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Rerun reports whether the calling test should go on as it is: true when
// it does not run as root. As root it runs the test again in a copy of the
// test binary as nobody (through util-linux's setpriv), fails the test if
// that run does not pass, and returns false; without setpriv it skips, or
// fails under GRACELINT_RUNTIME=require, as CI runs.
func Rerun(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return true
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		msg := "running as root, which may read and write every folder, and no setpriv (util-linux) to run as nobody: " + err.Error()
		if os.Getenv("GRACELINT_RUNTIME") == "require" {
			t.Fatal("GRACELINT_RUNTIME=require, but " + msg)
		}
		t.Skip(msg)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "gracelint-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, filepath.Base(exe))
	if err := copyFile(exe, bin); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "GOCACHE="+filepath.Join(dir, "gocache"), "GRACELINT_CACHE=off", "TMPDIR="+os.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return false
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
