package runtimetest

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gracelint/gracelint/internal/cli"
)

// A lintFinding is one finding of gracelint's json format.
type lintFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

// flaggedRules runs gracelint in-process on paths (from the repository root) and
// returns the sorted IDs of the rules it reports at warning or error: the ones
// that fail a lint run by default. It returns the findings too, for messages.
func flaggedRules(t *testing.T, paths ...string) ([]string, []lintFinding) {
	t.Helper()
	var args []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(moduleRoot, p)
		}
		args = append(args, p)
	}
	findings, _ := lintJSON(t, args...)
	var ids []string
	for _, f := range findings {
		if f.Severity == "warning" || f.Severity == "error" {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), findings
}

// lintJSON runs gracelint -format=json in-process with args and returns its
// findings and standard error.
func lintJSON(t *testing.T, args ...string) ([]lintFinding, string) {
	t.Helper()
	args = append([]string{"-format=json"}, args...)
	var out, errOut bytes.Buffer
	if status := cli.Main(args, &out, &errOut); status != 0 && status != 1 {
		t.Fatalf("gracelint %v: exit %d\n%s", args, status, errOut.String())
	}
	var report struct {
		Findings []lintFinding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("gracelint %v: bad json: %v\n%s", args, err, out.String())
	}
	return report.Findings, errOut.String()
}
