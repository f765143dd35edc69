package a

import (
	"context"
	"os"
	sig "os/signal"
	"syscall"

	"b"
)

const term = syscall.SIGTERM

type signalAlias = syscall.Signal

func forms(ctx context.Context, c chan os.Signal, param []os.Signal) {
	sig.Notify(c, term, signalAlias(1))          // want `signal.Notify: SIGHUP and SIGTERM`
	sig.Notify(c, os.Signal(syscall.Signal(15))) // want `signal.Notify: SIGTERM`
	sig.Notify(c)                                // want `signal.Notify: every signal`
	sig.Notify(c, b.Stop...)                     // want `signal.Notify: SIGINT and SIGTERM`
	sig.Notify(c, b.Reload, os.Kill)             // want `signal.Notify: SIGHUP and SIGKILL`
	sig.Notify(c, b.Dynamic...)                  // want `signal.Notify: others`
	sig.Notify(c, param...)                      // want `signal.Notify: others`
	sig.NotifyContext(ctx, (os.Interrupt))       // want `signal.NotifyContext: SIGINT`
	sig.Ignore(syscall.SIGPIPE)                  // want `signal.Ignore: SIGPIPE`
	sig.Reset()                                  // want `signal.Reset: every signal`

	sigs := []os.Signal{os.Interrupt}
	sigs = append(sigs, syscall.SIGQUIT)
	sigs = append(sigs, b.Stop...)
	sig.Notify(c, sigs...) // want `signal.Notify: SIGINT, SIGQUIT and SIGTERM`

	var none []os.Signal
	sig.Notify(c, none...) // want `signal.Notify: every signal`

	one := os.Signal(syscall.SIGUSR1)
	sig.Notify(c, one) // want `signal.Notify: SIGUSR1`

	x, _ := lookup()
	sig.Notify(c, x) // want `signal.Notify: others`
}

func lookup() (os.Signal, bool) { return syscall.SIGTERM, true }

// signalNotify is a seam that tests replace; in the program it is signal.Notify.
var signalNotify = sig.Notify

// notifyOrStop holds either of two functions: which one is called is unknown.
var notifyOrStop = sig.Notify

func init() {
	if len(os.Args) > 1 {
		notifyOrStop = func(chan<- os.Signal, ...os.Signal) {}
	}
}

func seams(c chan os.Signal) {
	signalNotify(c, syscall.SIGTERM) // want `signal.Notify: SIGTERM`
	notifyOrStop(c, syscall.SIGTERM)
	notify := sig.Notify
	notify(c, syscall.SIGINT) // want `signal.Notify: SIGINT`
}
