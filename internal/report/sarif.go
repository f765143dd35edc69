package report

import (
	"io"
	"runtime/debug"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "sarif",
		Doc:   "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers",
		Print: printSARIF,
	})
}

const informationURI = "https://github.com/gracelint/gracelint"

// fingerprintKey names gracelint's partialFingerprints entry; the version suffix
// lets the hash change one day without clashing with old alerts.
const fingerprintKey = "gracelint/v1"

var sarifLevel = map[rule.Severity]string{
	rule.Error:   "error",
	rule.Warning: "warning",
	rule.Info:    "note",
}

// Version is the module version gracelint was built at: a tag for
// `go install ...@vX`, "(devel)" for a build from a checkout.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func printSARIF(w io.Writer, rep *Report) error {
	if err := sarifReport(rep).PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// sarifReport builds the SARIF log of rep: one run whose rules[] lists every
// enabled rule, so code scanning can show the documentation of each alert.
func sarifReport(rep *Report) *sarif.Report {
	run := sarif.NewRunWithInformationURI("gracelint", informationURI)
	run.Tool.Driver.WithVersion(Version())
	rules := append(rule.Set(nil), rep.Rules...)
	for _, f := range rep.Findings {
		if rules.Lookup(f.Rule.ID) == nil { // a finding always names a documented rule
			rules = append(rules, f.Rule)
		}
	}
	for _, r := range rules {
		doc := strings.TrimSpace(r.Doc)
		run.AddRule(r.ID).
			WithName(r.Name).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(doc)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(doc + "\n\n" + r.URL())).
			WithHelpURI(r.URL()).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel[r.Severity]))
	}
	prints := fingerprints(rep)
	for i, f := range rep.Findings {
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(rep.repoPath(f.File)))
		if f.Line > 0 {
			region := sarif.NewRegion().WithStartLine(f.Line).WithStartColumn(max(f.Column, 1))
			if f.EndLine >= f.Line {
				region.WithEndLine(f.EndLine)
				if f.EndCol > 0 {
					region.WithEndColumn(f.EndCol)
				}
			}
			loc.WithRegion(region)
		}
		run.CreateResultForRule(f.Rule.ID).
			WithLevel(sarifLevel[f.Severity]).
			WithMessage(sarif.NewTextMessage(f.Message)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(loc)).
			WithPartialFingerprints(map[string]string{fingerprintKey: prints[i]})
	}
	return sarif.NewReport().AddRun(run)
}
