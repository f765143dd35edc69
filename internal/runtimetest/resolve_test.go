package runtimetest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/daemon"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/gracelint/gracelint/internal/verify"
)

// Entrypoint scripts of the custom bases: one hands PID 1 to its arguments,
// one keeps it.
const (
	scriptExecs = "#!/bin/sh\nset -e\nexec \"$@\"\n"
	scriptStays = "#!/bin/sh\nset -e\n\"$@\"\n"
)

// customBase imports a dash-based image under a name no table knows, with an
// entrypoint script when script is not empty, and returns its reference.
func customBase(t *testing.T, name, script string) string {
	t.Helper()
	fs, err := (&standIn{programs: []string{"dash"}, sh: "dash"}).rootfs("")
	if err != nil {
		t.Fatal(err)
	}
	changes := []string{"ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LABEL " + runLabel + "=" + runID}
	if script != "" {
		fs.file("usr/local/bin/docker-entrypoint.sh", []byte(script), 0o755)
		changes = append(changes, `ENTRYPOINT ["docker-entrypoint.sh"]`)
	}
	buf, err := fs.tar()
	if err != nil {
		t.Fatal(err)
	}
	ref := "gracelint-test/acme-" + name + ":" + runID
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	t.Cleanup(func() { report(eng.RemoveImage(context.Background(), ref)) })
	if err := eng.Import(ctx, ref, buf, changes); err != nil {
		t.Fatal(err)
	}
	return ref
}

// buildOn writes a Dockerfile with the test program as /usr/local/bin/app,
// builds it and returns its path and the image.
func buildOn(t *testing.T, name, dockerfile string) (path, ref string) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(path, []byte(dockerfile), 0o644); err != nil {
		t.Fatal(err)
	}
	ctxFiles := rootfs{}
	ctxFiles.file("Dockerfile", []byte(dockerfile), 0o644)
	if err := ctxFiles.copyFile("app", appBinary(t, "app")); err != nil {
		t.Fatal(err)
	}
	buf, err := ctxFiles.tar()
	if err != nil {
		t.Fatal(err)
	}
	ref = "gracelint-test/" + name + ":" + runID
	t.Cleanup(func() { report(eng.RemoveImage(context.Background(), ref)) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if log, err := eng.Build(ctx, ref, buf, labels()); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	return path, ref
}

// expectFinding checks that the findings are exactly one of rule at severity,
// saying each of says.
func expectFinding(t *testing.T, what string, fs []lintFinding, rule, severity string, says ...string) {
	t.Helper()
	if len(fs) != 1 || fs[0].Rule != rule || fs[0].Severity != severity {
		t.Errorf("%s: findings %+v, want one %s %s", what, fs, severity, rule)
		return
	}
	for _, s := range says {
		if !strings.Contains(fs[0].Message, s) {
			t.Errorf("%s: message %q does not say %q", what, fs[0].Message, s)
		}
	}
}

// stopAndCheck runs the image, stops it and checks the claim.
func stopAndCheck(t *testing.T, ref string, want claim) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := verify.Run(ctx, eng, verify.Options{Image: ref, Grace: grace, Ready: ready, Wait: time.Minute, Labels: labels()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: PID 1 %q, stop took %.2fs, exit %d, verdict %s", ref, res.PID1, res.StopTook.Seconds(), res.ExitCode, res.Verdict)
	imageCase{want: want, cleanup: cleanup}.checkRun(t, res)
}

// TestResolvedFromEngine: gracelint reads a custom base from the local engine,
// and what it then says is what happens on docker stop.
func TestResolvedFromEngine(t *testing.T) {
	needEngine(t)
	t.Setenv("GRACELINT_CACHE", t.TempDir())

	// A shell-form CMD on a custom dash base: an error once the base is read,
	// and the container is SIGKILLed after the grace period.
	dash := customBase(t, "dash", "")
	path, app := buildOn(t, "resolved-dash", "FROM "+dash+"\nCOPY app /usr/local/bin/app\nCMD /usr/local/bin/app\n")
	fs, _ := lintJSON(t, "-resolve=off", path)
	expectFinding(t, "table only", fs, "GL101", "warning", "not in gracelint's table")
	fs, _ = lintJSON(t, "-resolve=local", path)
	expectFinding(t, "read from the engine", fs, "GL101", "error", "uses dash as /bin/sh (/bin/dash, read from the image in the local engine (sha256:")
	stopAndCheck(t, app, shKilled)

	// An inherited entrypoint script that does not exec keeps PID 1.
	stays := customBase(t, "stays", scriptStays)
	path, app = buildOn(t, "resolved-script-stays", "FROM "+stays+"\nCOPY app /usr/local/bin/app\nCMD [\"/usr/local/bin/app\"]\n")
	fs, _ = lintJSON(t, "-resolve=local", path)
	expectFinding(t, "inherited script without exec", fs, "GL103", "error",
		"/usr/local/bin/docker-entrypoint.sh:3 (base image "+stays+", read from the image in the local engine")
	stopAndCheck(t, app, claim{verdict: verify.KilledAfterGrace, pid1: shPID1, exit: 137})

	// A shell-form CMD handed to an inherited entrypoint that execs it: dash
	// then keeps PID 1 for the CMD's string.
	execs := customBase(t, "execs", scriptExecs)
	path, app = buildOn(t, "resolved-script-execs", "FROM "+execs+"\nCOPY app /usr/local/bin/app\nCMD /usr/local/bin/app\n")
	fs, _ = lintJSON(t, "-resolve=local", path)
	expectFinding(t, "shell form behind an inherited script", fs, "GL101", "error",
		"the entrypoint script /usr/local/bin/docker-entrypoint.sh (base image "+execs)
	stopAndCheck(t, app, shKilled)
	// And in exec form it is graceful, as gracelint then says nothing.
	path, app = buildOn(t, "resolved-script-execs-ok", "FROM "+execs+"\nCOPY app /usr/local/bin/app\nCMD [\"/usr/local/bin/app\"]\n")
	if fs, _ = lintJSON(t, "-resolve=local", path); len(fs) != 0 {
		t.Errorf("exec form behind an exec-ing script: findings %+v", fs)
	}
	stopAndCheck(t, app, graceful)
}

// registryServer is Debian's docker-registry serving on a free loopback port,
// behind a proxy that counts the requests it answers.
type registryServer struct {
	host string // host:port of the counting proxy
	mu   sync.Mutex
	log  []string // "METHOD path" of each request
}

func (r *registryServer) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.log)
}

func (r *registryServer) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = nil
}

// startRegistry starts docker-registry with a temporary storage directory and
// config; it is killed when the test ends, however it ends.
func startRegistry(t *testing.T) *registryServer {
	t.Helper()
	bin, err := exec.LookPath("docker-registry")
	if err != nil {
		if os.Getenv("GRACELINT_RUNTIME") == "require" {
			t.Fatalf("GRACELINT_RUNTIME=require, but docker-registry is not installed (Debian's docker-registry; .ci/run installs it)")
		}
		t.Skip("skipping: docker-registry is not installed (apt-get install docker-registry)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dir := t.TempDir()
	config := fmt.Sprintf("version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n",
		filepath.Join(dir, "storage"), addr)
	configPath := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(configPath, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", configPath)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	up := false
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get("http://" + addr + "/v2/"); err == nil {
			res.Body.Close()
			up = res.StatusCode == http.StatusOK
			break
		}
	}
	if !up {
		t.Fatalf("docker-registry did not answer on %s:\n%s", addr, logs.String())
	}
	target, _ := url.Parse("http://" + addr)
	r := &registryServer{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.log = append(r.log, req.Method+" "+req.URL.Path)
		r.mu.Unlock()
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	r.host = strings.TrimPrefix(srv.URL, "http://")
	return r
}

// TestResolvedFromRegistry: the custom base, pushed to a registry and gone
// from the engine, is read from the registry with -resolve=registry, once: a
// second run asks the registry only whether the tag moved, and a digest it has
// seen costs no request at all.
func TestResolvedFromRegistry(t *testing.T) {
	needEngine(t)
	t.Setenv("GRACELINT_CACHE", t.TempDir())
	reg := startRegistry(t)
	base := customBase(t, "pushed", "")
	baseRef, err := name.ParseReference(base)
	if err != nil {
		t.Fatal(err)
	}
	img, err := daemon.Image(baseRef)
	if err != nil {
		t.Fatal(err)
	}
	pushed, err := name.ParseReference(reg.host + "/acme/base:3")
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(pushed, img); err != nil {
		t.Fatalf("push to the test registry: %v", err)
	}
	digest, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.RemoveImage(context.Background(), base); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	byTag := write("Dockerfile", "FROM "+pushed.String()+"\nCMD /usr/local/bin/app\n")
	byDigest := write("pinned.Dockerfile", "FROM "+reg.host+"/acme/base@"+digest.String()+"\nCMD /usr/local/bin/app\n")

	reg.reset()
	fs, _ := lintJSON(t, "-resolve=local", byTag)
	expectFinding(t, "local: not in the engine", fs, "GL101", "warning", "not in gracelint's table")
	if n := reg.requests(); len(n) != 0 {
		t.Errorf("-resolve=local asked the registry: %q", n)
	}

	fs, _ = lintJSON(t, "-resolve=registry", byTag)
	expectFinding(t, "registry", fs, "GL101", "error", "uses dash as /bin/sh (/bin/dash, read from "+reg.host+")")
	if !slices.ContainsFunc(reg.requests(), func(r string) bool { return strings.Contains(r, "/blobs/") }) {
		t.Errorf("the first run read no blob: %q", reg.requests())
	}

	reg.reset()
	fs, _ = lintJSON(t, "-resolve=registry", byTag)
	expectFinding(t, "registry, cached", fs, "GL101", "error", "read from "+reg.host)
	for _, r := range reg.requests() {
		if strings.HasPrefix(r, "GET ") && r != "GET /v2/" {
			t.Errorf("the second run read %s; it has the facts of that digest", r)
		}
	}

	reg.reset()
	fs, _ = lintJSON(t, "-resolve=registry", byDigest)
	expectFinding(t, "registry, pinned", fs, "GL101", "error", "read from "+reg.host)
	if n := reg.requests(); len(n) != 0 {
		t.Errorf("a digest seen before cost requests: %q", n)
	}

	// A registry that does not answer: the table's answer, one notice for the
	// image however many files use it.
	closed := write("a.Dockerfile", "FROM 127.0.0.1:1/acme/base:3\nCMD /usr/local/bin/app\n")
	closed2 := write("b.Dockerfile", "FROM 127.0.0.1:1/acme/base:3\nCMD app2\n")
	fs, stderr := lintJSON(t, "-resolve=registry", closed, closed2)
	if len(fs) != 2 || fs[0].Severity != "warning" || fs[1].Severity != "warning" {
		t.Errorf("unreachable registry: findings %+v, want two warnings", fs)
	}
	if n := strings.Count(stderr, "gracelint: notice: base image 127.0.0.1:1/acme/base:3"); n != 1 {
		t.Errorf("unreachable registry: %d notices, want 1:\n%s", n, stderr)
	}
}
