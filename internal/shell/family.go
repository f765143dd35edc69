// Package shell models what the /bin/sh of an image does with the command strings
// Docker hands it, as measured in docs/SIGNALS.md.
package shell

import (
	"fmt"
	"strings"
)

// A Family is the program behind an image's /bin/sh.
type Family int

const (
	Unknown Family = iota // base image not in the table: never assume a shell
	Dash                  // Debian's dash: never execs the last command of -c
	Bash                  // bash 5.1 and later: execs a single simple command and the end of a && or ; list
	Bash44                // bash 4.4 to 5.0: execs a single simple command and the right side of && or ||
	Bash4                 // bash before 4.4: execs a single simple command only
	Ash                   // busybox ash: execs the last command, also under redirections and ( )
	None                  // no /bin/sh at all (scratch, distroless)
)

var familyNames = []struct {
	f     Family
	names []string
	words string // the shell in a message, when its name alone does not say it
}{
	{Unknown, []string{"unknown"}, ""},
	{Dash, []string{"dash"}, ""},
	{Bash, []string{"bash"}, "bash 5.1 or later"},
	{Bash44, []string{"bash4.4"}, "bash 4.4 to 5.0"},
	{Bash4, []string{"bash4"}, "bash before 4.4"},
	{Ash, []string{"ash", "busybox"}, ""},
	{None, []string{"none"}, ""},
}

func (f Family) String() string {
	for _, fn := range familyNames {
		if fn.f == f {
			return fn.names[0]
		}
	}
	return fmt.Sprintf("Family(%d)", int(f))
}

// Words names the shell for a message: "dash", "bash before 4.4".
func (f Family) Words() string {
	for _, fn := range familyNames {
		if fn.f == f && fn.words != "" {
			return fn.words
		}
	}
	return f.String()
}

// IsBash reports whether f is a release of bash.
func (f Family) IsBash() bool {
	return f == Bash || f == Bash44 || f == Bash4
}

// ParseFamily reads a family name as written in .gracelint.yaml.
func ParseFamily(s string) (Family, error) {
	var all []string
	for _, fn := range familyNames {
		for _, n := range fn.names {
			if strings.EqualFold(s, n) {
				return fn.f, nil
			}
			if fn.words != "" {
				n += " (" + fn.words + ")"
			}
			all = append(all, n)
		}
	}
	return Unknown, fmt.Errorf("unknown shell %q (want one of %s)", s, strings.Join(all, ", "))
}
