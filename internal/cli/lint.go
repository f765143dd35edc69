package cli

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fatih/color"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/imagelink"
	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/discover"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
	"github.com/gracelint/gracelint/internal/golint"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/report"
	"github.com/gracelint/gracelint/internal/rule"
)

// output is one -format=NAME[:PATH] flag.
type output struct {
	format report.Format
	path   string // "" for standard output
}

type outputsFlag []output

func (o *outputsFlag) String() string { return "" }

func (o *outputsFlag) Set(v string) error {
	name, path, _ := strings.Cut(v, ":")
	f, err := report.Lookup(name)
	if err != nil {
		return err
	}
	*o = append(*o, output{format: f, path: path})
	return nil
}

type severityFlag struct{ sev *rule.Severity }

func (s severityFlag) String() string {
	if s.sev == nil || *s.sev == 0 {
		return ""
	}
	return s.sev.String()
}

func (s severityFlag) Set(v string) error {
	sev, err := rule.ParseSeverity(v)
	if err != nil {
		return err
	}
	*s.sev = sev
	return nil
}

type resolveFlag struct{ mode *imagefacts.Mode }

func (r resolveFlag) String() string {
	if r.mode == nil {
		return ""
	}
	return string(*r.mode)
}

func (r resolveFlag) Set(v string) error {
	m, err := imagefacts.ParseMode(v)
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "resolve: "))
	}
	*r.mode = m
	return nil
}

// lintOptions are the flags of a lint run.
type lintOptions struct {
	outputs                   outputsFlag
	failOn                    rule.Severity
	noColor, fix, diff, tests bool
	verbose                   bool
	resolve                   imagefacts.Mode
	platform                  string
}

var lintUsage = usage{
	synopsis: "usage: gracelint [flags] [patterns]",
	text: `Lints the Dockerfiles (Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*), compose
projects (compose.yaml, docker-compose.yml, ... with their override file) and Kubernetes
manifests (*.yaml, *.yml with a workload kind) under the patterns for reasons the container
will not stop gracefully on docker stop. "-" reads a Kubernetes manifest stream from
standard input (helm template ... | gracelint -); Helm templates are skipped on a walk.
Patterns are ./... (the default), dir/..., dir, or file paths. A "..." walk skips .git,
vendor, node_modules and testdata directories; a file named explicitly is always linted.
The Go packages the patterns match are linted too, each in its own module, for programs
that will not shut down on SIGTERM; a "..." walk does not enter a nested module (one
with its own go.mod). Go results, and what was read of base images (by digest, in
imagefacts/), are cached in $GRACELINT_CACHE (default: gracelint in the user cache
directory; GRACELINT_CACHE=off disables it), a directory gracelint created or found
empty: one holding other files is not used. Settings are read from .gracelint.yaml
in the working directory or the nearest one above it.

A base image that cannot be read (no engine, not pulled, registry unreachable or
asking for credentials) is judged by gracelint's table; a registry or engine that
fails says so on standard error, once per image.

Exit status: 0 no finding at or above -fail-on, 1 findings at or above it,
2 usage or configuration error, or nothing could be read.
`,
	more: commandUsage,
}

// lintFlags is the flag set of a lint run, and where it stores the flags.
func lintFlags(name string) (*flag.FlagSet, *lintOptions) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	o := &lintOptions{}
	fs.BoolVar(&o.noColor, "no-color", false, "never colour the text output (also: NO_COLOR in the environment)")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes, each file written atomically over the bytes that were linted, and report what remains")
	fs.BoolVar(&o.diff, "diff", false, "print the suggested fixes as a unified diff instead of the text report; write nothing")
	fs.BoolVar(&o.tests, "tests", false, "also lint the _test.go files of the Go packages")
	fs.BoolVar(&o.verbose, "v", false, "end with a summary line on standard error (what was checked, found and skipped),\nas on a terminal")
	fs.Var(&o.outputs, "format", "output `NAME[:PATH]`, repeatable; PATH writes to a file instead of standard output\n"+
		"(never a linted file, nor, with -fix, one in the directories being fixed)\n"+
		"formats: "+strings.Join(report.Names(), ", ")+" (default text)")
	fs.Var(resolveFlag{&o.resolve}, "resolve", "where the final stage's base image is read (its /bin/sh, ENTRYPOINT, CMD, SHELL, STOPSIGNAL,\n"+
		"WORKDIR, entrypoint script). `MODE` is local: the images the local Docker engine has, never\n"+
		"pulled, read only for a base gracelint's table does not know; registry: also every base from\n"+
		"its registry, with ~/.docker/config.json's credentials; or off: gracelint's table only\n"+
		"(default local, or resolve in .gracelint.yaml)")
	fs.StringVar(&o.platform, "platform", "", "the `os/arch[/variant]` a multi-platform base image is read as, unless FROM --platform says\n(default linux/amd64 from a registry; the engine's own image locally)")
	fs.Var(severityFlag{&o.failOn}, "fail-on", "exit 1 when a finding is at or above this `severity`: error, warning or info\n(default warning, or fail-on in .gracelint.yaml)")
	return fs, o
}

// lintMain is a lint run from the command line: a person at a terminal gets a
// summary line at the end.
func lintMain(args []string, stdout, stderr io.Writer) int {
	return lintRound(args, stdout, stderr, fixRounds, map[string]bool{}, isTerminal(stderr))
}

// lintRound lints; with -fix and rounds left it writes the fixes and lints again
// (unwritable are the folders a round found it cannot write in),
// so the report shows what remains and a fix held back by an overlap gets its turn.
// tell, or -v, ends the run with the summary line on stderr.
func lintRound(args []string, stdout, stderr io.Writer, rounds int, unwritable map[string]bool, tell bool) int {
	fs, opts := lintFlags("gracelint")
	if status, ok := parseFlags(fs, lintUsage, args, stdout, stderr); !ok {
		return status
	}
	outputs, failOn := opts.outputs, opts.failOn
	if len(outputs) == 0 && !opts.diff {
		outputs.Set("text")
	}
	if err := checkOutputs(outputs, opts); err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}

	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	if failOn == 0 {
		failOn = cmp.Or(cfg.FailOn, rule.Warning)
	}
	targets, err := discover.Resolve(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v%s\n", err, lateFlagHint(err, args, fs.NArg()))
		return exitUsage
	}
	if targets.Stdin && (opts.fix || opts.diff) {
		fmt.Fprintln(stderr, "gracelint: -fix and -diff edit files, and standard input (-) is none: lint the files instead")
		return exitUsage
	}
	if err := checkOutputTargets(outputs, targets, opts.fix); err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	for _, s := range targets.Skipped {
		fmt.Fprintf(stderr, "gracelint: warning: nothing in %s was linted: %v\n", finding.DisplayPath(s.Path), s.Err)
	}
	seen := &checked{Dockerfiles: len(targets.Dockerfiles), Manifests: len(targets.ManifestFiles())}
	for _, s := range targets.Skipped {
		seen.Skipped = append(seen.Skipped, fmt.Sprintf("%s (cannot be read: %v)", finding.DisplayPath(s.Path), s.Err))
	}
	for _, u := range targets.Unreadable {
		seen.Skipped = append(seen.Skipped, fmt.Sprintf("%s (%v)", finding.DisplayPath(u.Path), u.Err))
	}
	if n := len(cfg.Disable); n > 0 {
		seen.Skipped = append(seen.Skipped, count(n, "rule")+" disabled in .gracelint.yaml")
	}
	if len(targets.NestedModules) > 0 {
		fmt.Fprintln(stderr, nestedModulesNote(fs.Args(), targets.NestedModules))
	}

	mode := cmp.Or(opts.resolve, cfg.Resolve, imagefacts.Local)
	resolver, err := imagefacts.New(mode, opts.platform, imageCacheDir())
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: -%v\n", err)
		return exitUsage
	}
	findings, mains, unreadable := dockerlint.LintImages(targets.Dockerfiles, &dockerlint.Options{Images: cfg.Images, Rules: allRules, Resolver: resolver})
	for _, n := range resolver.Notices() {
		fmt.Fprintf(stderr, "gracelint: notice: %s\n", finding.Printable(n))
	}
	for _, u := range targets.Unreadable {
		findings = append(findings, finding.AtFile(rule.ParseError, u.Path, "cannot read: "+u.Err.Error()))
	}
	unreadable += len(targets.Unreadable)
	manifestFindings, manifestsUnreadable, err := lintManifests(targets, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	findings = append(findings, manifestFindings...)
	unreadable += manifestsUnreadable
	if n := len(targets.Dockerfiles) + len(targets.Unreadable) + len(targets.Manifests); n > 0 && unreadable == n {
		printFindings(stderr, display(findings))
		fmt.Fprintf(stderr, "gracelint: none of the %d files could be read\n", n)
		return exitUsage
	}
	goResult, err := golint.Lint(&golint.Config{Patterns: targets.GoPatterns, Tests: opts.tests,
		Analyzers: goanalysis.Analyzers, Rules: allRules, CacheDir: golint.CacheDir(), Packages: &seen.GoPackages})
	if err != nil {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
		return exitUsage
	}
	findings = imagelink.Apply(append(findings, goResult.Findings...), mains, goResult.Programs)
	findings = finding.Sort(display(applyConfig(findings, cfg)))
	inputs := fixer.Inputs(slices.Concat(targets.Dockerfiles, goResult.Files, targets.ManifestFiles()))
	if opts.diff {
		printFixes(findings, inputs, stdout, stderr)
	}
	if opts.fix && rounds > 0 && writeFixes(findings, inputs, stderr, unwritable) {
		return lintRound(args, stdout, stderr, rounds-1, unwritable, tell)
	}
	if tell || opts.verbose {
		defer fmt.Fprintln(stderr, seen.summary(findings))
	}

	rep := &report.Report{Findings: findings, Rules: enabledRules(cfg), Color: !opts.noColor && !color.NoColor, Root: report.RepoRoot(".")}
	failed := false
	for _, o := range outputs {
		if err := writeOutput(o, stdout, rep); err != nil {
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
			failed = true
		}
	}
	if failed {
		return exitUsage
	}
	for _, f := range findings {
		if f.Severity >= failOn {
			return exitFindings
		}
	}
	return exitClean
}

// lateFlagHint explains a missing pattern that looks like a flag: Go's flag
// package stops at the first pattern, so a flag after one is a pattern. After
// "--" the user said the words are patterns, and there is nothing to explain.
func lateFlagHint(err error, args []string, patterns int) string {
	var missing *discover.MissingError
	if !errors.As(err, &missing) || !strings.HasPrefix(missing.Pattern, "-") {
		return ""
	}
	if n := len(args) - patterns; n > 0 && args[n-1] == "--" {
		return ""
	}
	return " (flags go before the patterns)"
}

// nestedModulesNote says which nested modules a "..." walk left out and how to
// name them. It goes to standard error, once: it is about what was linted, not
// a finding about the code, so it must neither fail a run (-fail-on=info) nor
// reach SARIF or code review, and standard output stays the report alone.
func nestedModulesNote(patterns, dirs []string) string {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	var shown, named []string
	for _, d := range dirs {
		shown = append(shown, finding.DisplayPath(d))
		named = append(named, finding.DisplayPath(d)+"/...")
	}
	what, verb, it := "the nested module", "it has", "it"
	if len(dirs) > 1 {
		what, verb, it = "the nested modules", "each has", "them"
	}
	return fmt.Sprintf("gracelint: note: %s does not enter %s %s (%s its own go.mod): name %s to lint %s: gracelint %s",
		strings.Join(patterns, " "), what, finding.Words(shown), verb, it, it, strings.Join(slices.Concat(patterns, named), " "))
}

// imageCacheDir is where base-image facts are cached: a directory of their
// own beside the Go results, "" when there is to be no cache.
func imageCacheDir() string {
	dir := golint.CacheDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "imagefacts")
}

func loadConfig() (*config.Config, error) {
	path, err := config.Find(".")
	if err != nil || path == "" {
		return &config.Config{}, err
	}
	// Errors name the file as the findings do: ./.gracelint.yaml, ../.gracelint.yaml.
	return config.Load(finding.DisplayPath(path), allRules)
}

// applyConfig drops findings of disabled rules and applies severity overrides.
func applyConfig(fs []finding.Finding, cfg *config.Config) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if cfg.Disable[f.Rule] {
			continue
		}
		if sev, ok := cfg.Severity[f.Rule]; ok {
			f.Severity = sev
		}
		out = append(out, f)
	}
	return out
}

func enabledRules(cfg *config.Config) rule.Set {
	var s rule.Set
	for _, r := range allRules {
		if !cfg.Disable[r] {
			s = append(s, r)
		}
	}
	return s
}

// display names the files of findings and their fixes relative to the working
// directory.
func display(findings []finding.Finding) []finding.Finding {
	for i := range findings {
		f := &findings[i]
		if f.File != manifest.StdinName {
			f.File = finding.DisplayPath(f.File)
		}
		for _, fix := range f.Fixes {
			for j := range fix.Edits {
				fix.Edits[j].File = finding.RelativePath(fix.Edits[j].File)
			}
		}
	}
	return findings
}

func printFindings(w io.Writer, fs []finding.Finding) {
	text, _ := report.Lookup("text")
	text.Print(w, &report.Report{Findings: fs})
}

// checkOutputs rejects flags that cannot work together, and a -format PATH that
// cannot be written, before any file is linted. A file that did not exist is
// not left behind; one that did is not touched.
func checkOutputs(outputs outputsFlag, opts *lintOptions) error {
	if opts.fix && opts.diff {
		return errors.New("-fix writes the fixes and -diff only shows them: use one of them")
	}
	var onStdout []string
	if opts.diff {
		onStdout = append(onStdout, "-diff")
	}
	for _, o := range outputs {
		if o.path == "" {
			onStdout = append(onStdout, "-format="+o.format.Name)
			continue
		}
		_, statErr := os.Stat(o.path)
		f, err := os.OpenFile(o.path, os.O_WRONLY|os.O_CREATE, 0o666)
		if err != nil {
			return fmt.Errorf("cannot write the %s report: %w", o.format.Name, err)
		}
		f.Close()
		if errors.Is(statErr, fs.ErrNotExist) {
			os.Remove(o.path)
		}
	}
	if len(onStdout) > 1 {
		return fmt.Errorf("%s would mix on standard output; give all but one of them a file: -format=NAME:PATH", strings.Join(onStdout, " and "))
	}
	return nil
}

// checkOutputTargets refuses, before any file is linted, a -format PATH that
// is a file gracelint reads (a Dockerfile, a Go file of the packages linted,
// .gracelint.yaml) and, with -fix, one inside the directories -fix rewrites:
// the report would destroy an input, or be written among the files being fixed.
func checkOutputTargets(outputs outputsFlag, targets *discover.Targets, fix bool) error {
	config, _ := config.Find(".")
	for _, o := range outputs {
		if o.path == "" {
			continue
		}
		out := canonical(o.path)
		flag := "-format=" + o.format.Name + ":" + o.path
		for _, in := range targets.Dockerfiles {
			if out == canonical(in) {
				return fmt.Errorf("%s would write the report over %s, which gracelint lints; write it elsewhere", flag, filepath.Clean(o.path))
			}
		}
		if config != "" && out == canonical(config) {
			return fmt.Errorf("%s would write the report over %s, which gracelint reads; write it elsewhere", flag, filepath.Clean(o.path))
		}
		for _, tree := range slices.Concat(targets.Trees, targets.Dirs) {
			root, walked := canonical(tree), slices.Contains(targets.Trees, tree)
			rel, err := filepath.Rel(root, out)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || !walked && filepath.Dir(rel) != "." {
				continue
			}
			if strings.HasSuffix(out, ".go") {
				return fmt.Errorf("%s would write the report over %s, which gracelint lints as Go; write it elsewhere", flag, filepath.Clean(o.path))
			}
			if fix {
				return fmt.Errorf("%s would write the report inside %s, which -fix rewrites; write it elsewhere", flag, filepath.Clean(tree))
			}
		}
	}
	return nil
}

// canonical is path absolute, with the symbolic links of it (or of its
// directory, for a file yet to be written) resolved, so that two spellings of
// one file compare equal.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

func writeOutput(o output, stdout io.Writer, rep *report.Report) error {
	if o.path == "" {
		return o.format.Print(stdout, rep)
	}
	noColor := *rep
	noColor.Color = false
	f, err := os.Create(o.path)
	if err != nil {
		return err
	}
	if err := o.format.Print(f, &noColor); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
