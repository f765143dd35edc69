package shell

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The model must agree with the shells themselves. This test runs each string
// under the host's real bash (5.x), dash and BusyBox ash, and the static builds
// of bash 4.2, 4.4 and 5.0 (oldBashes), with APP replaced by a command that
// prints the name of the process it runs in: when the shell exec'd it, that
// process is the shell's own PID ($$) and prints "cat"; when the shell stayed,
// it prints the shell's name.
func TestAnalyzeCommandAgreesWithRealShells(t *testing.T) {
	type realShell struct {
		family Family
		argv   []string
	}
	shells := []realShell{
		{hostBash(t), []string{"bash", "-c"}},
		{Dash, []string{"dash", "-c"}},
		{Ash, []string{"busybox", "sh", "-c"}},
	}
	for _, b := range oldBashes(t) {
		shells = append(shells, realShell{b.family, []string{b.path, "-c"}})
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
		// Multi-line strings, as YAML block scalars write them.
		"APP\n",
		"APP\n\n",
		"APP\n ",
		"APP\n# comment",
		"APP # comment",
		"APP\n# comment\n",
		"true\nAPP\n",
		"true && APP\n",
		"true; APP\n",
		"true\n\nAPP",
		"exec APP\n\n",
		"APP;\n",
		"  APP  ",
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
				t.Errorf("%s -c %q (%v): the shell really exec'd: %v (process %q); the model says %v (%s)",
					filepath.Base(sh.argv[0]), cmd, sh.family, really, got, v.Execs, v.Reason)
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

// An oldBash is a static build of an old bash release.
type oldBash struct {
	family Family
	path   string
}

// oldBashes are the static builds of bash 4.2, 4.4 and 5.0 that
// ../shared/shells/build-bash.sh makes (.ci/run builds them) in
// $GRACELINT_SHELLS, by default the user cache directory's gracelint/shells.
// Without them the test runs on the host's shells only, unless
// GRACELINT_RUNTIME=require, which makes a missing build a failure.
func oldBashes(t *testing.T) []oldBash {
	dir := os.Getenv("GRACELINT_SHELLS")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Logf("no old bash releases: %v", err)
			return nil
		}
		dir = filepath.Join(cache, "gracelint", "shells")
	}
	var found []oldBash
	for _, b := range []struct {
		version string
		family  Family
	}{{"4.2", Bash4}, {"4.4", Bash44}, {"5.0", Bash44}} {
		p := filepath.Join(dir, "bash-"+b.version)
		if _, err := os.Stat(p); err != nil {
			msg := fmt.Sprintf("no static bash %s at %s: build it with ../shared/shells/build-bash.sh %s %s", b.version, p, b.version, dir)
			if os.Getenv("GRACELINT_RUNTIME") == "require" {
				t.Error("GRACELINT_RUNTIME=require, but " + msg)
			} else {
				t.Log("skipping bash " + b.version + ": " + msg)
			}
			continue
		}
		found = append(found, oldBash{b.family, p})
	}
	return found
}

// A word of the form NAME=value is an assignment only when NAME is a valid
// name; otherwise bash and dash run it as a command (mvdan.cc/sh's bash parser
// takes 0=0[ as an assignment to "0"). The real shells decide: a command that
// is not found exits 127, an assignment exits 0.
func TestInvalidAssignmentIsACommand(t *testing.T) {
	shells := []struct {
		family Family
		name   string
	}{{hostBash(t), "bash"}, {Dash, "dash"}}
	for _, cmd := range []string{"0=0[", "0=0", "1a=b", "a-b=c", "x=1", "_x=1", "x=1 0=0", "x=1 y=2"} {
		for _, sh := range shells {
			if _, err := exec.LookPath(sh.name); err != nil {
				t.Logf("skipping %s: %v", sh.name, err)
				continue
			}
			err := exec.Command(sh.name, "-c", cmd).Run()
			runs := err != nil // the only failure these strings can have is 127, command not found
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 127) {
				t.Fatalf("%s -c %q: %v, want exit 0 or 127", sh.name, cmd, err)
			}
			v, err := AnalyzeCommand(sh.family, cmd)
			if err != nil {
				t.Fatalf("AnalyzeCommand(%v, %q): %v", sh.family, cmd, err)
			}
			if modelRuns := v.Program != ""; modelRuns != runs {
				t.Errorf("%s -c %q runs a command: %v; the model says program %q (%s)", sh.name, cmd, runs, v.Program, v.Reason)
			}
		}
	}
}
