package imagelink

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/golint"
	"github.com/gracelint/gracelint/internal/linuxsig"
)

func TestStopSignalEffect(t *testing.T) {
	// The program subscribes to SIGINT only; what docker stop's signal does to
	// it depends on the signal (os/signal: "Default behavior of signals").
	sigint := program.Signals{Sigs: []int{linuxsig.SIGINT}}
	prog := &golint.Program{Dir: "/src/cmd/api", Program: program.Program{
		Subscribes: sigint, Sites: []program.Site{{File: "/src/cmd/api/main.go", Line: 12, Column: 2, Signals: sigint}}}}
	for _, tc := range []struct {
		sig  int // Linux numbers: the container's, whatever the host
		want string
	}{
		{linuxsig.SIGTERM, "ends it at once with exit status 2"},
		{linuxsig.SIGQUIT, "ends it at once with a goroutine dump and exit status 2"},
		{linuxsig.SIGUSR1, "takes no action on that signal, so docker stop waits the whole grace period"},
		{linuxsig.SIGWINCH, "takes no action on that signal"},
	} {
		name := fmt.Sprint(tc.sig) // STOPSIGNAL 10: the message names the signal
		want := "docker stop sends " + program.SignalName(tc.sig) + " (STOPSIGNAL " + name + ", line 4)"
		l := link{main: &dockerlint.MainProcess{Dockerfile: "/src/Dockerfile", Program: "/api", Line: 5,
			StopSignal: tc.sig, StopSignalName: name, StopSignalLine: 4, Copied: "/src/api"}, prog: prog}
		fs := l.checkStopSignal(nil)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tc.want) || !strings.Contains(fs[0].Message, want) {
			t.Errorf("STOPSIGNAL %s: findings %v, want one GL107 saying %q and %q", name, fs, want, tc.want)
		}
	}
}
