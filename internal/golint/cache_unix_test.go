//go:build unix

package golint

import (
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// An entry replaced by a named pipe or a link to a device is a miss: the run
// neither blocks on the pipe nor reads /dev/zero until memory runs out.
func TestCacheSpecialFiles(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: t.TempDir(), Patterns: []string{"./lifecycle"}}
	want := lint(t, cfg)
	entry := cacheEntry(t, cfg, "example.com/mod/lifecycle")
	for name, mk := range map[string]func() error{
		"fifo":      func() error { return syscall.Mkfifo(entry, 0o666) },
		"/dev/zero": func() error { return os.Symlink("/dev/zero", entry) },
	} {
		if err := os.Remove(entry); err != nil {
			t.Fatal(err)
		}
		if err := mk(); err != nil {
			t.Fatal(err)
		}
		done := make(chan []string)
		go func() {
			c := cfg
			c.Analyzers, c.Rules = []*analysis.Analyzer{testAnalyzer}, testRules
			res, err := Lint(&c)
			if err != nil {
				done <- []string{err.Error()}
				return
			}
			done <- render(cfg.Dir, res.Findings)
		}()
		select {
		case got := <-done:
			if !slices.Equal(got, want) {
				t.Errorf("%s entry: got %q, want %q", name, got, want)
			}
		case <-time.After(5 * time.Minute):
			t.Fatalf("%s entry: the run hangs", name)
		}
		if info, err := os.Lstat(entry); err != nil || !info.Mode().IsRegular() {
			t.Errorf("%s entry: not replaced by a regular entry (%v)", name, err)
		}
	}
}
