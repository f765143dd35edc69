// Package cli is the gracelint command: flag parsing, subcommands and the lint run.
// It lives outside package main so tests can run it in-process.
package cli

import (
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/imagelink"
	"github.com/gracelint/gracelint/internal/rule"
)

// Exit statuses, as documented in README.md.
const (
	exitClean    = 0 // no finding at or above -fail-on
	exitFindings = 1 // findings at or above -fail-on
	exitUsage    = 2 // bad usage or configuration, or nothing could be read
)

// allRules is the registry that config, pragmas, `rules`, `explain` and the
// printers read.
var allRules = rule.NewSet(slices.Concat([]*rule.Rule{rule.ParseError, rule.BadIgnore}, dockerlint.Rules, imagelink.Rules, goanalysis.Rules)...)

// A command is a subcommand: `gracelint NAME args...`.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func registerCommand(c command) { commands[c.name] = c }

// Main runs gracelint with args (without the program name) and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			return c.run(args[1:], stdout, stderr)
		}
	}
	return lintMain(args, stdout, stderr)
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
