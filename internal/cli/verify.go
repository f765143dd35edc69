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
	)
	u := usage{synopsis: "usage: gracelint verify [flags] IMAGE [-- CMD...]", text: `Starts IMAGE (not privileged, no network, memory limited), waits until it runs, stops it
as docker stop -t does and reports PID 1, the stop signal, how long the stop took, the
exit code and a verdict. The container is always removed. Needs a Docker Engine
(DOCKER_HOST or the local socket), not the docker CLI.

Exit status: 0 graceful, 1 not graceful, 2 usage error or the engine failed.
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
	if *grace < 0 {
		fmt.Fprintf(stderr, "gracelint verify: -t %d: the grace period cannot be negative\n", *grace)
		return exitUsage
	}
	mem, err := units.RAMInBytes(*memory)
	if err != nil {
		fmt.Fprintf(stderr, "gracelint verify: -memory: %v\n", err)
		return exitUsage
	}
	cmd := fs.Args()[1:]
	if len(cmd) > 0 && cmd[0] == "--" {
		cmd = cmd[1:]
	}
	opts := verify.Options{
		Image: fs.Arg(0), Cmd: cmd, Grace: time.Duration(*grace) * time.Second,
		Network: *network, Memory: mem, Wait: *wait, Ready: *ready, Interactive: *tty, Init: *init,
	}

	// Ctrl-C cancels the run; verify.Run still removes the container.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	eng, err := engine.Connect(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
		return exitUsage
	}
	defer eng.Close()
	res, err := verify.Run(ctx, eng, opts)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("interrupted; the container was removed")
		}
		fmt.Fprintf(stderr, "gracelint verify: %v\n", err)
		return exitUsage
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
	if !res.Graceful() {
		return exitNotGraceful
	}
	return exitClean
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
