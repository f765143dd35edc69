//go:build unix

package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/gracelint/gracelint/internal/asnobody"
)

// A file named on the command line inside a folder the user may not search
// is unreadable, not missing: it is reported and the other patterns go on.
func TestExplicitFileUnderUnreadableFolder(t *testing.T) {
	if !asnobody.Rerun(t) {
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
