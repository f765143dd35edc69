// Package golangci is gracelint's golangci-lint v2 module plugin: it registers
// one linter, gracelint, that runs gracelint's Go rules (goanalysis.Analyzers,
// the passes that `gracelint ./...` and `go vet -vettool` run) inside
// golangci-lint. Build it into golangci-lint with `golangci-lint custom`; see
// docs/CI.md.
//
// golangci-lint prints an analyzer's message prefixed with the analyzer's name
// unless the name is the linter's, and reads neither a diagnostic's category nor a
// severity. So the plugin's one analyzer, named gracelint, runs every rule's pass
// and reports each diagnostic worded as gracelint's text output words it after
// the position: "severity: message (GL201 no-sigterm-handler)".
package golangci

import (
	"errors"
	"fmt"
	"go/token"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// Name is the linter's name in .golangci.yml and .custom-gcl.yml.
const Name = "gracelint"

func init() {
	register.Plugin(Name, New)
}

// Settings are linters.settings.custom.gracelint.settings: .gracelint.yaml's
// disable and severity, for the Go rules.
type Settings struct {
	Disable  []string          `json:"disable"`
	Severity map[string]string `json:"severity"`
}

// rules are the rules the plugin can run.
var rules = rule.NewSet(goanalysis.Rules...)

// New is the plugin's constructor, which golangci-lint calls with the settings.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("gracelint settings: %w (want disable and severity, as in .gracelint.yaml)", err)
	}
	cfg, err := config.FromSettings(s.Disable, s.Severity, rules)
	if err != nil {
		return nil, fmt.Errorf("gracelint settings: %w; the plugin has only gracelint's Go rules, %s to %s",
			err, rules[0].ID, rules[len(rules)-1].ID)
	}
	return plugin{cfg}, nil
}

type plugin struct{ cfg *config.Config }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{Analyzer(p.cfg)}, nil
}

// GetLoadMode asks for type information: the rules follow calls through types,
// and their prerequisite passes export facts to the packages that import them.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// Analyzer returns the plugin's analyzer: it runs every pass of
// goanalysis.Analyzers on the package, drops the diagnostics of the rules cfg
// disables, and rewords the others. It requires what those passes require, so
// the facts they depend on flow across packages as in any driver.
func Analyzer(cfg *config.Config) *analysis.Analyzer {
	var requires []*analysis.Analyzer
	for _, a := range goanalysis.Analyzers {
		for _, req := range a.Requires {
			if !contains(requires, req) {
				requires = append(requires, req)
			}
		}
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID + " " + r.Name
	}
	return &analysis.Analyzer{
		Name:     Name,
		Doc:      "gracelint's Go rules: programs that will not shut down gracefully when their container is stopped\n\nRuns " + strings.Join(ids, ", ") + ".",
		URL:      "https://github.com/gracelint/gracelint/blob/main/docs/RULES.md",
		Requires: requires,
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
}

func contains(as []*analysis.Analyzer, a *analysis.Analyzer) bool {
	for _, b := range as {
		if a == b {
			return true
		}
	}
	return false
}

// run runs each pass as its own driver would, with the results of its
// prerequisites, which are among the plugin analyzer's.
func run(pass *analysis.Pass, cfg *config.Config) (any, error) {
	var errs []error
	for _, a := range goanalysis.Analyzers {
		p := *pass
		p.Analyzer = a
		p.Report = func(d analysis.Diagnostic) {
			if d, ok, err := reword(pass.Fset, d, cfg); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a.Name, err))
			} else if ok {
				pass.Report(d)
			}
		}
		if _, err := a.Run(&p); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a.Name, err))
		}
	}
	return nil, errors.Join(errs...)
}

// reword returns d worded as gracelint prints it, with the severity cfg gives its
// rule, and with only the fix that gracelint -fix would apply: the first, if all
// its edits are in d's file. golangci-lint applies every suggested fix of a
// diagnostic, and drops the edits outside its file, which would leave half a fix.
// It reports false for a rule cfg disables.
func reword(fset *token.FileSet, d analysis.Diagnostic, cfg *config.Config) (analysis.Diagnostic, bool, error) {
	r := rules.Lookup(d.Category)
	if r == nil {
		return d, false, fmt.Errorf("reported category %q, which is no gracelint rule", d.Category)
	}
	if cfg.Disable[r] {
		return d, false, nil
	}
	f := finding.Finding{Rule: r, Severity: r.Severity, Message: d.Message}
	if sev, ok := cfg.Severity[r]; ok {
		f.Severity = sev
	}
	d.Message = f.Text()
	fixes := d.SuggestedFixes
	d.SuggestedFixes = nil
	if len(fixes) > 0 && inFile(fset, d.Pos, fixes[0]) {
		d.SuggestedFixes = fixes[:1]
	}
	return d, true, nil
}

// inFile reports whether every edit of fix is in the file that holds pos.
func inFile(fset *token.FileSet, pos token.Pos, fix analysis.SuggestedFix) bool {
	file := fset.File(pos)
	for _, e := range fix.TextEdits {
		if fset.File(e.Pos) != file || e.End.IsValid() && fset.File(e.End) != file {
			return false
		}
	}
	return file != nil
}
