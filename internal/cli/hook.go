package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/gracelint/gracelint/internal/hook"
)

func init() {
	registerCommand(command{name: "hook", summary: "plain git pre-commit hook: hook install [-force] writes it, hook run [flags] lints the staged files", run: hookMain})
}

func hookMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "install":
			return hookInstall(args[1:], stdout, stderr)
		case "run":
			return hookRun(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintln(stderr, "usage: gracelint hook install [-force]   write .git/hooks/pre-commit\n"+
		"       gracelint hook run [flags]        lint the staged Dockerfiles and Go packages (what the hook runs)")
	return exitUsage
}

func hookInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gracelint hook install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "replace an existing pre-commit hook")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gracelint hook install [-force]")
		return exitUsage
	}
	path, err := hook.Install(".", *force)
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "gracelint: installed %s\n", path)
	return exitClean
}

// hookRun lints what is staged for commit, with the lint flags in args. With
// nothing to lint it succeeds at once.
func hookRun(args []string, stdout, stderr io.Writer) int {
	files, err := hook.Staged(".")
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	if len(files) == 0 {
		return exitClean
	}
	// "--" ends the flags, so a file named -x is a file.
	return lintMain(append(append(args[:len(args):len(args)], "--"), files...), stdout, stderr)
}
