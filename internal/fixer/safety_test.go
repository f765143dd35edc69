//go:build unix

package fixer

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/finding"
)

// A fix computed on content the file no longer holds is refused, naming the
// file, and the file stays as the other writer left it.
func TestPlanRefusesContentNotLinted(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	f := replace(t, path, "SIGKILL", "SIGTERM")
	other := "FROM debian\nCMD [\"app\"]\nSTOPSIGNAL SIGKILL\n" // SIGKILL moved: the offsets now point elsewhere
	if err := os.WriteFile(path, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	p := NewPlan([]finding.Finding{f}, readFile)
	if len(p.Changes) != 0 || len(p.Refused) != 1 || !strings.Contains(p.Refused[0].Error(), path+" changed since gracelint linted it") {
		t.Fatalf("changes %d, refused %v", len(p.Changes), p.Refused)
	}
	if got, _ := os.ReadFile(path); string(got) != other {
		t.Errorf("file holds %q", got)
	}
}

// Inputs gives the files linted, and refuses every other one: a finding (from
// a tampered cache, say) cannot make -fix write outside them.
func TestInputsRefuseFilesNotLinted(t *testing.T) {
	linted := write(t, dockerfile, 0o644)
	victim := write(t, dockerfile, 0o644)
	p := NewPlan([]finding.Finding{replace(t, linted, "SIGKILL", "SIGTERM"), replace(t, victim, "SIGKILL", "SIGTERM")}, Inputs([]string{linted}))
	if !p.Applied[0] || p.Applied[1] || len(p.Changes) != 1 || p.Changes[0].File != linted {
		t.Fatalf("applied %v, changes %v, refused %v", p.Applied, p.Changes, p.Refused)
	}
	if len(p.Refused) != 1 || !strings.Contains(p.Refused[0].Error(), "did not lint "+victim) {
		t.Errorf("refused %v", p.Refused)
	}
}

func TestWriteRefusesReadOnlyFile(t *testing.T) {
	path := write(t, dockerfile, 0o444)
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	err := p.Changes[0].Write()
	if err == nil || !strings.Contains(err.Error(), "cannot fix "+path+": it is read-only (mode 0444)") {
		t.Errorf("Write of a read-only file: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != dockerfile {
		t.Errorf("file holds %q", got)
	}
}

// Replacing a file with other names would leave them the old content.
func TestWriteRefusesHardLinkedFile(t *testing.T) {
	path := write(t, dockerfile, 0o644)
	other := filepath.Join(filepath.Dir(path), "Dockerfile.other")
	if err := os.Link(path, other); err != nil {
		t.Fatal(err)
	}
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	err := p.Changes[0].Write()
	if err == nil || !strings.Contains(err.Error(), "it has 2 hard links") {
		t.Errorf("Write of a hard-linked file: %v", err)
	}
	for _, name := range []string{path, other} {
		if got, _ := os.ReadFile(name); string(got) != dockerfile {
			t.Errorf("%s holds %q", name, got)
		}
	}
}

func TestWriteKeepsSetuidAndSetgid(t *testing.T) {
	path := write(t, dockerfile, 0o755)
	mode := os.FileMode(0o755) | os.ModeSetuid | os.ModeSetgid
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	p := NewPlan([]finding.Finding{replace(t, path, "SIGKILL", "SIGTERM")}, readFile)
	if err := p.Changes[0].Write(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode() != mode {
		t.Errorf("mode %v became %v (%v)", mode, info.Mode(), err)
	}
}

// The test binary plays a gracelint process for the tests below: it plans the
// fix of GRACELINT_FIXER_CHILD's file and writes it.
func TestMain(m *testing.M) {
	if path := os.Getenv("GRACELINT_FIXER_CHILD"); path != "" {
		os.Exit(childWrite(path))
	}
	os.Exit(m.Run())
}

func childWrite(path string) int {
	src, err := os.ReadFile(path)
	if err != nil {
		os.Stderr.WriteString(err.Error())
		return 3
	}
	start := strings.Index(string(src), "SIGKILL")
	c := Change{File: path, Old: src, New: []byte(string(src[:start]) + "SIGTERM" + string(src[start+len("SIGKILL"):]))}
	if os.Getenv("GRACELINT_FIXER_STALL") != "" {
		testHookBeforeRename = func(string) { time.Sleep(time.Minute) }
	}
	if err := c.Write(); err != nil {
		os.Stderr.WriteString(err.Error())
		return 1
	}
	return 0
}

// child is the test binary run as a fixer process on path.
func child(t *testing.T, path string, env ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), append(env, "GRACELINT_FIXER_CHILD="+path)...)
	return cmd
}

// A signal mid-write leaves the file as it was and no temporary file beside it.
func TestSignalMidWriteLeavesNoTempFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		path := write(t, dockerfile, 0o644)
		cmd := child(t, path, "GRACELINT_FIXER_STALL=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var temps []string
		for deadline := time.Now().Add(time.Minute); len(temps) == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			temps, _ = filepath.Glob(filepath.Join(filepath.Dir(path), ".Dockerfile.gracelint-fix-*.tmp"))
		}
		if len(temps) == 0 {
			cmd.Process.Kill()
			t.Fatal("no temporary file appeared")
		}
		time.Sleep(50 * time.Millisecond) // the content is written by now: the stall is before the rename
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != sig {
			t.Errorf("%v: the process ended with %v, not by the signal", sig, err)
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Errorf("%v: the directory holds %d entries, want only the Dockerfile", sig, len(entries))
		}
		if got, _ := os.ReadFile(path); string(got) != dockerfile {
			t.Errorf("%v: file holds %q", sig, got)
		}
	}
}

// A file the user cannot write is not replaced through a directory they can
// write, and keeps its owner: root's 0644 file in a 0777 folder, fixed as nobody.
func TestWriteRefusesFileUserCannotWrite(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the fixer as another user")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary where nobody can run it.
	bin := filepath.Join(t.TempDir(), "fixer.test")
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Dir(bin), 0o755)
	path := write(t, dockerfile, 0o644)
	os.Chmod(filepath.Dir(path), 0o777)
	os.Chmod(filepath.Dir(filepath.Dir(path)), 0o755)
	cmd := exec.Command(bin)
	cmd.Env = []string{"GRACELINT_FIXER_CHILD=" + path}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "you cannot write it") {
		t.Errorf("fixing root's file as nobody: %v %s", err, out)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != 0 {
		t.Errorf("the file's owner became %d", st.Uid)
	}
	if got, _ := os.ReadFile(path); string(got) != dockerfile {
		t.Errorf("file holds %q", got)
	}
}
