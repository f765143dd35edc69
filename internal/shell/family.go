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
	Bash                  // bash 5.x: execs a single simple command and the end of a && list
	Ash                   // busybox ash: execs the last command, also under redirections and ( )
	None                  // no /bin/sh at all (scratch, distroless)
)

var familyNames = []struct {
	f     Family
	names []string
}{
	{Unknown, []string{"unknown"}},
	{Dash, []string{"dash"}},
	{Bash, []string{"bash"}},
	{Ash, []string{"ash", "busybox"}},
	{None, []string{"none"}},
}

func (f Family) String() string {
	for _, fn := range familyNames {
		if fn.f == f {
			return fn.names[0]
		}
	}
	return fmt.Sprintf("Family(%d)", int(f))
}

// ParseFamily reads a family name as written in .gracelint.yaml.
func ParseFamily(s string) (Family, error) {
	var all []string
	for _, fn := range familyNames {
		for _, n := range fn.names {
			if strings.EqualFold(s, n) {
				return fn.f, nil
			}
			all = append(all, n)
		}
	}
	return Unknown, fmt.Errorf("unknown shell %q (want one of %s)", s, strings.Join(all, ", "))
}
