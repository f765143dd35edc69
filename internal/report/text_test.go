package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

var testRule = &rule.Rule{ID: "GL101", Name: "shell-form-pid1", Severity: rule.Error, Summary: "s"}

func sample() *Report {
	f := finding.New(testRule, "./svc/Dockerfile", 4, 1, 4, 24, "dash stays PID 1")
	w := f
	w.Severity, w.Line, w.Column = rule.Warning, 7, 3
	whole := finding.New(rule.ParseError, "./broken", 0, 0, 0, 0, "cannot read: permission denied")
	return &Report{Findings: []finding.Finding{f, w, whole}, Rules: rule.NewSet(testRule, rule.ParseError)}
}

func TestText(t *testing.T) {
	var buf bytes.Buffer
	if err := printText(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	want := `./svc/Dockerfile:4:1: error: dash stays PID 1 (GL101 shell-form-pid1)
./svc/Dockerfile:7:3: warning: dash stays PID 1 (GL101 shell-form-pid1)
./broken: error: cannot read: permission denied (GL000 parse-error)
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestTextColour(t *testing.T) {
	var plain, coloured bytes.Buffer
	rep := sample()
	printText(&plain, rep)
	rep.Color = true
	printText(&coloured, rep)
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour escape without Color")
	}
	if !strings.Contains(coloured.String(), "\x1b[") {
		t.Error("no colour escape with Color")
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := printJSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"rule": "GL101", "name": "shell-form-pid1", "severity": "error", "file": "./svc/Dockerfile",
		"line": 4.0, "column": 1.0, "end_line": 4.0, "end_column": 24.0, "message": "dash stays PID 1"}
	if len(got.Findings) != 3 {
		t.Fatalf("got %d findings", len(got.Findings))
	}
	for k, v := range want {
		if got.Findings[0][k] != v {
			t.Errorf("findings[0].%s = %v, want %v", k, got.Findings[0][k], v)
		}
	}
}

func TestJSONEmptyIsArray(t *testing.T) {
	var buf bytes.Buffer
	printJSON(&buf, &Report{})
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("no findings must print an empty array, got %s", buf.String())
	}
}

// One finding is one line of plain text whatever its message holds: a parse
// error quoting a binary file's first bytes, or a tool's multi-line error.
func TestTextOneLineEach(t *testing.T) {
	msg := "Dockerfile does not parse: unknown instruction: \x7fELF\x02\x01\x00\x1b[2J\xff\xfe\u200b\ngo.mod:5: syntax error\n"
	var buf bytes.Buffer
	printText(&buf, &Report{Findings: []finding.Finding{finding.New(rule.ParseError, "./a/Dockerfile", 1, 1, 1, 1, msg)}})
	want := `./a/Dockerfile:1:1: error: Dockerfile does not parse: unknown instruction: \x7fELF\x02\x01\x00\x1b[2J\xff\xfe\u200b go.mod:5: syntax error (GL000 parse-error)` + "\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
}
