package fixer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

var testRule = &rule.Rule{ID: "GL101", Name: "shell-form-pid1", Severity: rule.Error}

const dockerfile = "FROM debian\nCMD app --port 80\nSTOPSIGNAL SIGKILL\n"

// write creates a file with content and mode in a fresh directory.
func write(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// replace is a finding whose fix replaces the first old in path's content by new.
func replace(t *testing.T, path, old, new string) finding.Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(src), old)
	if start < 0 {
		t.Fatalf("%q not in %s", old, path)
	}
	f := finding.New(testRule, path, 1, 1, 1, 1, "m")
	f.Fixes = []finding.Fix{{Message: "replace " + old, Edits: []finding.Edit{{File: path, Start: start, End: start + len(old), New: new, Sum: finding.ContentSum(src)}}}}
	return f
}

// readFile gives a plan every file, as it is on disk.
func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func TestPlanMergesFixesPerFile(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	fs := []finding.Finding{
		replace(t, path, "app --port 80", `["app", "--port", "80"]`),
		finding.New(testRule, path, 3, 1, 3, 1, "no fix"),
		replace(t, path, "SIGKILL", "SIGTERM"),
	}
	p := NewPlan(fs, readFile)
	if len(p.Refused) != 0 || len(p.Changes) != 1 {
		t.Fatalf("refused %v, %d changes", p.Refused, len(p.Changes))
	}
	if want := []bool{true, false, true}; !equal(p.Applied, want) {
		t.Errorf("Applied = %v, want %v", p.Applied, want)
	}
	want := "FROM debian\nCMD [\"app\", \"--port\", \"80\"]\nSTOPSIGNAL SIGTERM\n"
	if got := string(p.Changes[0].New); got != want {
		t.Errorf("new content %q, want %q", got, want)
	}
	name := filepath.ToSlash(filepath.Clean(path))
	wantDiff := "--- " + name + "\n+++ " + name + "\n@@ -1,3 +1,3 @@\n FROM debian\n-CMD app --port 80\n-STOPSIGNAL SIGKILL\n+CMD [\"app\", \"--port\", \"80\"]\n+STOPSIGNAL SIGTERM\n"
	if got := p.Changes[0].Diff(); got != wantDiff {
		t.Errorf("diff\n%s\nwant\n%s", got, wantDiff)
	}
}

func TestPlanRefusesOverlapWholeFix(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	first := replace(t, path, "app --port 80", "exec app --port 80")
	// The second fix has one harmless edit and one that overlaps the first fix:
	// it must be refused whole.
	second := replace(t, path, "--port", "-p")
	second.Fixes[0].Edits = append(second.Fixes[0].Edits, replace(t, path, "SIGKILL", "SIGTERM").Fixes[0].Edits...)
	p := NewPlan([]finding.Finding{first, second}, readFile)
	if !p.Applied[0] || p.Applied[1] {
		t.Fatalf("Applied = %v, want only the first", p.Applied)
	}
	if len(p.Refused) != 1 || !strings.Contains(p.Refused[0].Error(), "overlaps another fix") {
		t.Errorf("Refused = %v", p.Refused)
	}
	if got, want := string(p.Changes[0].New), "FROM debian\nCMD exec app --port 80\nSTOPSIGNAL SIGKILL\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPlanInsertionsAtOnePlaceConflict(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	a, b := replace(t, path, "", "# a\n"), replace(t, path, "", "# b\n")
	if p := NewPlan([]finding.Finding{a, b}, readFile); !p.Applied[0] || p.Applied[1] {
		t.Errorf("two different insertions at one offset: Applied = %v", p.Applied)
	}
}

func TestPlanSharesIdenticalEdits(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	f := replace(t, path, "SIGKILL", "SIGTERM")
	p := NewPlan([]finding.Finding{f, f}, readFile)
	if !p.Applied[0] || !p.Applied[1] || len(p.Refused) != 0 {
		t.Fatalf("Applied = %v, refused %v", p.Applied, p.Refused)
	}
	if strings.Count(string(p.Changes[0].New), "SIGTERM") != 1 {
		t.Errorf("identical edit applied twice: %q", p.Changes[0].New)
	}
}

func TestPlanRefusesBadEdits(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	outside := replace(t, path, "SIGKILL", "SIGTERM")
	outside.Fixes[0].Edits[0].End = len(dockerfile) + 1
	missing := replace(t, path, "SIGKILL", "SIGTERM")
	missing.Fixes[0].Edits[0].File = filepath.Join(t.TempDir(), "gone")
	p := NewPlan([]finding.Finding{outside, missing}, readFile)
	if p.Applied[0] || p.Applied[1] || len(p.Refused) != 2 || len(p.Changes) != 0 {
		t.Errorf("Applied %v, refused %v, changes %d", p.Applied, p.Refused, len(p.Changes))
	}
}

// A fix whose result is already in the file changes nothing: running -fix on a
// fixed file is a no-op.
func TestPlanNoOpFix(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGKILL")}, readFile)
	if len(p.Changes) != 0 {
		t.Errorf("a fix that changes nothing produced %d changes", len(p.Changes))
	}
}

func TestWriteKeepsModeAndLeavesNoTempFile(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o755} {
		path := write(t, dockerfile, mode)
		p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
		if err := p.Changes[0].Write(); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != mode {
			t.Errorf("mode %v became %v", mode, info.Mode().Perm())
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(p.Changes[0].New) {
			t.Errorf("file holds %q", got)
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Errorf("directory holds %d entries after Write, want 1", len(entries))
		}
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	target := write(t, dockerfile, 0o644)
	link := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	p := NewPlan([]finding.Finding{replace(t, link, "SIGKILL", "SIGTERM")}, readFile)
	if err := p.Changes[0].Write(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(target); !strings.Contains(string(got), "SIGTERM") {
		t.Errorf("target not fixed: %q", got)
	}
}

func TestWriteRefusesFileChangedMeanwhile(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	if err := os.WriteFile(path, []byte("FROM alpine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := p.Changes[0].Write(); err == nil {
		t.Error("Write overwrote a file that changed after it was read")
	}
	if got, _ := os.ReadFile(path); string(got) != "FROM alpine\n" {
		t.Errorf("file now holds %q", got)
	}
}

func equal(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDiffOfRelativePathHasGitPrefixes(t *testing.T) {
	d := Change{File: filepath.Join("svc", "Dockerfile"), Old: []byte("CMD a\n"), New: []byte("CMD [\"a\"]\n")}.Diff()
	if !strings.HasPrefix(d, "--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n") {
		t.Errorf("diff header:\n%s", d)
	}
}

// A fix in a mounted repository run as root must not hand the file to root.
func TestWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("changing a file's owner needs root")
	}
	path := write(t, dockerfile, 0o644)
	if err := os.Chown(path, 4242, 4343); err != nil {
		t.Fatal(err)
	}
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	if err := p.Changes[0].Write(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != 4242 || st.Gid != 4343 {
		t.Errorf("owner %d:%d, want 4242:4343", st.Uid, st.Gid)
	}
}

// Errors name the file being fixed, never the temporary file beside it.
func TestWriteErrorNamesTheFile(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	err := p.Changes[0].Write()
	if err == nil || err.Error() != "cannot fix "+path+": no such file or directory" {
		t.Errorf("error %v", err)
	}
}
