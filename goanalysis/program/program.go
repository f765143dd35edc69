// Package program summarises what a Go main package does with signals, for the
// rules that judge it together with the image that runs it.
package program

import (
	"cmp"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/lifecycle"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
)

// Analyzer computes a *Program for a main package with a func main, nil for
// every other package. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "gracelintprogram",
	Doc:        "summarise which signals a main package's program subscribes to, and where (a helper pass of gracelint's image rules)",
	Requires:   []*analysis.Analyzer{lifecycle.Analyzer},
	ResultType: reflect.TypeFor[*Program](),
	Run:        diag.Guard(run),
}

// Signals is a set of Linux signal numbers, as the Go analyzers work them out.
type Signals = signals.Set

// A Site is a call that subscribes to signals, with its file:line:col.
type Site = lifecycle.Site

// A Program is what a main package does with signals once it runs: its fields
// are exported so that it can be cached as JSON.
type Program struct {
	Subscribes Signals // what main, what it calls and package initialisation subscribe to
	Sites      []Site  // the calls that subscribe, in file and line order
	LongLived  bool    // main runs until the process is stopped
}

func run(pass *analysis.Pass) (any, error) {
	_, sum, ok := lifecycle.ResultOf(pass).Main()
	if !ok {
		return (*Program)(nil), nil
	}
	p := &Program{Subscribes: sum.Subscribes, Sites: sum.Sites, LongLived: sum.Runs != nil}
	slices.SortFunc(p.Sites, compareSites) // Main's sites are a copy of its own
	return p, nil
}

// Handles reports whether sig (a Linux signal number) is, or may be, delivered
// to the program rather than ending it.
func (p *Program) Handles(sig int) bool { return p.Subscribes.MayHave(sig) }

// SignalName is the conventional name of a Linux signal number.
func SignalName(sig int) string { return signals.Name(sig) }

func compareSites(a, b Site) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}
