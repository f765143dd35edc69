package cli

import (
	"strings"
	"testing"
)

// TestResolveFlags: -resolve and -platform are checked before anything is
// linted, resolve: in .gracelint.yaml is the default, and a base reference that
// does not parse is a finding at its FROM line, whatever the engine.
func TestResolveFlags(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+t.TempDir()+"/no-engine.sock")
	t.Setenv("GRACELINT_CACHE", "off")
	for _, tc := range []struct {
		name   string
		files  []string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"bad mode", nil, []string{"-resolve=remote"}, exitUsage, `invalid value "remote" for flag -resolve: "remote" is not one of local, registry, off`, ""},
		{"bad platform", nil, []string{"-platform=linux/"}, exitUsage, `gracelint: -platform "linux/": want os/arch[/variant]`, ""},
		{"bad mode in the config", []string{".gracelint.yaml", "resolve: everywhere\n"}, nil, exitUsage, `.gracelint.yaml:1:10: resolve: "everywhere" is not one of`, ""},
		{"unparseable reference", []string{"Dockerfile", "FROM Acme/Base:3\nCMD [\"app\"]\n"}, []string{"-no-color"}, exitFindings, "",
			"Dockerfile:1:1: error: FROM Acme/Base:3: the image reference does not parse"},
		{"off: the table only, no reference check", []string{"Dockerfile", "FROM Acme/Base:3\nCMD [\"app\"]\n"}, []string{"-resolve=off"}, exitClean, "", ""},
		{"off from the config", []string{"Dockerfile", "FROM Acme/Base:3\nCMD [\"app\"]\n", ".gracelint.yaml", "resolve: off\n"}, nil, exitClean, "", ""},
		{"no engine: silent", []string{"Dockerfile", "FROM acme.example/base:3\nCMD [\"app\"]\n"}, []string{"-resolve=local"}, exitClean, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, files(t, tc.files...), tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) || !strings.Contains(stdout, tc.stdout) || tc.stderr == "" && stderr != "" {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
		})
	}
	_, help, _ := run(t, t.TempDir(), "-help")
	for _, want := range []string{"-resolve MODE", "local", "registry", "off", "-platform os/arch[/variant]", "resolve in .gracelint.yaml"} {
		if !strings.Contains(help, want) {
			t.Errorf("-help does not say %q", want)
		}
	}
}
