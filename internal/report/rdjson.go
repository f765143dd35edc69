package report

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "rdjson",
		Doc:   "reviewdog's Diagnostic Format (reviewdog -f=rdjson), fixes as suggestions",
		Print: printRDJSON,
	})
}

var rdjsonSeverity = map[rule.Severity]string{
	rule.Error:   "ERROR",
	rule.Warning: "WARNING",
	rule.Info:    "INFO",
}

type rdjsonPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"` // 1-based, in bytes
}

type rdjsonRange struct {
	Start rdjsonPosition  `json:"start"`
	End   *rdjsonPosition `json:"end,omitempty"`
}

type rdjsonSuggestion struct {
	Range rdjsonRange `json:"range"`
	Text  string      `json:"text"`
}

type rdjsonDiagnostic struct {
	Message  string `json:"message"`
	Location struct {
		Path  string       `json:"path"`
		Range *rdjsonRange `json:"range,omitempty"`
	} `json:"location"`
	Severity string `json:"severity"`
	Code     struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	} `json:"code"`
	Suggestions []rdjsonSuggestion `json:"suggestions,omitempty"`
}

func printRDJSON(w io.Writer, rep *Report) error {
	out := struct {
		Source struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"source"`
		Diagnostics []rdjsonDiagnostic `json:"diagnostics"`
	}{Diagnostics: []rdjsonDiagnostic{}}
	out.Source.Name, out.Source.URL = "gracelint", informationURI
	for _, f := range rep.Findings {
		var d rdjsonDiagnostic
		d.Message, d.Severity = f.Message, rdjsonSeverity[f.Severity]
		d.Code.Value, d.Code.URL = f.Rule.ID, f.Rule.URL()
		d.Location.Path = rep.repoPath(f.File)
		if f.Line > 0 {
			d.Location.Range = &rdjsonRange{Start: rdjsonPosition{f.Line, max(f.Column, 1)}}
			if f.EndLine >= f.Line {
				d.Location.Range.End = &rdjsonPosition{f.EndLine, f.EndCol}
			}
		}
		d.Suggestions = suggestions(f)
		out.Diagnostics = append(out.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// suggestions turns the first fix of f into reviewdog suggestions, which reviewdog
// posts as "suggested changes" on a pull request. Edits of other files than the
// finding's cannot be expressed, so such a fix is left out whole.
func suggestions(f finding.Finding) []rdjsonSuggestion {
	if len(f.Fixes) == 0 {
		return nil
	}
	src, err := regularfile.Read(f.File, regularfile.MaxSource)
	if err != nil {
		return nil
	}
	var out []rdjsonSuggestion
	for _, e := range f.Fixes[0].Edits {
		if !sameFile(e.File, f.File) || e.Start < 0 || e.Start > e.End || e.End > len(src) {
			return nil
		}
		out = append(out, rdjsonSuggestion{
			Range: rdjsonRange{Start: position(src, e.Start), End: new(position(src, e.End))},
			Text:  e.New,
		})
	}
	return out
}

func sameFile(a, b string) bool {
	x, errA := filepath.Abs(a)
	y, errB := filepath.Abs(b)
	return errA == nil && errB == nil && x == y
}

// position converts a byte offset of src into a 1-based line and byte column.
func position(src []byte, off int) rdjsonPosition {
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	return rdjsonPosition{Line: line, Column: off - (bytes.LastIndexByte(before, '\n') + 1) + 1}
}
