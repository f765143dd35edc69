package runtimetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// A hostTool is a static program the suite copies into its images, which a
// fresh machine may not have installed. The suite takes it from the host when
// it is there, else from its own cache, else it fetches the Debian package with
// apt-get download (no root needed, only the apt lists) and unpacks it into the
// cache, where later runs find it.
type hostTool struct {
	name      string   // what the tests call it
	installed []string // where the host has it when the package is installed, then names looked up on PATH
	pkg       string   // the Debian package that ships it
	inPkg     string   // its path inside the package

	once sync.Once
	path string
	err  error
}

var (
	// busyboxTool is the static busybox of the Alpine stand-in.
	busyboxTool = &hostTool{name: "busybox", installed: []string{"/bin/busybox", "busybox"}, pkg: "busybox-static", inPkg: "bin/busybox"}
	// tiniTool is the static tini of the init-wrapper cases.
	tiniTool = &hostTool{name: "tini-static", installed: []string{"/usr/bin/tini-static", "tini-static"}, pkg: "tini", inPkg: "usr/bin/tini-static"}
)

// needTool returns the path of the tool, or skips the test with the reason it
// could not be had, unless GRACELINT_RUNTIME=require, which makes that a failure.
func needTool(t *testing.T, tool *hostTool) string {
	t.Helper()
	path, err := tool.find()
	if err != nil {
		unavailable(t, err)
	}
	return path
}

// find locates the tool once per run.
func (tool *hostTool) find() (string, error) {
	tool.once.Do(func() {
		for _, p := range tool.installed {
			if p, err := exec.LookPath(p); err == nil {
				tool.path = p
				return
			}
		}
		tool.path, tool.err = tool.cached()
		if tool.err != nil {
			tool.err = fmt.Errorf("%s is not installed and could not be fetched: %w (install Debian's %s)", tool.name, tool.err, tool.pkg)
		}
	})
	return tool.path, tool.err
}

// cached returns the tool from the user cache directory, unpacking its package
// there first if needed.
func (tool *hostTool) cached() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	cache := filepath.Join(base, "gracelint", "runtimetest")
	dir := filepath.Join(cache, tool.pkg)
	path := filepath.Join(dir, filepath.FromSlash(tool.inPkg))
	if isExecutable(path) {
		return path, nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	// Unpack beside the cache entry and rename it into place, so that a run
	// interrupted half-way, or another run fetching at the same time, never
	// leaves a partial entry.
	tmp, err := os.MkdirTemp(cache, tool.pkg+".partial-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	download := exec.CommandContext(ctx, "apt-get", "download", "-q", tool.pkg)
	download.Dir = tmp
	download.WaitDelay = 10 * time.Second // apt's method processes may hold the output open
	if out, err := download.CombinedOutput(); err != nil {
		return "", fmt.Errorf("apt-get download %s: %v: %s", tool.pkg, err, strings.TrimSpace(string(out)))
	}
	debs, err := filepath.Glob(filepath.Join(tmp, "*.deb"))
	if err != nil || len(debs) != 1 {
		return "", fmt.Errorf("apt-get download %s left %d packages, want 1", tool.pkg, len(debs))
	}
	root := filepath.Join(tmp, "root")
	if out, err := exec.CommandContext(ctx, "dpkg-deb", "-x", debs[0], root).CombinedOutput(); err != nil {
		return "", fmt.Errorf("dpkg-deb -x %s: %v: %s", filepath.Base(debs[0]), err, strings.TrimSpace(string(out)))
	}
	if !isExecutable(filepath.Join(root, filepath.FromSlash(tool.inPkg))) {
		return "", fmt.Errorf("package %s has no executable %s", tool.pkg, tool.inPkg)
	}
	if err := os.Rename(root, dir); err != nil && !isExecutable(path) { // another run may have won the race
		return "", err
	}
	return path, nil
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0
}

// TestToolsFetched checks the cache, whatever the host has installed: each tool
// comes from the cache (fetched into it on the first run on a machine) and
// runs, and a second lookup takes the cached copy with apt-get out of reach.
func TestToolsFetched(t *testing.T) {
	for _, tc := range []struct {
		tool *hostTool
		args []string
		says string
	}{
		{busyboxTool, []string{"echo", "hello"}, "hello"},
		{tiniTool, []string{"--version"}, "tini version"},
	} {
		t.Run(tc.tool.name, func(t *testing.T) {
			path, err := (&hostTool{name: tc.tool.name, pkg: tc.tool.pkg, inPkg: tc.tool.inPkg}).find()
			if err != nil {
				unavailable(t, err)
			}
			if out, err := exec.Command(path, tc.args...).CombinedOutput(); err != nil || !strings.Contains(string(out), tc.says) {
				t.Fatalf("%s %v: %v: %s", path, tc.args, err, out)
			}
			t.Setenv("PATH", t.TempDir())
			again, err := (&hostTool{name: tc.tool.name, pkg: tc.tool.pkg, inPkg: tc.tool.inPkg}).find()
			if err != nil || again != path {
				t.Errorf("second lookup: %q, %v; want the cached %s", again, err, path)
			}
		})
	}
}
