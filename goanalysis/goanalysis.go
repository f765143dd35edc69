// Package goanalysis holds gracelint's go/analysis passes: Go programs that will not
// shut down gracefully when their container is stopped.
package goanalysis

import (
	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/interruptonly"
	"github.com/gracelint/gracelint/goanalysis/nosigtermhandler"
	"github.com/gracelint/gracelint/goanalysis/sigtermignored"
	"github.com/gracelint/gracelint/goanalysis/sigtermignoredexplicitly"
	"github.com/gracelint/gracelint/goanalysis/unbufferedsignalchan"
	"github.com/gracelint/gracelint/goanalysis/uncatchablesignal"
	"github.com/gracelint/gracelint/internal/rule"
)

// Analyzers are the passes gracelint runs, one per rule. Every diagnostic they
// report has Category set to its rule's ID.
var Analyzers = []*analysis.Analyzer{
	nosigtermhandler.Analyzer,
	interruptonly.Analyzer,
	uncatchablesignal.Analyzer,
	unbufferedsignalchan.Analyzer,
	sigtermignored.Analyzer,
	sigtermignoredexplicitly.Analyzer,
}

// Rules lists the rules of Analyzers, in ID order.
var Rules = []*rule.Rule{
	nosigtermhandler.Rule,
	interruptonly.Rule,
	uncatchablesignal.Rule,
	unbufferedsignalchan.Rule,
	sigtermignored.Rule,
	sigtermignoredexplicitly.Rule,
}
