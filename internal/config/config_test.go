package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

var (
	gl101 = &rule.Rule{ID: "GL101", Name: "shell-form-pid1", Severity: rule.Error}
	gl104 = &rule.Rule{ID: "GL104", Name: "shell-form-without-shell", Severity: rule.Error}
	rules = rule.NewSet(gl101, gl104)
)

func write(t *testing.T, dir, content string) string {
	t.Helper()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	p := write(t, t.TempDir(), `
disable: [GL104]
severity:
  shell-form-pid1: warning
fail-on: error
images:
  "registry.example.com/base*": dash
  myorg/tools: busybox
resolve: registry
`)
	c, err := Load(p, rules)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Disable[gl104] || c.Disable[gl101] {
		t.Errorf("Disable = %v", c.Disable)
	}
	if c.Severity[gl101] != rule.Warning {
		t.Errorf("Severity[GL101] = %v, want warning", c.Severity[gl101])
	}
	if c.FailOn != rule.Error {
		t.Errorf("FailOn = %v", c.FailOn)
	}
	if c.Resolve != imagefacts.Registry {
		t.Errorf("Resolve = %q, want registry", c.Resolve)
	}
	want := []Image{{"registry.example.com/base*", shell.Dash}, {"myorg/tools", shell.Ash}}
	if len(c.Images) != len(want) || c.Images[0] != want[0] || c.Images[1] != want[1] {
		t.Errorf("Images = %v, want %v (in file order)", c.Images, want)
	}
}

func TestLoadErrorsNamePosition(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"disable: [GL999]\n", ":1:11: unknown rule \"GL999\""},
		{"severity:\n  GL101: loud\n", ":2:10: severity: unknown severity \"loud\""},
		{"severity:\n  GL998: error\n", ":2:3: unknown rule \"GL998\""},
		{"fail-on: sometimes\n", ":1:10: fail-on:"},
		{"images:\n  debian: zsh\n", ":2:11: images: unknown shell \"zsh\""},
		{"images: [a]\n", ":1:9: images: want a mapping"},
		{"disabled: [GL101]\n", ":1:1: unknown key \"disabled\" (want disable, severity, fail-on, images, resolve)"},
		{"disable: [GL101\n", ":1: did not find expected"},
		// Wrong shapes name the position and what was wanted, never a Go type.
		{"disable: GL101\n", ":1:10: disable: want a list of rule ids or names"},
		{"disable: [[GL101]]\n", ":1:11: disable: want a single value"},
		{"fail-on: [error]\n", ":1:10: fail-on: want a single value"},
		{"severity:\n  GL101: [error]\n", ":2:10: severity: want a single value"},
		{"images:\n  debian: {x: y}\n", ":2:11: images: want a single value"},
		{"- GL101\n", ":1:1: want a mapping with the keys disable, severity, fail-on, images, resolve"},
		{"resolve: remote\n", ":1:10: resolve: \"remote\" is not one of local, registry, off"},
		{"resolve: [local]\n", ":1:10: resolve: want a single value"},
		{"fail-on: error\nfail-on: info\n", ":2:1: fail-on is set twice (first on line 1)"},
		{"fail-on: error\n---\nfail-on: info\n", ":2:1: a second YAML document"},
		{"\tdisable: []\n", "found character that cannot start any token"},
	} {
		p := write(t, t.TempDir(), tc.content)
		_, err := Load(p, rules)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p) {
			t.Errorf("Load(%q) error = %v, want it to start with the path and contain %q", tc.content, err, tc.want)
		}
	}
}

func TestLoadEmptyFile(t *testing.T) {
	for _, content := range []string{"", "# nothing yet\n", "~\n", "disable:\nseverity:\nfail-on:\nimages:\nresolve:\n"} {
		c, err := Load(write(t, t.TempDir(), content), rules)
		if err != nil || len(c.Disable) != 0 || c.FailOn != 0 {
			t.Errorf("file %q: %+v, %v", content, c, err)
		}
	}
}

func TestFindWalksUp(t *testing.T) {
	root := t.TempDir()
	p := write(t, root, "fail-on: error\n")
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Find(deep)
	if err != nil || got != p {
		t.Errorf("Find(%s) = %q, %v; want %q", deep, got, err, p)
	}
	if got, err := Find(t.TempDir()); err != nil || got != "" {
		t.Errorf("Find(empty dir) = %q, %v; want none", got, err)
	}
}

func TestLoadSpecialFiles(t *testing.T) {
	// A config that is a named pipe must not block the run, nor one linked to
	// /dev/zero exhaust memory: each is an error naming the file.
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := write(t, t.TempDir(), "# "+strings.Repeat("x", maxSize)+"\n")
	for _, tc := range []struct{ path, want string }{
		{fifo, "a named pipe"},
		{zero, "a character device"},
		{big, "larger than"},
	} {
		done := make(chan error)
		go func() {
			_, err := Load(tc.path, rules)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load(%s) error = %v, want one naming the file and saying %q", tc.path, err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) blocked", tc.path)
		}
	}
}

func TestLoadErrorsDoNotEchoHugeValues(t *testing.T) {
	huge := strings.Repeat("A", 512<<10)
	for _, content := range []string{
		"disable: [" + huge + "]\n",
		"severity:\n  GL101: " + huge + "\n",
		"images:\n  debian: " + huge + "\n",
		"images:\n  \"" + huge + "[\": dash\n",
		huge + ": 1\n",
	} {
		p := write(t, t.TempDir(), content)
		_, err := Load(p, rules)
		if err == nil || len(err.Error()) > 1000 || !strings.HasPrefix(err.Error(), p+":") {
			t.Errorf("Load(%.40q...) error of %d bytes, want one naming the position in under 1000 bytes", content, len(fmt.Sprint(err)))
		}
	}
}

func TestLoadBadImagePattern(t *testing.T) {
	p := write(t, t.TempDir(), "images:\n  debian: dash\n  \"[\": dash\n")
	_, err := Load(p, rules)
	if err == nil || !strings.HasPrefix(err.Error(), p+":3:3: images: bad pattern \"[\"") {
		t.Errorf("Load error = %v, want %s:3:3: images: bad pattern \"[\"...", err, p)
	}
}

func TestLoadAnchorsAndAliases(t *testing.T) {
	p := write(t, t.TempDir(), `
disable: &off [GL104]
severity: &sev
  GL101: warning
fail-on: &level error
images:
  base: &sh dash
  other: *sh
`)
	c, err := Load(p, rules)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Disable[gl104] || c.Severity[gl101] != rule.Warning || c.FailOn != rule.Error {
		t.Errorf("config = %+v", c)
	}
	want := []Image{{"base", shell.Dash}, {"other", shell.Dash}}
	if fmt.Sprint(c.Images) != fmt.Sprint(want) {
		t.Errorf("Images = %v, want %v", c.Images, want)
	}
	// An alias used as the whole of a setting.
	p = write(t, t.TempDir(), "images:\n  base: &sh dash\nseverity: {GL101: warning}\nfail-on: *sh\n")
	if _, err := Load(p, rules); err == nil || !strings.Contains(err.Error(), ":4:10: fail-on: unknown severity \"dash\"") {
		t.Errorf("Load error = %v, want the alias's value judged at its position", err)
	}
}

func TestFromSettings(t *testing.T) {
	c, err := FromSettings([]string{"shell-form-without-shell"}, map[string]string{"gl101": "Warning"}, rules)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Disable[gl104] || c.Disable[gl101] || len(c.Disable) != 1 {
		t.Errorf("Disable = %v, want GL104 only", c.Disable)
	}
	if c.Severity[gl101] != rule.Warning || len(c.Severity) != 1 {
		t.Errorf("Severity = %v, want GL101: warning", c.Severity)
	}
	for _, tc := range []struct {
		disable  []string
		severity map[string]string
		want     string
	}{
		{[]string{"GL999"}, nil, `disable: unknown rule "GL999" (see gracelint rules)`},
		{nil, map[string]string{"GL998": "error"}, `severity: unknown rule "GL998" (see gracelint rules)`},
		{nil, map[string]string{"GL101": "loud", "GL104": "louder"}, `severity: GL101: unknown severity "loud" (want error, warning or info)`},
	} {
		if _, err := FromSettings(tc.disable, tc.severity, rules); err == nil || err.Error() != tc.want {
			t.Errorf("FromSettings(%v, %v) = %v, want %s", tc.disable, tc.severity, err, tc.want)
		}
	}
}
