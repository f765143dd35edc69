// Package signals recognises os/signal calls and the signal values passed to
// them by value, whatever their spelling: syscall.SIGTERM, unix.SIGTERM,
// syscall.Signal(15), os.Interrupt, named constants, variables and slices.
package signals

import (
	"fmt"
	"github.com/gracelint/gracelint/internal/finding"
	"slices"

	"github.com/gracelint/gracelint/internal/linuxsig"
)

// Linux signal numbers: containers run Linux whatever the build host is, and
// the driver type-checks Go code for GOOS=linux, so constants such as
// syscall.SIGTERM evaluate to these.
const (
	SIGHUP  = linuxsig.SIGHUP
	SIGINT  = linuxsig.SIGINT
	SIGQUIT = linuxsig.SIGQUIT
	SIGKILL = linuxsig.SIGKILL
	SIGTERM = linuxsig.SIGTERM
	SIGSTOP = linuxsig.SIGSTOP
)

// Name returns the conventional name of a Linux signal number.
func Name(sig int) string {
	if n, ok := linuxsig.Name(sig); ok {
		return n
	}
	return fmt.Sprintf("signal %d", sig)
}

// A Set is what an expression or call denotes as a set of signals. Its fields
// are exported so that it can travel in analysis facts.
type Set struct {
	Sigs    []int // known members, sorted
	All     bool  // every signal: signal.Notify(c) with no signal arguments
	Unknown bool  // some members could not be worked out
}

// Of returns the set of the given signals.
func Of(sigs ...int) Set {
	var s Set
	for _, sig := range sigs {
		s.add(sig)
	}
	return s
}

func (s *Set) add(sig int) {
	if i, found := slices.BinarySearch(s.Sigs, sig); !found {
		s.Sigs = slices.Insert(s.Sigs, i, sig)
	}
}

// Union returns the signals in s or t.
func (s Set) Union(t Set) Set {
	u := Set{Sigs: slices.Clone(s.Sigs), All: s.All || t.All, Unknown: s.Unknown || t.Unknown}
	for _, sig := range t.Sigs {
		u.add(sig)
	}
	return u
}

// Has reports whether sig is surely in s.
func (s Set) Has(sig int) bool {
	return s.All || slices.Contains(s.Sigs, sig)
}

// MayHave reports whether sig is, or could be, in s.
func (s Set) MayHave(sig int) bool {
	return s.Has(sig) || s.Unknown
}

// IsEmpty reports whether s surely holds no signal.
func (s Set) IsEmpty() bool {
	return !s.All && !s.Unknown && len(s.Sigs) == 0
}

// String lists the members by name, e.g. "SIGINT and SIGHUP".
func (s Set) String() string {
	if s.All {
		return "every signal"
	}
	parts := make([]string, 0, len(s.Sigs)+1)
	for _, sig := range s.Sigs {
		parts = append(parts, Name(sig))
	}
	if s.Unknown {
		parts = append(parts, "others")
	}
	if len(parts) == 0 {
		return "no signal"
	}
	return finding.Words(parts)
}

// Uncatchable returns the signal in s that can never be caught, blocked or
// ignored (SIGKILL or SIGSTOP), if s surely names one.
func Uncatchable(s Set) (int, bool) {
	for _, sig := range []int{SIGKILL, SIGSTOP} {
		if !s.All && s.Has(sig) {
			return sig, true
		}
	}
	return 0, false
}
