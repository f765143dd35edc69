//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/asnobody"
)

// -fix in a folder the user may not write names the folder once, not each
// file of it with a temporary file's name, and the report still comes.
func TestFixInReadOnlyFolder(t *testing.T) {
	if !asnobody.Rerun(t) {
		return
	}
	const shellForm = "FROM debian:12\nCMD app --port 8080\n"
	dir := files(t, "ro/Dockerfile", shellForm, "ro/api.Dockerfile", shellForm, "rw/Dockerfile", shellForm)
	ro := filepath.Join(dir, "ro")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	code, stdout, stderr := run(t, dir, "-fix", "./...")
	if n := strings.Count(stderr, "ro"); n != 1 || !strings.Contains(stderr, "gracelint: cannot fix 2 files in ./ro: the folder is not writable") {
		t.Errorf("stderr names ro %d times:\n%s\nwant once, saying the folder is not writable", n, stderr)
	}
	if !strings.Contains(stderr, "gracelint: fixed ./rw/Dockerfile") || code != exitFindings || strings.Count(stdout, "GL101") != 2 {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant rw fixed and the two findings of ro reported", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(ro, "Dockerfile")); string(got) != shellForm {
		t.Errorf("ro/Dockerfile changed: %q", got)
	}
}
