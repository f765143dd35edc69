//go:build linux && !mips && !mipsle && !mips64 && !mips64le

package linuxsig

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/moby/sys/signal"
)

// TestSameAsDocker checks, on a Linux host where Docker's own table holds
// Linux's numbers, that Parse and Valid agree with the moby/sys/signal
// functions that docker build and docker stop use, so that GL106 judges a
// STOPSIGNAL as Docker does.
func TestSameAsDocker(t *testing.T) {
	inputs := []string{"", "0", "-0", "+0", "-1", "+15", "015", "1.5", "0x9", " 9", "9 ", "SIG", "SIGSIGTERM", "SIGFOO",
		"SIGRTMIN+0", "SIGRTMIN+01", "SIGRTMIN+16", "SIGRTMAX-15", "SIGRTMAX+1", "SIGRTMIN-1", "ſigterm", "99999999999999999999"}
	for n := -3; n <= 70; n++ {
		inputs = append(inputs, fmt.Sprint(n))
	}
	for name := range signal.SignalMap {
		inputs = append(inputs, name, "SIG"+name, strings.ToLower(name), "sig"+strings.ToLower(name), "Sig"+name)
	}
	for _, s := range inputs {
		want, err := signal.ParseSignal(s)
		got, ok := Parse(s)
		if ok != (err == nil) || ok && got != int(want) {
			t.Errorf("Parse(%q) = %d, %v; ParseSignal gives %d, %v", s, got, ok, want, err)
		}
	}
	for n := -3; n <= 70; n++ {
		if got, want := Valid(n), signal.ValidSignalForPlatform(syscall.Signal(n)); got != want {
			t.Errorf("Valid(%d) = %v, ValidSignalForPlatform %v", n, got, want)
		}
	}
	for sig := 1; sig <= 31; sig++ {
		name, _ := Name(sig)
		if want, ok := signal.SignalMap[strings.TrimPrefix(name, "SIG")]; !ok || int(want) != sig {
			t.Errorf("Name(%d) = %s, which Docker numbers %d", sig, name, want)
		}
	}
}
