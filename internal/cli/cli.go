// Package cli is the gracelint command: flag parsing, subcommands and the lint run.
// It lives outside package main so tests can run it in-process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/agext/levenshtein"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/imagelink"
	"github.com/gracelint/gracelint/internal/report"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/manifestlint"
)

// Exit statuses, as documented in README.md.
const (
	exitClean    = 0 // no finding at or above -fail-on
	exitFindings = 1 // findings at or above -fail-on
	exitUsage    = 2 // bad usage or configuration, or nothing could be read
)

// allRules is the registry that config, pragmas, `rules`, `explain` and the
// printers read.
var allRules = rule.NewSet(slices.Concat([]*rule.Rule{rule.ParseError, rule.BadIgnore}, dockerlint.Rules, imagelink.Rules, goanalysis.Rules, manifestlint.Rules)...)

// A command is a subcommand: `gracelint NAME args...`.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func registerCommand(c command) { commands[c.name] = c }

func init() {
	registerCommand(command{name: "help", summary: "this help, or a command's: gracelint help verify", run: helpMain})
	registerCommand(command{name: "version", summary: "print gracelint's version and the Go it was built with", run: versionMain})
}

// versionMain is `gracelint version`, the version SARIF reports name the tool by.
func versionMain(args []string, stdout, stderr io.Writer) int {
	const synopsis = "usage: gracelint version"
	if wantsHelp(args) {
		fmt.Fprintln(stdout, synopsis)
		return exitClean
	}
	if len(args) > 0 {
		fmt.Fprintln(stderr, synopsis)
		return exitUsage
	}
	fmt.Fprintf(stdout, "gracelint %s %s %s/%s\n", report.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitClean
}

// Main runs gracelint with args (without the program name) and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			return c.run(args[1:], stdout, stderr)
		}
		if name, ok := mistypedCommand(args[0]); ok {
			fmt.Fprintf(stderr, "gracelint: unknown command %q: did you mean gracelint %s? (nor is there a file or directory %s to lint)\n", args[0], name, args[0])
			return exitUsage
		}
	}
	return lintMain(args, stdout, stderr)
}

// mistypedCommand returns the command that arg, a first argument that is no
// command, was probably meant to be: one within two edits of it, when arg
// does not look like a path and no file of that name exists (which would be
// linted as usual).
func mistypedCommand(arg string) (string, bool) {
	if arg == "" || strings.ContainsAny(arg, `/\.*`) || strings.HasPrefix(arg, "-") {
		return "", false
	}
	if _, err := os.Lstat(arg); !errors.Is(err, fs.ErrNotExist) {
		return "", false
	}
	best, bestDist := "", 3
	for name := range commands {
		d := levenshtein.Distance(arg, name, nil)
		if d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	return best, best != ""
}

// helpMain is `gracelint help [COMMAND]`: the same text as -h, on standard output.
func helpMain(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		return lintMain([]string{"-h"}, stdout, stderr)
	case len(args) == 1 && args[0] != "help":
		if c, ok := commands[args[0]]; ok {
			return c.run([]string{"-h"}, stdout, stderr)
		}
		if name, ok := mistypedCommand(args[0]); ok {
			fmt.Fprintf(stderr, "gracelint help: unknown command %q: did you mean gracelint help %s?\n", args[0], name)
		} else {
			fmt.Fprintf(stderr, "gracelint help: unknown command %q (see gracelint help)\n", args[0])
		}
	default:
		fmt.Fprintln(stderr, "usage: gracelint help [COMMAND]")
	}
	return exitUsage
}

// usage is what a command says about how to call it.
type usage struct {
	synopsis string          // "usage: gracelint NAME ...", printed after a usage error
	text     string          // the rest of the help before the flags, "" for none
	more     func(io.Writer) // prints what follows the flags, or nil
	noArgs   bool            // the command takes flags only
}

// help prints the full help: synopsis, text, the flags of fs and more.
func (u usage) help(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, u.synopsis)
	if u.text != "" {
		fmt.Fprint(w, "\n"+u.text)
	}
	if hasFlags(fs) {
		fmt.Fprint(w, "\nFlags:\n")
		out := fs.Output()
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(out)
	}
	if u.more != nil {
		u.more(w)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseFlags parses args with fs. Help asked for with -h, -help or --help goes
// to standard output, and the command is done with status 0; after a bad flag,
// or an argument to a command that takes none, stderr gets the error and the
// synopsis, and the status is 2. ok reports whether the command goes on.
func parseFlags(fs *flag.FlagSet, u usage, args []string, stdout, stderr io.Writer) (status int, ok bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // the flag package calls it for -h and for errors alike
	err := fs.Parse(args)
	switch {
	case err == nil && u.noArgs && fs.NArg() > 0:
		fmt.Fprintf(stderr, "unexpected argument %q\n%s\n", fs.Arg(0), u.synopsis)
		return exitUsage, false
	case err == nil:
		return exitClean, true
	case errors.Is(err, flag.ErrHelp):
		u.help(stdout, fs)
		return exitClean, false
	default:
		name, _, _ := strings.Cut(fs.Name(), " [")
		fmt.Fprintf(stderr, "%s\nRun '%s -h' for help.\n", u.synopsis, name)
		return exitUsage, false
	}
}

// wantsHelp reports whether args of a command without flags ask for help.
func wantsHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help")
}

// commandUsage lists the subcommands for -help.
func commandUsage(w io.Writer) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "\nOther commands:")
	for _, n := range names {
		fmt.Fprintf(w, "  gracelint %-10s %s\n", n, commands[n].summary)
	}
}
