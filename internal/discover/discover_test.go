package discover

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestIsDockerfile(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "dockerfile": true, "Containerfile": true,
		"api.Dockerfile": true, "api.dockerfile": true,
		"Dockerfile.prod": true, "Containerfile.dev": true,
		"Dockerfile.dockerignore": false, "Dockerfile.md": false,
		"Dockerfile.template": false, "Dockerfile.tmpl": false,
		".dockerignore": false, "Dockerfile-old": false, "main.go": false, "README.md": false,
	} {
		if got := IsDockerfile(name); got != want {
			t.Errorf("IsDockerfile(%q) = %v, want %v", name, got, want)
		}
	}
}

// tree creates files (with parents) under a fresh directory and chdirs into it.
func tree(t *testing.T, files ...string) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

func TestResolve(t *testing.T) {
	tree(t, "Dockerfile", "svc/api.Dockerfile", "svc/main.go", "svc/deep/Containerfile",
		".git/Dockerfile", "vendor/x/Dockerfile", "node_modules/y/Dockerfile", "testdata/Dockerfile",
		"svc/testdata/Dockerfile", "docs/Dockerfile.md", "odd-name")
	if err := os.WriteFile("docs/Dockerfile.md", []byte("# The Dockerfile\n\nIt builds from alpine.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		patterns    []string
		dockerfiles []string
		goPatterns  []string
	}{
		{nil, []string{"Dockerfile", "svc/api.Dockerfile", "svc/deep/Containerfile"}, []string{"./..."}},
		{[]string{"./..."}, []string{"Dockerfile", "svc/api.Dockerfile", "svc/deep/Containerfile"}, []string{"./..."}},
		// Go patterns are relative paths: go list reads "svc/..." and "svc" as import paths.
		{[]string{"svc/..."}, []string{"svc/api.Dockerfile", "svc/deep/Containerfile"}, []string{"./svc/..."}},
		{[]string{"./svc"}, []string{"svc/api.Dockerfile"}, []string{"./svc"}},
		{[]string{"svc"}, []string{"svc/api.Dockerfile"}, []string{"./svc"}},
		// Explicit paths are always linted, even under skipped directories or with other names.
		{[]string{"testdata/Dockerfile", "odd-name"}, []string{"odd-name", "testdata/Dockerfile"}, nil},
		{[]string{"svc/main.go"}, nil, []string{"./svc"}},
		// The same file named twice is linted once.
		{[]string{"Dockerfile", "./Dockerfile"}, []string{"Dockerfile"}, nil},
	} {
		got, err := Resolve(tc.patterns)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tc.patterns, err)
		}
		var slashed []string
		for _, d := range got.Dockerfiles {
			slashed = append(slashed, filepath.ToSlash(d))
		}
		if !slices.Equal(slashed, tc.dockerfiles) || !slices.Equal(got.GoPatterns, tc.goPatterns) {
			t.Errorf("Resolve(%q) = %q, %q; want %q, %q", tc.patterns, slashed, got.GoPatterns, tc.dockerfiles, tc.goPatterns)
		}
	}
}

func TestResolveMissing(t *testing.T) {
	tree(t)
	for _, p := range []string{"nope", "nope/...", "nope/Dockerfile"} {
		if _, err := Resolve([]string{p}); err == nil {
			t.Errorf("Resolve(%q): want an error for a path that does not exist", p)
		}
	}
	// A flag after the patterns is a pattern to Go's flag package: the
	// error names it, for the caller to say so.
	var missing *MissingError
	if _, err := Resolve([]string{"./...", "-fix"}); !errors.As(err, &missing) || missing.Pattern != "-fix" {
		t.Errorf("Resolve(./... -fix) error = %v, want a MissingError for -fix", err)
	}
}

// A FIFO named explicitly is reported as unreadable, never read (that would
// block), and the other patterns are still resolved.
func TestResolveFIFO(t *testing.T) {
	tree(t, "Dockerfile")
	if err := syscall.Mkfifo("fifo", 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Resolve([]string{"fifo", "Dockerfile"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Unreadable) != 1 || got.Unreadable[0].Path != "fifo" || !slices.Equal(got.Dockerfiles, []string{"Dockerfile"}) {
		t.Errorf("Resolve(fifo, Dockerfile) = %+v", got)
	}
}

// docker build follows a Dockerfile that is a symbolic link, so every kind of
// pattern lints it; a dangling link is kept, to be reported as unreadable.
func TestResolveSymlinks(t *testing.T) {
	tree(t, "build/prod.txt", "svc/x")
	for link, target := range map[string]string{
		"Dockerfile": "build/prod.txt", "svc/Dockerfile": "../nowhere", "svc/Dockerfile.dir": "../build",
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo("svc/Dockerfile.fifo", 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		patterns    []string
		dockerfiles []string
	}{
		{[]string{"./..."}, []string{"Dockerfile", "svc/Dockerfile"}},
		{[]string{"."}, []string{"Dockerfile"}},
		{[]string{"svc"}, []string{"svc/Dockerfile"}},
		{[]string{"svc/Dockerfile"}, []string{"svc/Dockerfile"}},
	} {
		got, err := Resolve(tc.patterns)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tc.patterns, err)
		}
		if !slices.Equal(got.Dockerfiles, tc.dockerfiles) {
			t.Errorf("Resolve(%q) = %q, want %q", tc.patterns, got.Dockerfiles, tc.dockerfiles)
		}
	}
}

// A directory a walk cannot read (a container volume owned by another user,
// mode 700) is skipped and named, and the rest of the tree is still linted. As
// root nothing is unreadable for lack of permission, so the test builds a
// directory whose path is longer than the kernel accepts.
func TestResolveSkipsUnreadableDirectories(t *testing.T) {
	tree(t, "Dockerfile", "data/x")
	top, _ := os.Getwd()
	if err := os.Chdir("data"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("d", 250)
	for range 20 { // 20 × 251 bytes is more than PATH_MAX
		if err := os.Mkdir(long, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(long); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile("Dockerfile", []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(top); err != nil {
		t.Fatal(err)
	}
	got, err := Resolve([]string{"./..."})
	if err != nil {
		t.Fatalf("Resolve(./...): %v", err)
	}
	if !slices.Equal(got.Dockerfiles, []string{"Dockerfile"}) || len(got.Skipped) != 1 || !strings.HasPrefix(got.Skipped[0].Path, "data/"+long) {
		t.Errorf("Resolve(./...) = %q, skipped %v; want the top Dockerfile and one skipped directory", got.Dockerfiles, got.Skipped)
	}
}

func TestWalkRoot(t *testing.T) {
	for pattern, want := range map[string]string{
		"...": ".", "./...": ".", "/...": "/", "svc/...": "svc", "./svc/...": "./svc", "/srv/app/...": "/srv/app",
	} {
		if got, ok := walkRoot(pattern); !ok || filepath.ToSlash(got) != want {
			t.Errorf("walkRoot(%q) = %q, %v; want %q", pattern, got, ok, want)
		}
	}
	if _, ok := walkRoot("svc"); ok {
		t.Error(`walkRoot("svc") claims a walk`)
	}
}

func TestGoDirPattern(t *testing.T) {
	for dir, want := range map[string]string{
		"svc": "./svc", "..foo": "./..foo", "..": "..", "../x": "../x", ".": ".", "./x": "./x", "/abs": "/abs",
	} {
		if got := filepath.ToSlash(goDirPattern(filepath.FromSlash(dir))); got != want {
			t.Errorf("goDirPattern(%q) = %q, want %q", dir, got, want)
		}
	}
}
