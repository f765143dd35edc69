package runtimetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// debian12 is a real Debian 12 root filesystem made by mmdebstrap from Debian's
// own packages, with the interpreters GL108 judges: the stand-ins made of host
// binaries cannot run node, npm or python, and its dash is Debian's real dash.
// It is expensive (about 2 minutes), so it is kept in the engine between runs
// under a label that names its package list, not this run's label, and built
// only when no image carries it.
var debian12 = struct {
	suite    string
	packages []string
	once     sync.Once
	ref      string
	err      error // why there is no image
}{
	suite:    "bookworm",
	packages: []string{"nodejs", "npm", "procps", "python3"},
}

// cacheLabel marks images the runtime tests keep between runs; removeAll,
// which removes this run's label, leaves them.
const cacheLabel = "gracelint-test.cache"

// debianBuildTimeout bounds mmdebstrap and the import: a stuck mirror must not
// hold the suite until go test's own timeout. npm brings about 400 packages:
// on a loaded 2-core machine unpacking them alone takes over 10 minutes.
const debianBuildTimeout = 40 * time.Minute

// debianKey names the root filesystem by what goes into it.
func debianKey() string {
	sum := sha256.Sum256([]byte("mmdebstrap --variant=minbase " + debian12.suite + " " + strings.Join(debian12.packages, ",")))
	return "debian12-" + hex.EncodeToString(sum[:6])
}

// debianImage returns the Debian 12 image, building it the first time any test
// process on this machine needs it. Without mmdebstrap the test skips, or fails
// under GRACELINT_RUNTIME=require.
func debianImage(t *testing.T) string {
	t.Helper()
	debian12.once.Do(func() {
		deadline, ok := t.Deadline()
		debian12.ref, debian12.err = ensureDebian(deadline, ok)
	})
	var missing *missingTool
	switch {
	case (errors.As(debian12.err, &missing) || errors.Is(debian12.err, errNoTime)) && os.Getenv("GRACELINT_RUNTIME") != "require":
		t.Skipf("skipping: %v (set GRACELINT_RUNTIME=require to fail instead)", debian12.err)
	case debian12.err != nil:
		t.Fatalf("Debian 12 base image: %v", debian12.err)
	}
	return debian12.ref
}

// A missingTool is the error of a build that needs a program the host lacks.
type missingTool struct{ name, hint string }

func (e *missingTool) Error() string { return e.name + " is not installed (" + e.hint + ")" }

// errNoTime says that the image would take longer to build than the test
// binary's -timeout leaves.
var errNoTime = fmt.Errorf("the Debian 12 image is not in the engine yet, and building it may take up to %s, "+
	"more than this test binary's -timeout leaves (run go test -timeout 60m, as .ci/run does)", debianBuildTimeout)

// ensureDebian finds or builds the image, within the test binary's deadline
// when it has one.
func ensureDebian(deadline time.Time, hasDeadline bool) (string, error) {
	key := debianKey()
	ref := "gracelint-test/" + strings.Replace(key, "-", ":", 1)
	ctx, cancel := context.WithTimeout(context.Background(), debianBuildTimeout)
	defer cancel()
	if ok, err := eng.HasImage(ctx, ref); err != nil || ok {
		return ref, err
	}
	if _, err := exec.LookPath("mmdebstrap"); err != nil {
		return "", &missingTool{"mmdebstrap", "apt-get install mmdebstrap; .ci/run does"}
	}
	if hasDeadline && time.Until(deadline) < debianBuildTimeout+time.Minute {
		return "", errNoTime
	}
	// Other test processes (another package's tests, another checkout) may be
	// building it too: one builds, the others wait and then find it.
	unlock, err := lockFile(ctx, filepath.Join(os.TempDir(), "gracelint-test-"+key+".lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if ok, err := eng.HasImage(ctx, ref); err != nil || ok {
		return ref, err
	}
	dir, err := os.MkdirTemp("", "gracelint-debian12-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	tarball := filepath.Join(dir, "rootfs.tar")
	args := []string{"--variant=minbase", "--include=" + strings.Join(debian12.packages, ","),
		// Documentation is a third of what npm's packages unpack, and no test reads it.
		"--dpkgopt=path-exclude=/usr/share/doc/*", "--dpkgopt=path-exclude=/usr/share/man/*",
		debian12.suite, tarball}
	sources, err := hostAptSources()
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "mmdebstrap", append(args, sources...)...)
	// mmdebstrap forks apt and dpkg: on timeout, signal them all, and stop
	// waiting for output that an orphan would keep open.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("mmdebstrap %s: %v\n%s", strings.Join(cmd.Args[1:], " "), err, tail(out, 4000))
	}
	f, err := os.Open(tarball)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return ref, eng.Import(ctx, ref, f, []string{
		"ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LABEL " + cacheLabel + "=" + key,
	})
}

// hostAptSources are the sources this machine's apt uses, which mmdebstrap
// pastes into the new system's sources.list: Debian's mirror as this machine
// reaches it. With none, mmdebstrap uses its default mirror.
func hostAptSources() ([]string, error) {
	var files []string
	if info, err := os.Stat("/etc/apt/sources.list"); err == nil && info.Size() > 0 {
		files = append(files, "/etc/apt/sources.list")
	}
	for _, pattern := range []string{"/etc/apt/sources.list.d/*.list", "/etc/apt/sources.list.d/*.sources"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	return files, nil
}

// lockFile takes an exclusive lock on name, waiting for it until ctx ends.
func lockFile(ctx context.Context, name string) (unlock func(), err error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing the file releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for another test process to build the Debian image: %w", ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
