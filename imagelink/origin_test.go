package imagelink

import (
	"strings"
	"testing"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/golint"
	"github.com/gracelint/gracelint/internal/linuxsig"
)

// A program at the module's root, linted from there, is named by its import
// path, not by its directory written as "./.".
func TestOriginNamesThePackage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	prog := &golint.Program{ImportPath: "github.com/traefik/whoami", Dir: dir, ModuleDir: dir}
	for _, m := range []*dockerlint.MainProcess{
		{Dockerfile: dir + "/Dockerfile", Program: "/whoami", Copied: dir + "/whoami"},
		{Dockerfile: dir + "/Dockerfile", Program: "/whoami", Build: &dockerlint.GoBuild{Line: 4}},
	} {
		got := link{main: m, prog: prog}.origin()
		if strings.Contains(got, "./.") || !strings.Contains(got, "built from github.com/traefik/whoami ") {
			t.Errorf("origin() = %q, want the package named by its import path", got)
		}
	}
}

// A program that subscribes through several calls is told where each signal
// comes from, each call at its own position.
func TestStopSignalNamesEachSite(t *testing.T) {
	site := func(line int, sigs ...int) program.Site {
		return program.Site{File: "/src/share/cos/common.go", Line: line, Column: 3, Signals: program.Signals{Sigs: sigs}}
	}
	prog := &golint.Program{ImportPath: "example.com/cos", Dir: "/src/cmd/cos", Program: program.Program{
		Subscribes: program.Signals{Sigs: []int{linuxsig.SIGHUP, linuxsig.SIGINT, linuxsig.SIGSYS}},
		Sites:      []program.Site{site(16, linuxsig.SIGHUP), site(17, linuxsig.SIGINT), site(18, linuxsig.SIGSYS)},
	}}
	l := link{main: &dockerlint.MainProcess{Dockerfile: "/src/Dockerfile", Program: "/cos", Line: 5,
		StopSignal: linuxsig.SIGTERM, StopSignalName: "SIGTERM", Copied: "/src/cos"}, prog: prog}
	fs := l.checkStopSignal(nil)
	if len(fs) != 1 {
		t.Fatalf("findings %v, want one GL107", fs)
	}
	want := "subscribes only to SIGHUP at /src/share/cos/common.go:16:3, SIGINT at /src/share/cos/common.go:17:3 and SIGSYS at /src/share/cos/common.go:18:3"
	if !strings.Contains(fs[0].Message, want) || !strings.Contains(fs[0].Message, "add syscall.SIGTERM to one of those calls") {
		t.Errorf("GL107 message:\n%s\nwant it to say %q and where to add SIGTERM", fs[0].Message, want)
	}
}
