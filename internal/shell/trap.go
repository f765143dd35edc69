package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// A trapSet records the `trap` commands found anywhere in some shell code.
type trapSet struct {
	any       bool // some trap is set: bash and busybox ash then never exec implicitly
	term      bool // a command handles TERM
	otherStop bool // a command handles INT or QUIT, signals STOPSIGNAL may name instead
}

// add records c if it is `trap ACTION SIGNAL...`.
func (t *trapSet) add(c *syntax.CallExpr) {
	if len(c.Args) < 3 {
		return // `trap`, `trap -p`, `trap ACTION` alone set nothing
	}
	if name, _ := literal(c.Args[0]); name != "trap" {
		return
	}
	args := c.Args[1:]
	if first, _ := literal(args[0]); first == "--" {
		args = args[1:]
	}
	if len(args) < 2 {
		return
	}
	action, ok := literal(args[0])
	if ok && (action == "-" || isUnsigned(action)) {
		return // resets the signals to their defaults (POSIX: a number means all are signals)
	}
	t.any = true
	if ok && action == "" {
		return // ignores the signals: nothing handles them
	}
	for _, sig := range args[1:] {
		name, _ := literal(sig)
		switch strings.TrimPrefix(strings.ToUpper(name), "SIG") {
		case "TERM", "15":
			t.term = true
		case "INT", "2", "QUIT", "3":
			t.otherStop = true
		}
	}
}

func isUnsigned(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
