// Package dockerlint finds the reasons a container built from a Dockerfile will not
// stop gracefully: it reads the file exactly as docker build does, models the image
// that the default target produces, and judges who ends up as PID 1.
package dockerlint

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

// A check is one rule and the code that finds it.
type check struct {
	rule *rule.Rule
	run  func(*pass)
}

// checks run in this order on every file that parses.
var checks = []check{
	{ShellFormPID1, checkShellFormPID1},
	{ShellWrapperPID1, checkShellWrapperPID1},
	{EntrypointScriptNoExec, checkEntrypointScriptNoExec},
	{ShellFormWithoutShell, checkShellFormWithoutShell},
	{ShellEntrypointDropsArgs, checkShellEntrypointDropsArgs},
	{StopSignalUnusable, checkStopSignalUnusable},
	{PID1IgnoresSigterm, checkPID1IgnoresSigterm},
}

// Rules lists the Dockerfile rules, in ID order.
var Rules = func() []*rule.Rule {
	var rs []*rule.Rule
	for _, c := range checks {
		rs = append(rs, c.rule)
	}
	return rs
}()

// Options tune an analysis.
type Options struct {
	Images  []config.Image // base-image shell overrides from .gracelint.yaml
	Rules   rule.Set       // every rule id a "# gracelint ignore=" comment may name
	Context string         // build context directory; "" means the Dockerfile's directory
	// Resolver reads what the final stage's base image brings (its /bin/sh,
	// ENTRYPOINT, CMD, SHELL, STOPSIGNAL, WORKDIR); nil: gracelint's table only.
	Resolver BaseResolver
}

// A BaseResolver reads a base image's facts: *imagefacts.Resolver. It returns
// nil facts when it does not read the image; tableSure says whether the table
// knows the image's /bin/sh. The error is for a reference that does not parse.
type BaseResolver interface {
	Resolve(ref, platform string, tableSure bool) (*imagefacts.Facts, error)
}

// defaultOptions are used when Lint is given nil.
var defaultOptions = Options{Rules: rule.NewSet(append([]*rule.Rule{rule.ParseError, rule.BadIgnore}, Rules...)...)}

// A pass is one file under analysis: what the checks read and where they report.
type pass struct {
	df       *dockerfile
	img      *image
	opts     *Options
	context  string             // build context directory
	run      *launch            // what the final image runs; nil if nothing or a Windows image
	scripts  map[string]*script // by the program name the image runs
	verdicts *sync.Map          // script content -> shell.ScriptVerdict, shared by LintFiles; may be nil
	pid1     *pid1Judgement     // GL108's verdict, made once: GL101-GL103 ask for it too
	findings []finding.Finding
}

// report adds a finding of r at the instruction at, with r's default severity.
func (p *pass) report(r *rule.Rule, at span, format string, args ...any) *finding.Finding {
	p.findings = append(p.findings, finding.New(r, p.df.path, at.line, at.col, at.endLine, at.endCol, fmt.Sprintf(format, args...)))
	return &p.findings[len(p.findings)-1]
}

// Lint analyses one Dockerfile. path names it in findings and locates its build
// context; src is its content. It never fails: a file that does not parse yields a
// GL000 finding, and so does a bug in gracelint, rather than a crash.
func Lint(path string, src []byte, opts *Options) []finding.Finding {
	fs, _ := lint(path, src, opts, nil, false)
	return fs
}

// lint is Lint sharing script verdicts with other files (nil: no sharing), and
// with link set it also traces the image's main process (nil if it cannot).
func lint(path string, src []byte, opts *Options, verdicts *sync.Map, link bool) (fs []finding.Finding, process *MainProcess) {
	if opts == nil {
		opts = &defaultOptions
	}
	defer func() {
		// Last line of defence: one bad file must not end the run over the others.
		if v := recover(); v != nil {
			fs = []finding.Finding{finding.AtFile(rule.ParseError, path,
				fmt.Sprintf("gracelint failed on this file (please report it): %v", v))}
			process = nil
		}
		// Messages quote the file, which may hold anything.
		for i := range fs {
			fs[i].Message = finding.Printable(fs[i].Message)
		}
		// The fixes apply to these bytes only.
		finding.StampEdits(fs, path, finding.ContentSum(src))
	}()
	df, perr := parse(path, src)
	if perr != nil {
		return []finding.Finding{finding.New(rule.ParseError, path, perr.line, 1, perr.line, 1,
			"Dockerfile does not parse: "+finding.Shorten(perr.Error(), finding.MaxQuote))}, nil
	}
	p := &pass{df: df, img: buildImageOn(df, len(df.stages)-1, opts.Images, opts.Resolver), opts: opts, context: opts.Context, verdicts: verdicts}
	if p.context == "" {
		p.context = filepath.Dir(path)
	}
	if err := p.img.baseErr; err != nil {
		at := p.img.baseAt
		p.report(rule.ParseError, at, "FROM %s: the image reference does not parse (%v); docker build rejects it too: "+
			"write a valid reference, e.g. registry.example.com/team/base:1", finding.Shorten(p.img.base, finding.MaxQuote), err)
	}
	p.run = p.launch()
	for _, c := range checks {
		c.run(p)
	}
	rules := opts.Rules
	if rules == nil {
		rules = defaultOptions.Rules
	}
	ig, bad := scanIgnores(df, rules)
	if link {
		process = p.mainProcess(ig)
	}
	out := append(bad, df.expander.problems...)
	for _, f := range p.findings {
		if !ig.silenced(f) {
			out = append(out, f)
		}
	}
	return out, process
}

// LintFiles reads and lints the files on all cores; the analysis of one file is
// independent of every other. It also returns how many files could not be read,
// each of which yields a GL000 finding.
func LintFiles(paths []string, opts *Options) (findings []finding.Finding, unreadable int) {
	findings, _, unreadable = lintFiles(paths, opts, false)
	return findings, unreadable
}

// LintImages is LintFiles that also traces, for each file, the program its
// image runs back to where it came from; files where that cannot be done
// surely have no MainProcess.
func LintImages(paths []string, opts *Options) (findings []finding.Finding, mains []*MainProcess, unreadable int) {
	return lintFiles(paths, opts, true)
}

func lintFiles(paths []string, opts *Options, link bool) (findings []finding.Finding, mains []*MainProcess, unreadable int) {
	// docker-library repositories ship the same entrypoint script beside dozens of
	// Dockerfile variants: its verdict is computed once per content.
	verdicts := &sync.Map{}
	results := make([][]finding.Finding, len(paths))
	processes := make([]*MainProcess, len(paths))
	failed := make([]bool, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				// Discovery saw a Dockerfile; by now it may be a named pipe or a
				// link to a device.
				src, err := regularfile.Read(paths[i], regularfile.MaxSource)
				if err != nil {
					failed[i] = true
					results[i] = []finding.Finding{finding.AtFile(rule.ParseError, paths[i], "cannot read: "+err.Error())}
					continue
				}
				results[i], processes[i] = lint(paths[i], src, opts, verdicts, link)
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, r := range results {
		findings = append(findings, r...)
		if failed[i] {
			unreadable++
		}
		if processes[i] != nil {
			mains = append(mains, processes[i])
		}
	}
	return findings, mains, unreadable
}
