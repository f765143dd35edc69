package runtimetest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/verify"
)

// Markers the test programs print.
const (
	ready   = "gracelint-test: ready"        // signal handlers are installed
	cleanup = "gracelint-test: cleanup done" // the program shut down gracefully
	got     = "gracelint-test: got"          // the program received a stop signal

	articleReady   = "app started"       // dockerapp1 and dockerapp2's ready
	articleCleanup = "app exit normally" // dockerapp1's graceful exit
)

// A claim is what must happen when the image is stopped, and what gracelint says.
type claim struct {
	verdict verify.Verdict
	pid1    string   // PID 1's program: the first word of its command line ("" if it never ran)
	exit    int      // exit code after the stop
	logs    []string // text the container must print
	absent  []string // text it must not print
	rules   []string // rule IDs gracelint reports at warning or error, sorted
	says    []string // text gracelint's findings must include
}

// An imageCase is one image to build, lint, run and stop.
type imageCase struct {
	name    string
	image   imageSpec
	goSrc   string // Go package linted with the Dockerfile, from the repository root
	ready   string // printed once the program can be stopped; default ready
	cleanup string // printed only by a graceful shutdown; default cleanup
	// buildError, when set, says the image must not build, with this text.
	buildError string
	init       bool // run with docker run --init
	// quiet: the program prints nothing (sleep, tail); the case waits
	// quietFor instead of a ready marker.
	quiet bool
	want  claim
}

// quietFor is how long a quiet case runs before it is stopped.
const quietFor = 3 * time.Second

// Shorthands for the outcomes of docs/SIGNALS.md.
var (
	justApp  = map[string]string{"app": "app"} // the build context has the test program app
	appPID1  = "/usr/local/bin/app"
	shPID1   = "/bin/sh"
	graceful = claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{cleanup}}
	// The Go rules' programs run as /app.
	goGraceful = claim{verdict: verify.Graceful, pid1: "/app", logs: []string{cleanup}}
	shKilled   = claim{verdict: verify.KilledAfterGrace, pid1: shPID1, exit: 137, rules: []string{"GL101"}}
	// The build context of the init-wrapper cases has a static tini (Debian's
	// package tini) as tini.
	tini = map[string]*hostTool{"tini": tiniTool}
	// An init wrapper in front of a shell that stays: the wrapper forwards
	// SIGTERM to the shell, which is not PID 1 and dies of it at once, and the
	// app is killed with the container without ever getting the signal.
	shDiedUnderInit = claim{verdict: verify.ExitedUnhandled, exit: 143, absent: []string{got}, rules: []string{"GL101"}}
)

func with(c claim, rules ...string) claim {
	c.rules = rules
	return c
}

// initPID1 is c with an init wrapper as PID 1, and what gracelint must say.
func initPID1(c claim, pid1 string, says ...string) claim {
	c.pid1, c.says = pid1, says
	return c
}

// dockerfileCases are the Dockerfile rules GL101-GL106: each with an image that
// triggers it and a fixed variant, under testdata/runtime/dockerfile.
var dockerfileCases = []imageCase{
	{name: "gl101-bad", want: shKilled},
	{name: "gl101-fixed", want: graceful},
	{name: "gl101-shell-bash", want: graceful},
	{name: "gl101-tini", image: imageSpec{tools: tini}, want: initPID1(shDiedUnderInit, "/tini",
		"tini is PID 1 and forwards SIGTERM to that shell, which dies of it", "the app is killed without cleanup")},
	{name: "gl101-tini-fixed", image: imageSpec{tools: tini}, want: initPID1(graceful, "/tini")},
	{name: "gl102-bad", want: with(shKilled, "GL102")},
	{name: "gl102-fixed", want: graceful},
	{name: "gl102-ash-newline", want: with(shKilled, "GL102")},
	{name: "gl102-ash-newline-fixed", want: graceful},
	{name: "gl103-bad", image: imageSpec{extra: []string{"entrypoint.sh"}},
		want: with(shKilled, "GL103")},
	{name: "gl103-tini", image: imageSpec{extra: []string{"entrypoint.sh"}, tools: tini}, want: initPID1(with(shDiedUnderInit, "GL103"), "/tini",
		"tini is PID 1 and forwards SIGTERM to that shell, which dies of it", "the app is killed without cleanup")},
	{name: "gl103-fixed", image: imageSpec{extra: []string{"entrypoint.sh"}},
		want: claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{"gracelint-test: entrypoint for /usr/local/bin/app", cleanup}}},
	{name: "gl104-bad", want: claim{verdict: verify.NeverStarted, exit: 127, rules: []string{"GL104"}}},
	{name: "gl104-scratch", want: claim{verdict: verify.NeverStarted, exit: 127, rules: []string{"GL104"}}},
	{name: "gl104-fixed", want: graceful},
	// A shell-form ENTRYPOINT on busybox still stops gracefully (ash execs), but
	// the CMD never reaches the program: that is GL105's claim.
	{name: "gl105-bad", want: claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{`args []`, cleanup}, rules: []string{"GL105"}}},
	{name: "gl105-fixed", want: claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{`args ["--port" "8080"]`, cleanup}}},
	{name: "gl106-bad", want: claim{verdict: verify.ExitedUnhandled, pid1: appPID1, exit: 137, rules: []string{"GL106"}}},
	{name: "gl106-sigstop", want: claim{verdict: verify.KilledAfterGrace, pid1: appPID1, exit: 137, rules: []string{"GL106"}}},
	{name: "gl106-invalid", buildError: "Invalid signal: SIGFOO", want: claim{rules: []string{"GL106"}}},
	{name: "gl106-fixed", want: graceful},
}

// goCases are the Go rules GL201-GL206, each program run as PID 1 (exec form)
// from testdata/runtime/go/Dockerfile, so only its signal handling decides.
var goCases = []imageCase{
	goCase("gl201-bad", "gl201-bad", exitedUnhandled("GL201")),
	goCase("gl201-fixed", "gl201-fixed", goGraceful),
	goCase("gl202-bad", "gl202-bad", exitedUnhandled("GL202")),
	goCase("gl202-fixed", "app", goGraceful), // os.Interrupt and SIGTERM
	goCase("gl203-bad", "gl203-bad", exitedUnhandled("GL203")),
	goCase("gl203-fixed", "app", goGraceful), // SIGTERM instead of os.Kill
	goCase("gl204-bad", "gl204-bad", claim{verdict: verify.KilledAfterGrace, pid1: "/app", exit: 137, rules: []string{"GL204"}}),
	goCase("gl204-fixed", "gl204-fixed", goGraceful),
	goCase("gl205-bad", "dockerapp2", claim{verdict: verify.KilledAfterGrace, pid1: "/app", exit: 137, logs: []string{"handle signal: terminated"}, rules: []string{"GL205"}}),
	goCase("gl205-fixed", "dockerapp1", claim{verdict: verify.Graceful, pid1: "/app", logs: []string{"handle signal: terminated", articleCleanup}}),
	goCase("gl206-bad", "gl206-bad", claim{verdict: verify.KilledAfterGrace, pid1: "/app", exit: 137, rules: []string{"GL206"}}),
	goCase("gl206-fixed", "app", goGraceful), // signal.Notify instead of signal.Ignore
}

// goCase puts a test program in the Go rules' image and lints its source.
func goCase(name, program string, want claim) imageCase {
	c := imageCase{
		name:  name,
		image: imageSpec{dockerfile: "testdata/runtime/go/Dockerfile", apps: map[string]string{"app": program}},
		goSrc: filepath.Join("testdata/runtime/go", program),
		want:  want,
	}
	if strings.HasPrefix(program, "dockerapp") { // the article's programs
		c.goSrc = filepath.Join("testdata/article", program)
		c.ready, c.cleanup = articleReady, articleCleanup
	}
	return c
}

func exitedUnhandled(rules ...string) claim {
	return claim{verdict: verify.ExitedUnhandled, pid1: "/app", exit: 2, rules: rules}
}

func TestDockerfileRules(t *testing.T) {
	t.Parallel() // one pool for every case: no phase waits for its slowest case
	for _, c := range dockerfileCases {
		c.image.dockerfile = filepath.Join("testdata/runtime/dockerfile", c.name, "Dockerfile")
		c.image.apps = justApp
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

func TestGoRules(t *testing.T) {
	t.Parallel()
	for _, c := range goCases {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

// The article: test:v1 stops at once on a bash base, test:v2 is killed after the
// grace period, and test:v1's Dockerfile on a dash base is killed too.
func TestArticle(t *testing.T) {
	t.Parallel()
	article := func(v string) imageSpec {
		return imageSpec{dockerfile: "testdata/article/Dockerfile." + v, apps: map[string]string{"dockerapp" + v[1:]: "dockerapp" + v[1:]}}
	}
	onDash := article("v1")
	onDash.dockerfile = onDebian(t, onDash.dockerfile)
	cases := []imageCase{
		{name: "article-v1", image: article("v1"), goSrc: "testdata/article/dockerapp1",
			want: claim{verdict: verify.Graceful, pid1: "/bin/dockerapp1", logs: []string{"handle signal: terminated", "signal termiate received, " + articleCleanup}}},
		{name: "article-v2", image: article("v2"), goSrc: "testdata/article/dockerapp2",
			want: claim{verdict: verify.KilledAfterGrace, pid1: "/bin/dockerapp2", exit: 137, logs: []string{"handle signal: terminated"}, rules: []string{"GL205"}}},
		{name: "article-v1-dash", image: onDash,
			want: claim{verdict: verify.KilledAfterGrace, pid1: shPID1, exit: 137, absent: []string{"handle signal"}, rules: []string{"GL101"}}},
	}
	for _, c := range cases {
		c.ready, c.cleanup = articleReady, articleCleanup
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

// docker run --init puts the engine's docker-init (a tini) in front of the
// image's command: in front of gl101-bad's shell form it does what gl101-tini's
// ENTRYPOINT does. gracelint cannot see the flag; its GL101 stands all the same.
func TestDockerRunInit(t *testing.T) {
	c := imageCase{name: "gl101-bad-init", init: true, want: initPID1(shDiedUnderInit, "/sbin/docker-init"),
		image: imageSpec{dockerfile: "testdata/runtime/dockerfile/gl101-bad/Dockerfile", apps: justApp}}
	c.run(t)
}

// onDebian writes a copy of a Dockerfile whose FROM is debian:12.
func onDebian(t *testing.T, dockerfile string) string {
	src, err := os.ReadFile(filepath.Join(moduleRoot, dockerfile))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(p, fromLine.ReplaceAll(src, []byte("${1}debian:12")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// shellForms are the rows of the shell table of docs/SIGNALS.md, and which
// shells exec the program so that it becomes PID 1.
var shellForms = []struct {
	name   string
	cmd    string
	execBy []string // FROM images whose /bin/sh execs it
}{
	{"single", "/usr/local/bin/app", []string{"rockylinux:9", "alpine:3.19"}},
	{"and-list", "true && /usr/local/bin/app", []string{"rockylinux:9", "alpine:3.19"}},
	{"semicolon-list", "true; /usr/local/bin/app", []string{"rockylinux:9", "alpine:3.19"}},
	{"redirection", "/usr/local/bin/app 2>/tmp/app.err", []string{"alpine:3.19"}},
	{"pipeline", "/usr/local/bin/app | tee /tmp/app.log", nil},
	{"exec", "exec /usr/local/bin/app", []string{"debian:12", "rockylinux:9", "alpine:3.19"}},
}

// shells are the bases of the shell table. The bash stand-in is bash 5.2, so it
// is named after an image with bash 5.1 or later; bash before 5.1 cannot be run here.
var shells = []struct{ name, from string }{{"dash", "debian:12"}, {"bash", "rockylinux:9"}, {"busybox", "alpine:3.19"}}

func TestShellTable(t *testing.T) {
	t.Parallel()
	for _, sh := range shells {
		for _, form := range shellForms {
			dir := t.TempDir()
			dockerfile := filepath.Join(dir, "Dockerfile")
			src := "FROM " + sh.from + "\nCOPY app /usr/local/bin/app\nCMD " + form.cmd + "\n"
			if err := os.WriteFile(dockerfile, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			c := imageCase{name: "shell-" + sh.name + "-" + form.name, image: imageSpec{dockerfile: dockerfile, apps: justApp}, want: shKilled}
			if slices.Contains(form.execBy, sh.from) {
				c.want = graceful
			}
			t.Run(c.name, func(t *testing.T) { c.run(t) })
		}
	}
}

// run builds, lints, runs and stops the case's image and checks the claim.
func (c imageCase) run(t *testing.T) {
	t.Parallel()
	needEngine(t)
	if c.ready == "" {
		c.ready = ready
	}
	if c.cleanup == "" {
		c.cleanup = cleanup
	}
	c.checkVerdict(t)

	ref, err := c.image.build(t, c.name)
	if c.buildError != "" {
		if err == nil || !strings.Contains(err.Error(), c.buildError) {
			t.Fatalf("build: want an error with %q, got %v", c.buildError, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opts := verify.Options{Image: ref, Init: c.init, Grace: grace, Ready: c.ready, Wait: time.Minute, Labels: labels()}
	if c.quiet {
		opts.Ready, opts.Wait = "", quietFor
	}
	res, err := verify.Run(ctx, eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PID 1 %q, stop took %.2fs, exit %d, verdict %s", res.PID1, res.StopTook.Seconds(), res.ExitCode, res.Verdict)
	c.checkRun(t, res)
}

// checkVerdict asserts that gracelint flags exactly the rules the runtime claim names.
func (c imageCase) checkVerdict(t *testing.T) {
	paths := []string{c.image.dockerfile}
	if c.goSrc != "" {
		paths = append(paths, c.goSrc)
	}
	got, findings := flaggedRules(t, paths...)
	if !slices.Equal(got, c.want.rules) {
		t.Errorf("gracelint flags %v, want %v; findings: %+v", got, c.want.rules, findings)
	}
	for _, s := range c.want.says {
		if !slices.ContainsFunc(findings, func(f lintFinding) bool { return strings.Contains(f.Message, s) }) {
			t.Errorf("no finding says %q; findings: %+v", s, findings)
		}
	}
}

func (c imageCase) checkRun(t *testing.T, res *verify.Result) {
	w := c.want
	if res.Verdict != w.verdict {
		t.Errorf("verdict %q (%s), want %q\noutput:\n%s", res.Verdict, res.Reason, w.verdict, res.Logs)
	}
	if pid1, _, _ := strings.Cut(res.PID1, " "); pid1 != w.pid1 {
		t.Errorf("PID 1 is %q, want %s", res.PID1, w.pid1)
	}
	if res.ExitCode != w.exit {
		t.Errorf("exit code %d, want %d", res.ExitCode, w.exit)
	}
	switch w.verdict {
	case verify.Graceful, verify.ExitedUnhandled:
		// At once: typically 0.1 s, under 1 s with the whole suite running on
		// 2 cores; the bound leaves room for a loaded CI machine.
		if res.StopTook >= grace {
			t.Errorf("stop took %s, want less than the %s grace period", res.StopTook, grace)
		}
	case verify.KilledAfterGrace:
		if res.StopTook < grace {
			t.Errorf("stop took %s, want the whole %s grace period", res.StopTook, grace)
		}
	}
	if ran := strings.Contains(res.Logs, c.cleanup); ran != (w.verdict == verify.Graceful) {
		t.Errorf("cleanup ran: %v, want %v\noutput:\n%s", ran, !ran, res.Logs)
	}
	for _, s := range w.logs {
		if !strings.Contains(res.Logs, s) {
			t.Errorf("output lacks %q:\n%s", s, res.Logs)
		}
	}
	for _, s := range w.absent {
		if strings.Contains(res.Logs, s) {
			t.Errorf("output has %q:\n%s", s, res.Logs)
		}
	}
}
