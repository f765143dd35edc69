package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/docker/go-units"

	"github.com/gracelint/gracelint/internal/engine"
	"github.com/gracelint/gracelint/internal/verify"
)

func init() {
	registerCommand(command{name: "verify", summary: "run an image, docker stop it and report whether it shut down gracefully", run: verifyMain})
}

// Exit status of verify when the container did not shut down gracefully.
const exitNotGraceful = 1

// maxGraceSeconds bounds -t: an hour is longer than any stop verify is meant to
// watch, and far from where seconds overflow a time.Duration.
const maxGraceSeconds = 3600

// labelsFlag is a repeatable -label KEY=VALUE.
type labelsFlag map[string]string

func (l labelsFlag) String() string { return "" }

func (l labelsFlag) Set(v string) error {
	key, value, ok := strings.Cut(v, "=")
	if !ok || key == "" {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	l[key] = value
	return nil
}

func verifyMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gracelint verify", flag.ContinueOnError)
	var (
		grace   = fs.Int("t", 10, "grace period in `seconds` between the stop signal and SIGKILL, as docker stop -t")
		format  = fs.String("format", "text", "output `format`: text or json")
		network = fs.String("network", verify.DefaultNetwork, "network `mode` of the container")
		memory  = fs.String("memory", fmt.Sprintf("%dm", verify.DefaultMemory>>20), "memory `limit` of the container")
		wait    = fs.Duration("wait", verify.DefaultWait, "how long the container runs before it is stopped (with -ready: at most)")
		ready   = fs.String("ready", "", "stop as soon as the container prints this `text` instead of after -wait")
		tty     = fs.Bool("it", false, "keep stdin open and allocate a TTY, as docker run -it")
		init    = fs.Bool("init", false, "run the engine's init (docker-init) as PID 1 in front of the command, as docker run --init")
		labels  = labelsFlag{}
	)
	fs.Var(labels, "label", "add a `KEY=VALUE` label to the container, repeatable")
	u := usage{synopsis: "usage: gracelint verify [flags] IMAGE [-- CMD...]", text: `Starts IMAGE (not privileged, no network, memory limited), waits until it runs, stops it
as docker stop -t does and reports PID 1, the stop signal, how long the stop took, the
exit code and a verdict. CMD, after --, replaces the image's CMD.

The container is named gracelint-verify-PID-RANDOM, labelled gracelint.verify=PID@HOST,
and removed however the run ends (also on SIGINT, SIGTERM and SIGHUP); if it cannot be,
verify says so. Containers left by runs that were killed (SIGKILL) or lost the engine
are removed by the next run on the same host.

Needs a Docker Engine, found as the docker CLI finds it (DOCKER_HOST, DOCKER_CONTEXT,
the CLI's current context, or the local socket), not the docker CLI itself.

Exit status: 0 graceful, 1 not graceful, 2 usage error, interrupted, the engine failed,
or the container could not be removed.
`}
	if status, ok := parseFlags(fs, u, args, stdout, stderr); !ok {
		return status
	}
	if fs.NArg() == 0 {
		u.help(stderr, fs)
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "gracelint verify: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	if *grace < 0 || *grace > maxGraceSeconds {
		fmt.Fprintf(stderr, "gracelint verify: -t %d: the grace period is in seconds, from 0 to %d\n", *grace, maxGraceSeconds)
		return exitUsage
	}
	mem, err := units.RAMInBytes(*memory)
	if err != nil {
		fmt.Fprintf(stderr, "gracelint verify: -memory: %v\n", err)
		return exitUsage
	}
	cmd := fs.Args()[1:]
	if len(cmd) > 0 {
		if cmd[0] != "--" {
			fmt.Fprintf(stderr, "gracelint verify: unexpected %q after the image %s: flags go before the image, and a command that replaces the image's CMD after --: gracelint verify [flags] %s -- %s\n",
				cmd[0], fs.Arg(0), fs.Arg(0), strings.Join(cmd, " "))
			return exitUsage
		}
		cmd = cmd[1:]
	}
	opts := verify.Options{
		Image: fs.Arg(0), Cmd: cmd, Grace: time.Duration(*grace) * time.Second,
		Network: *network, Memory: mem, Wait: *wait, Ready: *ready, Interactive: *tty, Init: *init, Labels: labels,
	}

	// A signal cancels the run; verify.Run still removes the container. The
	// handler stays until verifyMain returns, so a second signal cannot cut
	// the removal short.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	eng, err := engine.Connect(ctx)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w before a container was created", verify.ErrInterrupted)
		}
		fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
		return exitUsage
	}
	defer eng.Close()
	removed, err := verify.RemoveOrphans(ctx, eng)
	if len(removed) > 0 {
		fmt.Fprintf(stderr, "gracelint verify: removed %d container(s) left by earlier runs that ended without cleanup: %s\n", len(removed), strings.Join(removed, ", "))
	}
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "gracelint verify: warning: containers left by earlier runs: %v\n", err)
	}
	res, err := verify.Run(ctx, eng, opts)
	if res == nil {
		fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
		return exitUsage
	}
	status := exitClean
	if !res.Graceful() {
		status = exitNotGraceful
	}
	if err != nil { // the result stands, but its container is still there
		status = exitUsage
		defer fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false) // command lines are shown as written: && stays &&
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
			return exitUsage
		}
	} else {
		printVerifyText(stdout, res)
	}
	return status
}

func printVerifyText(w io.Writer, r *verify.Result) {
	fmt.Fprintf(w, "image:      %s\n", r.Image)
	if len(r.Cmd) > 0 {
		fmt.Fprintf(w, "command:    %s\n", strings.Join(r.Cmd, " "))
	}
	if r.PID1 != "" {
		fmt.Fprintf(w, "PID 1:      %s\n", r.PID1)
	}
	fmt.Fprintf(w, "signal:     %s, SIGKILL after %s\n", r.Signal, r.Grace)
	if r.StopTook > 0 {
		fmt.Fprintf(w, "stop took:  %.2fs\n", r.StopTook.Seconds())
	}
	fmt.Fprintf(w, "exit code:  %d\n", r.ExitCode)
	fmt.Fprintf(w, "verdict:    %s: %s\n", r.Verdict, r.Reason)
	if !r.Graceful() && r.Logs != "" {
		fmt.Fprintf(w, "output:\n%s", indent(r.Logs))
	}
}

func indent(s string) string {
	lines := strings.SplitAfter(strings.TrimRight(s, "\n"), "\n")
	return "    " + strings.Join(lines, "    ") + "\n"
}
