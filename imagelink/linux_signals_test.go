package imagelink

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/golint"
)

// TestStopSignalLinuxNumbers feeds GL107 Linux signal numbers written out, the
// ones that differ on other hosts (macOS: SIGSYS 12, SIGUSR2 31, SIGSTOP 17),
// so that a comparison with a host's syscall constant fails there.
func TestStopSignalLinuxNumbers(t *testing.T) {
	for _, tc := range []struct {
		stop int   // STOPSIGNAL, as a Linux number
		subs []int // what the program subscribes to
		want []string
	}{
		{31, []int{2}, []string{"docker stop sends SIGSYS", "with a goroutine dump", "add syscall.SIGSYS", "set STOPSIGNAL SIGINT"}},
		{12, []int{2}, []string{"docker stop sends SIGUSR2", "takes no action on that signal", "add syscall.SIGUSR2"}},
		{10, []int{2}, []string{"docker stop sends SIGUSR1", "takes no action on that signal"}},
		{17, []int{2}, []string{"docker stop sends SIGCHLD", "takes no action on that signal"}},
		// SIGSTOP (19) and SIGKILL (9) are never stop signals to suggest.
		{15, []int{19, 30}, []string{"docker stop sends SIGTERM", "subscribes only to SIGSTOP and SIGPWR", "set STOPSIGNAL SIGPWR"}},
		{15, []int{9, 17}, []string{"set STOPSIGNAL SIGCHLD"}},
		// Real-time signals have no name in package syscall nor a usual one in a Dockerfile.
		{37, []int{2}, []string{"add syscall.Signal(37) to that call", "set STOPSIGNAL SIGINT"}},
		{15, []int{40}, []string{"add syscall.SIGTERM", "set STOPSIGNAL 40 in the Dockerfile"}},
	} {
		subs := program.Signals{Sigs: tc.subs}
		prog := &golint.Program{Dir: "/src/cmd/api", Program: program.Program{
			Subscribes: subs, Sites: []program.Site{{File: "/src/cmd/api/main.go", Line: 12, Column: 2, Signals: subs}}}}
		name := fmt.Sprint(tc.stop)
		l := link{main: &dockerlint.MainProcess{Dockerfile: "/src/Dockerfile", Program: "/api", Line: 5,
			StopSignal: tc.stop, StopSignalName: name, StopSignalLine: 4, Copied: "/src/api"}, prog: prog}
		fs := l.checkStopSignal(nil)
		if len(fs) != 1 {
			t.Errorf("STOPSIGNAL %s, program subscribing to %v: findings %v, want one GL107", name, tc.subs, fs)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(fs[0].Message, w) {
				t.Errorf("STOPSIGNAL %s, program subscribing to %v: %q lacks %q", name, tc.subs, fs[0].Message, w)
			}
		}
	}
}

// A STOPSIGNAL that is no signal, or SIGKILL/SIGSTOP, is GL106's: no program can
// handle it, so GL107 would only repeat it.
func TestStopSignalUnusableIsLeftToGL106(t *testing.T) {
	subs := program.Signals{Sigs: []int{2}}
	prog := &golint.Program{Dir: "/src/cmd/api", Program: program.Program{
		Subscribes: subs, Sites: []program.Site{{File: "/src/cmd/api/main.go", Line: 12, Column: 2, Signals: subs}}}}
	for _, stop := range []int{99, 32, 9, 19} {
		name := fmt.Sprint(stop)
		l := link{main: &dockerlint.MainProcess{Dockerfile: "/src/Dockerfile", Program: "/api", Line: 5,
			StopSignal: stop, StopSignalName: name, StopSignalLine: 4, Copied: "/src/api"}, prog: prog}
		if fs := l.checkStopSignal(nil); len(fs) != 0 {
			t.Errorf("STOPSIGNAL %s: GL107 %v, want none", name, fs)
		}
	}
}
