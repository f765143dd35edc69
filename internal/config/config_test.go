package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		{"disabled: [GL101]\n", ":1:1: unknown key \"disabled\" (want disable, severity, fail-on, images)"},
		{"disable: [GL101\n", ":1: did not find expected"},
		// Wrong shapes name the position and what was wanted, never a Go type.
		{"disable: GL101\n", ":1:10: disable: want a list of rule ids or names"},
		{"disable: [[GL101]]\n", ":1:11: disable: want a single value"},
		{"fail-on: [error]\n", ":1:10: fail-on: want a single value"},
		{"severity:\n  GL101: [error]\n", ":2:10: severity: want a single value"},
		{"images:\n  debian: {x: y}\n", ":2:11: images: want a single value"},
		{"- GL101\n", ":1:1: want a mapping with the keys disable, severity, fail-on, images"},
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
	for _, content := range []string{"", "# nothing yet\n", "~\n", "disable:\nseverity:\nfail-on:\nimages:\n"} {
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
