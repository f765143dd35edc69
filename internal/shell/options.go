package shell

import "strings"

// Operand reads the arguments a POSIX shell is given after its name: whether
// an option cluster holds -c (the shell runs a string, not a file), and the
// index in args of the first operand, the -c string or the script, or -1.
// -o and +o take an option name; long options (--login, --norc) take none.
func Operand(args []string) (index int, dashC bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "+o":
			i++ // the option's name
		case strings.HasPrefix(a, "--"):
		case len(a) > 1 && (a[0] == '-' || a[0] == '+'):
			dashC = dashC || (a[0] == '-' && strings.ContainsRune(a[1:], 'c'))
		default:
			return i, dashC
		}
	}
	return -1, dashC
}
