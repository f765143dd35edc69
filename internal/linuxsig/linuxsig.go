// Package linuxsig names Linux signal numbers. Containers run Linux whatever
// the host gracelint runs on, so every signal number gracelint reasons about
// is a Linux one; package syscall's constants are the host's (SIGSTOP is 17 on
// macOS, and Windows has no SIGSTOP at all) and must not be compared with them.
//
// The numbers are the asm-generic ones of amd64 and arm64 (and 386, arm,
// ppc64le, riscv64, s390x); the real-time signals follow Docker, which leaves
// 32 and 33 to the C library's threads and numbers SIGRTMIN 34.
package linuxsig

import (
	"strconv"
	"strings"
)

// The Linux signal numbers.
const (
	SIGHUP    = 1
	SIGINT    = 2
	SIGQUIT   = 3
	SIGILL    = 4
	SIGTRAP   = 5
	SIGABRT   = 6
	SIGBUS    = 7
	SIGFPE    = 8
	SIGKILL   = 9
	SIGUSR1   = 10
	SIGSEGV   = 11
	SIGUSR2   = 12
	SIGPIPE   = 13
	SIGALRM   = 14
	SIGTERM   = 15
	SIGSTKFLT = 16
	SIGCHLD   = 17
	SIGCONT   = 18
	SIGSTOP   = 19
	SIGTSTP   = 20
	SIGTTIN   = 21
	SIGTTOU   = 22
	SIGURG    = 23
	SIGXCPU   = 24
	SIGXFSZ   = 25
	SIGVTALRM = 26
	SIGPROF   = 27
	SIGWINCH  = 28
	SIGIO     = 29
	SIGPWR    = 30
	SIGSYS    = 31

	SIGRTMIN = 34 // as Docker and glibc number it
	SIGRTMAX = 64
)

// names are the conventional names of the signals below SIGRTMIN, by number.
var names = [...]string{
	SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
	SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
	SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
	SIGSTKFLT: "SIGSTKFLT", SIGCHLD: "SIGCHLD", SIGCONT: "SIGCONT", SIGSTOP: "SIGSTOP", SIGTSTP: "SIGTSTP",
	SIGTTIN: "SIGTTIN", SIGTTOU: "SIGTTOU", SIGURG: "SIGURG", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
	SIGVTALRM: "SIGVTALRM", SIGPROF: "SIGPROF", SIGWINCH: "SIGWINCH", SIGIO: "SIGIO", SIGPWR: "SIGPWR",
	SIGSYS: "SIGSYS",
}

// aliases are the other names Docker accepts for a signal.
var aliases = map[string]int{"SIGCLD": SIGCHLD, "SIGIOT": SIGABRT, "SIGPOLL": SIGIO}

// rtNamed is how many real-time signals Docker names from each end:
// RTMIN..RTMIN+15 and RTMAX-14..RTMAX.
const rtNamed = 16

// Name returns the conventional name of sig ("SIGTERM"), and false for a
// number that has none: the real-time signals and numbers that are no signal.
func Name(sig int) (string, bool) {
	if sig <= 0 || sig >= len(names) {
		return "", false
	}
	return names[sig], true
}

// Number returns the signal that name names, as Docker reads a STOPSIGNAL or
// docker kill --signal name: in any case, with or without the SIG prefix
// ("SIGTERM", "term"), an alias (SIGCLD, SIGIOT, SIGPOLL), or a real-time
// signal from RTMIN to RTMIN+15 and from RTMAX-14 to RTMAX.
func Number(name string) (int, bool) {
	name = "SIG" + strings.TrimPrefix(strings.ToUpper(name), "SIG")
	for sig, n := range names {
		if n == name && n != "" {
			return sig, true
		}
	}
	if sig, ok := aliases[name]; ok {
		return sig, true
	}
	rt, ok := strings.CutPrefix(name, "SIGRT")
	if !ok {
		return 0, false
	}
	switch {
	case rt == "MIN":
		return SIGRTMIN, true
	case rt == "MAX":
		return SIGRTMAX, true
	case strings.HasPrefix(rt, "MIN+"):
		if n, ok := rtOffset(rt[len("MIN+"):], rtNamed-1); ok {
			return SIGRTMIN + n, true
		}
	case strings.HasPrefix(rt, "MAX-"):
		if n, ok := rtOffset(rt[len("MAX-"):], rtNamed-2); ok {
			return SIGRTMAX - n, true
		}
	}
	return 0, false
}

// rtOffset reads the n of RTMIN+n or RTMAX-n: 1 to max, written as Docker's
// table writes it, without sign or leading zero.
func rtOffset(s string, max int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// Parse reads a signal as Docker's STOPSIGNAL does (moby/sys/signal's
// ParseSignal on Linux): a decimal number other than 0, which need not be a
// signal (see Valid), or a name that Number knows.
func Parse(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n != 0
	}
	return Number(s)
}

// Valid reports whether sig is a signal Docker can send to a Linux container:
// 1 to 31, or a real-time signal from SIGRTMIN to SIGRTMAX.
func Valid(sig int) bool {
	return sig >= 1 && sig < len(names) || sig >= SIGRTMIN && sig <= SIGRTMAX
}
