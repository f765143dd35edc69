//go:build unix

package discover

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A file named on the command line inside a folder the user may not search
// is unreadable, not missing: it is reported and the other patterns go on.
func TestExplicitFileUnderUnreadableFolder(t *testing.T) {
	if os.Getuid() == 0 {
		rerunAsNobody(t)
		return
	}
	tree(t, "Dockerfile", "locked/Dockerfile")
	if err := os.Chmod("locked", 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod("locked", 0o755) })
	got, err := Resolve([]string{"locked/Dockerfile", "Dockerfile"})
	if err != nil {
		t.Fatalf("Resolve: %v, want locked/Dockerfile reported and the run going on", err)
	}
	if len(got.Dockerfiles) != 1 || got.Dockerfiles[0] != "Dockerfile" {
		t.Errorf("Dockerfiles = %v, want [Dockerfile]", got.Dockerfiles)
	}
	if len(got.Unreadable) != 1 || got.Unreadable[0].Path != filepath.Join("locked", "Dockerfile") || !errors.Is(got.Unreadable[0].Err, fs.ErrPermission) {
		t.Errorf("Unreadable = %v, want locked/Dockerfile: permission denied", got.Unreadable)
	}
}

// rerunAsNobody runs the calling test again in a copy of the test binary as
// the user nobody: root may search every folder, so permissions mean nothing
// to a test run as root (as CI runs them).
func rerunAsNobody(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skipf("running as root, which reads every folder, and no setpriv to run as nobody: %v", err)
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
	bin := filepath.Join(dir, "discover.test")
	if err := copyFile(exe, bin); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "GOCACHE="+dir, "TMPDIR="+os.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
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
