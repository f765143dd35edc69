package golint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/finding"
)

// plantOld writes a file that is not the cache's, last changed a month ago.
func plantOld(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not gracelint's\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-30 * 24 * time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

// GRACELINT_CACHE pointing at a directory gracelint did not create, such as a
// repository's .git/objects, neither loses files nor gets entries.
func TestCacheLeavesForeignDirectory(t *testing.T) {
	dir := copyModule(t)
	foreign := filepath.Join(t.TempDir(), "objects")
	key := strings.Repeat("ab", 32)
	planted := []string{
		filepath.Join(foreign, "ab", strings.Repeat("cd", 19)), // a git object
		filepath.Join(foreign, "ab", key),                      // named as an entry
		filepath.Join(foreign, "info", "packs"),
	}
	for _, p := range planted {
		plantOld(t, p)
	}
	cfg := Config{Dir: dir, CacheDir: foreign}
	first := lint(t, cfg)
	if second := lint(t, cfg); !slices.Equal(first, second) {
		t.Errorf("second run: %q, want %q", second, first)
	}
	var files []string
	filepath.WalkDir(foreign, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	slices.Sort(files)
	slices.Sort(planted)
	if !slices.Equal(files, planted) {
		t.Errorf("the foreign directory holds %q, want only %q", files, planted)
	}
}

// In its own directory the cache trims its old entries, and nothing else.
func TestCacheTrimsOnlyItsEntries(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: filepath.Join(t.TempDir(), "cache")}
	lint(t, cfg) // creates and tags the directory
	ours := filepath.Join(cfg.CacheDir, "ab", strings.Repeat("ab", 32))
	theirs := []string{filepath.Join(cfg.CacheDir, "ab", "notes.txt"), filepath.Join(cfg.CacheDir, "ab", strings.Repeat("AB", 32))}
	for _, p := range append(theirs, ours) {
		plantOld(t, p)
	}
	if err := os.Remove(filepath.Join(cfg.CacheDir, "trimmed")); err != nil {
		t.Fatal(err)
	}
	lint(t, cfg)
	if _, err := os.Stat(ours); err == nil {
		t.Errorf("an old entry was not trimmed")
	}
	for _, p := range theirs {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("trim deleted %s, which the cache did not write", p)
		}
	}
}

// A cache entry that is not what the cache wrote for this key is a miss, and
// is written again: it hides no finding and brings in no fix to a file
// outside the package.
func TestCacheRejectsBadEntries(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: t.TempDir(), Patterns: []string{"./lifecycle"}}
	want := lint(t, cfg)
	if len(want) == 0 {
		t.Fatal("lifecycle has no finding")
	}
	entry := cacheEntry(t, cfg, "example.com/mod/lifecycle")
	good, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	var valid cachedResult
	if err := json.Unmarshal(good, &valid); err != nil || len(valid.Findings) == 0 || len(valid.Findings[0].Fixes) == 0 {
		t.Fatalf("entry %s: %v", good, err)
	}
	victim := filepath.Join(dir, "..", "victim.txt")
	tamper := func(change func(e *cachedResult)) string {
		var e cachedResult
		json.Unmarshal(good, &e)
		change(&e)
		data, _ := json.Marshal(e)
		return string(data)
	}
	edit := func(e *cachedResult) *finding.Edit { return &e.Findings[0].Fixes[0].Edits[0] }
	for name, content := range map[string]string{
		"null":              "null",
		"empty object":      "{}",
		"no findings":       tamper(func(e *cachedResult) { e.Findings = nil }),
		"another key":       tamper(func(e *cachedResult) { e.Key = strings.Repeat("0", 64) }),
		"finding elsewhere": tamper(func(e *cachedResult) { e.Findings[0].File = victim }),
		"fix elsewhere":     tamper(func(e *cachedResult) { edit(e).File = victim }),
		"fix on other text": tamper(func(e *cachedResult) { edit(e).Sum = finding.ContentSum([]byte("other")) }),
		"unknown rule":      tamper(func(e *cachedResult) { e.Findings[0].Rule = "GL999" }),
		"truncated":         string(good[:len(good)/2]),
	} {
		if err := os.WriteFile(entry, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		if got := lint(t, cfg); !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
		if again, _ := os.ReadFile(entry); string(again) != string(good) {
			t.Errorf("%s: the entry was not written again: %s", name, again)
		}
	}
}
