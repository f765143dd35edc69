package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/gracelint/gracelint/internal/hook"
)

func init() {
	registerCommand(command{name: "hook", summary: "plain git pre-commit hook: hook install [-force] writes it, hook run [flags] lints the staged files", run: hookMain})
}

const hookSynopsis = "usage: gracelint hook install [-force]   write .git/hooks/pre-commit\n" +
	"       gracelint hook run [flags]        lint the staged Dockerfiles and Go packages (what the hook runs)"

func hookMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "install":
			return hookInstall(args[1:], stdout, stderr)
		case "run":
			return hookRun(args[1:], stdout, stderr)
		}
	}
	if wantsHelp(args) {
		fmt.Fprintln(stdout, hookSynopsis)
		return exitClean
	}
	fmt.Fprintln(stderr, hookSynopsis)
	return exitUsage
}

func hookInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gracelint hook install", flag.ContinueOnError)
	force := fs.Bool("force", false, "replace an existing pre-commit hook")
	u := usage{synopsis: "usage: gracelint hook install [-force]", text: "Writes a git pre-commit hook that runs gracelint hook run.\n", noArgs: true}
	if status, ok := parseFlags(fs, u, args, stdout, stderr); !ok {
		return status
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
	// The flags are checked first: a hook with a bad flag must fail on every
	// commit, not only on the first one that stages a Dockerfile.
	fs, _ := lintFlags("gracelint hook run")
	u := usage{synopsis: "usage: gracelint hook run [flags]", text: "Lints the staged Dockerfiles and the Go packages of the staged .go files,\nwith the flags of gracelint (gracelint -h).\n", noArgs: true}
	if status, ok := parseFlags(fs, u, args, stdout, stderr); !ok {
		return status
	}
	files, err := hook.Staged(".")
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	if len(files) == 0 {
		return exitClean
	}
	// "--" ends the flags, so a file named -x is a file.
	// A hook stays quiet on success, even at a terminal (-v still asks for the summary).
	return lintRound(append(append(args[:len(args):len(args)], "--"), files...), stdout, stderr, fixRounds, map[string]bool{}, false)
}
