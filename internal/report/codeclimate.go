package report

import (
	"encoding/json"
	"io"

	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "codeclimate",
		Doc:   "Code Climate JSON, the GitLab Code Quality report (artifacts:reports:codequality)",
		Print: printCodeClimate,
	})
}

// codeclimateSeverity maps onto Code Climate's info, minor, major, critical, blocker.
var codeclimateSeverity = map[rule.Severity]string{
	rule.Error:   "critical",
	rule.Warning: "major",
	rule.Info:    "info",
}

type codeclimateIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Categories  []string            `json:"categories"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeclimateLocation `json:"location"`
}

type codeclimateLocation struct {
	Path  string `json:"path"`
	Lines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	} `json:"lines"`
}

func printCodeClimate(w io.Writer, rep *Report) error {
	prints := fingerprints(rep)
	issues := []codeclimateIssue{}
	for i, f := range rep.Findings {
		issue := codeclimateIssue{
			Type:        "issue",
			CheckName:   f.Rule.ID + " " + f.Rule.Name,
			Description: f.Message,
			Categories:  []string{"Bug Risk"},
			Fingerprint: prints[i],
			Severity:    codeclimateSeverity[f.Severity],
		}
		issue.Location.Path = rep.repoPath(f.File)
		// GitLab requires a line; a finding about the whole file sits on the first.
		issue.Location.Lines.Begin = max(f.Line, 1)
		issue.Location.Lines.End = max(f.EndLine, issue.Location.Lines.Begin)
		issues = append(issues, issue)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
