package dockerlint

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// notExecutable are command names exec cannot run: the builtins and keywords of
// dash and bash, which exist only inside the shell. `exec command app` fails
// in dash with "exec: command: not found", exit 127.
var notExecutable = []string{
	"command", "cd", "ulimit", "umask", "wait", ":", "true", "false", "builtin", "echo", "printf",
	"test", "[", "eval", "set", "export", "readonly", "unset", "hash", "type", "kill", "pwd", "chdir",
	"getopts", "read", "alias", "local", "times", "trap", "shift", "source", ".", "time",
}

// Every exec the fix adds runs on the host's real dash and bash: the rewritten
// string starts the app (exit 0, not 127), and no exec goes in front of a
// builtin, a keyword or a function the string defines.
func TestExecFixRunsOnRealShells(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "app"), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var shells []string
	for _, sh := range []string{"dash", "bash"} {
		if path, err := exec.LookPath(sh); err == nil {
			shells = append(shells, path)
		}
	}
	if len(shells) == 0 {
		if os.Getenv("GRACELINT_RUNTIME") == "require" {
			t.Fatal("neither dash nor bash on PATH (GRACELINT_RUNTIME=require)")
		}
		t.Skip("neither dash nor bash on PATH")
	}
	var cmds []string
	for _, name := range notExecutable {
		cmds = append(cmds, name+" app --port 8080", "mkdir -p /tmp && "+name+" app --port 8080")
	}
	cmds = append(cmds,
		"f() { app; }; f",
		"app() { :; }; app --port 8080",
		"cd /tmp && app --port 8080",
		"umask 022 && app --port 8080",
		"ulimit -n 256 && app --port 8080",
		"true && app --port 8080",
	)
	for _, cmd := range cmds {
		src := []byte("FROM debian:12\nCMD " + cmd + "\n")
		var fixed []byte
		for _, f := range Lint("Dockerfile", src, nil) {
			if len(f.Fixes) > 0 {
				fixed = applyFix(t, src, &f.Fixes[0])
			}
		}
		if fixed == nil {
			continue
		}
		_, _, str := lastCommand(t, fixed)
		if node, _, _ := lastCommand(t, fixed); node.Attributes["json"] {
			continue // exec form: no shell, checked by the golden tests
		}
		for _, name := range append(notExecutable, "f") {
			if strings.Contains(str, "exec "+name+" ") {
				t.Errorf("CMD %s: the fix puts exec in front of %q: %s", cmd, name, str)
			}
		}
		for _, sh := range shells {
			c := exec.Command(sh, "-c", str)
			c.Env = []string{"PATH=" + bin + ":/usr/bin:/bin"}
			c.Dir = t.TempDir()
			out, err := c.CombinedOutput()
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() == 127 || err != nil && exit == nil {
				t.Errorf("CMD %s fixed to %q: %s -c fails: %v %s", cmd, str, sh, err, out)
			}
		}
	}
}
