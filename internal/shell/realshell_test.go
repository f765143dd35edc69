package shell

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// The model must agree with the shells themselves. This test runs each string
// under the host's real bash (5.x), dash and BusyBox ash, with APP replaced by a
// command that prints the name of the process it runs in: when the shell exec'd
// it, that process is the shell's own PID ($$) and prints "cat"; when the shell
// stayed, it prints the shell's name.
func TestAnalyzeCommandAgreesWithRealShells(t *testing.T) {
	shells := []struct {
		family Family
		argv   []string
	}{
		{hostBash(t), []string{"bash", "-c"}},
		{Dash, []string{"dash", "-c"}},
		{Ash, []string{"busybox", "sh", "-c"}},
	}
	const app = "cat /proc/$$/comm"
	for _, cmd := range []string{
		"APP",
		"exec APP",
		"X=1 APP",
		"true; APP",
		"true && APP",
		"false || APP",
		"set -e; APP",
		"cd /; APP",
		"true\nAPP",
		"true; true && APP",
		"true; false || APP",
		"true && true && APP",
		"true & APP",
		"true && true; APP",
		"true; exec APP",
		"true & exec APP",
		"true && exec APP",
		"APP > /dev/stdout",
		"APP; true",
		"APP | cat",
		"( APP )",
		"{ APP; }",
		"if true; then APP; fi",
		"trap 'exit 0' TERM; APP",
		"! APP",
	} {
		for _, sh := range shells {
			if _, err := exec.LookPath(sh.argv[0]); err != nil {
				t.Logf("skipping %s: %v", sh.argv[0], err)
				continue
			}
			s := strings.ReplaceAll(cmd, "APP", app)
			out, err := exec.Command(sh.argv[0], append(sh.argv[1:], s)...).Output()
			got := strings.TrimSpace(string(out))
			if err != nil && got == "" {
				t.Fatalf("%s -c %q: %v", sh.argv[0], s, err)
			}
			really := got == "cat"
			v, err := AnalyzeCommand(sh.family, s)
			if err != nil {
				t.Fatalf("AnalyzeCommand(%v, %q): %v", sh.family, s, err)
			}
			if v.Execs != really {
				t.Errorf("%s -c %q: the shell really exec'd: %v (process %q); the model says %v (%s)",
					sh.argv[0], cmd, really, got, v.Execs, v.Reason)
			}
		}
	}
}

// hostBash is the family of the host's bash, by its release.
func hostBash(t *testing.T) Family {
	out, err := exec.Command("bash", "-c", `echo "${BASH_VERSINFO[0]} ${BASH_VERSINFO[1]}"`).Output()
	if err != nil {
		return Bash // no bash: the test skips it
	}
	var major, minor int
	if _, err := fmt.Sscan(string(out), &major, &minor); err != nil {
		t.Fatalf("bash release %q: %v", out, err)
	}
	switch {
	case major > 5 || major == 5 && minor >= 1:
		return Bash
	case major > 4 || major == 4 && minor >= 4:
		return Bash44
	}
	return Bash4
}
