package findup

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNearest(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "a/go.work", "a/b/go.mod"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A dangling link still counts: it is there, and whoever reads it says why it fails.
	if err := os.Symlink("nowhere", filepath.Join(root, "a", ".gracelint.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"go.mod"}, "a/b/go.mod"},
		{[]string{"go.work", "go.mod"}, "a/b/go.mod"}, // the nearest directory wins over the order of names
		{[]string{"go.work"}, "a/go.work"},
		{[]string{".gracelint.yaml"}, "a/.gracelint.yaml"},
		{[]string{"nothing-here"}, ""},
	} {
		got, err := Nearest(deep, tc.names...)
		want := tc.want
		if want != "" {
			want = filepath.Join(root, tc.want)
		}
		if err != nil || got != want {
			t.Errorf("Nearest(%v) = %q, %v; want %q", tc.names, got, err, want)
		}
	}
}

func TestNearestOrderWithinADirectory(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"go.mod", "go.work"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := Nearest(dir, "go.work", "go.mod"); got != filepath.Join(dir, "go.work") {
		t.Errorf("got %q, want go.work: names are tried in order", got)
	}
}
