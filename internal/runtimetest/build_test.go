package runtimetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// moduleRoot is the repository root, seen from this package's directory, where go test runs.
const moduleRoot = "../.."

// apps compiles every test program once a run: the Go programs under
// testdata/runtime/go and the article's, static (CGO_ENABLED=0) so that they run
// in any base image, even an empty one.
var apps struct {
	once sync.Once
	dir  string
	err  error
}

// appBinary returns the path of the compiled test program name (its directory's name).
func appBinary(t *testing.T, name string) string {
	t.Helper()
	apps.once.Do(func() {
		apps.dir, apps.err = os.MkdirTemp("", "gracelint-runtimetest-")
		if apps.err != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", apps.dir+string(filepath.Separator), "./testdata/runtime/go/...", "./testdata/article/...")
		cmd.Dir = moduleRoot
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			apps.err = fmt.Errorf("go build of the test programs: %v\n%s", err, out)
		}
	})
	if apps.err != nil {
		t.Fatal(apps.err)
	}
	p := filepath.Join(apps.dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no test program %s: %v", name, err)
	}
	return p
}

func removeAppDir() {
	if apps.dir != "" {
		os.RemoveAll(apps.dir)
	}
}

// fromLine matches a FROM instruction's image, after any --flags.
var fromLine = regexp.MustCompile(`(?im)^(\s*FROM\s+(?:--\S+\s+)*)(\S+)`)

// localFrom rewrites the FROM lines of a Dockerfile to the local stand-ins of
// their images; scratch stays scratch.
func localFrom(t *testing.T, dockerfile []byte) []byte {
	return fromLine.ReplaceAllFunc(dockerfile, func(m []byte) []byte {
		sub := fromLine.FindSubmatch(m)
		image := string(sub[2])
		if image == "scratch" {
			return m
		}
		return append(append([]byte{}, sub[1]...), baseImage(t, image)...)
	})
}

// An imageSpec is what goes into one test image.
type imageSpec struct {
	dockerfile string               // path from the repository root (or absolute)
	apps       map[string]string    // build-context name -> test program
	extra      []string             // other files next to the Dockerfile that go into the context
	tools      map[string]*hostTool // build-context name -> a static program of this host, such as tini
	debian     bool                 // FROM debian:12 is the real Debian 12 image (debianImage), not the stand-in
}

// debianBuilds bounds how many images are built on the Debian image at once.
var debianBuilds = make(chan struct{}, 2)

// build builds the image as gracelint-test/NAME:RUN with the classic builder and
// removes it when the test ends. It returns the reference and the build's error.
func (s imageSpec) build(t *testing.T, name string) (string, error) {
	t.Helper()
	dockerfile := s.dockerfile
	if !filepath.IsAbs(dockerfile) {
		dockerfile = filepath.Join(moduleRoot, dockerfile)
	}
	src, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	ctxFiles := rootfs{}
	if s.debian {
		src = fromLine.ReplaceAllFunc(src, func(m []byte) []byte {
			sub := fromLine.FindSubmatch(m)
			if string(sub[2]) != "debian:12" {
				return m
			}
			return append(append([]byte{}, sub[1]...), debianImage(t)...)
		})
	}
	ctxFiles.file("Dockerfile", localFrom(t, src), 0o644)
	for ctxName, app := range s.apps {
		if err := ctxFiles.copyFile(ctxName, appBinary(t, app)); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range s.extra {
		if err := ctxFiles.copyFile(f, filepath.Join(filepath.Dir(dockerfile), f)); err != nil {
			t.Fatal(err)
		}
	}
	for ctxName, tool := range s.tools {
		if err := ctxFiles.copyFile(ctxName, needTool(t, tool)); err != nil {
			t.Fatalf("host program for the build context: %v", err)
		}
	}
	buildContext, err := ctxFiles.tar()
	if err != nil {
		t.Fatal(err)
	}
	ref := "gracelint-test/" + strings.ToLower(name) + ":" + runID
	timeout := 2 * time.Minute
	if s.debian {
		// Every step of a build on the 380 MB Debian image copies up through
		// the engine's storage driver: a few at a time, each given longer.
		debianBuilds <- struct{}{}
		defer func() { <-debianBuilds }()
		timeout = 10 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := eng.RemoveImage(ctx, ref); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	log, err := eng.Build(ctx, ref, buildContext, labels())
	if err != nil {
		return "", fmt.Errorf("%w\n%s", err, log)
	}
	return ref, nil
}
