package report

import (
	"encoding/xml"
	"io"

	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "checkstyle",
		Doc:   "Checkstyle XML, as Jenkins' warnings plugin and reviewdog read it",
		Print: printCheckstyle,
	})
}

var checkstyleSeverity = map[rule.Severity]string{
	rule.Error:   "error",
	rule.Warning: "warning",
	rule.Info:    "info",
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"` // checkstyle's check name: "gracelint.GL101"
}

func printCheckstyle(w io.Writer, rep *Report) error {
	doc := struct {
		XMLName xml.Name          `xml:"checkstyle"`
		Version string            `xml:"version,attr"`
		Files   []*checkstyleFile `xml:"file"`
	}{Version: "4.3"}
	// Findings are sorted by file, so one <file> element collects each run of them.
	for _, f := range rep.Findings {
		name := rep.repoPath(f.File)
		if n := len(doc.Files); n == 0 || doc.Files[n-1].Name != name {
			doc.Files = append(doc.Files, &checkstyleFile{Name: name})
		}
		file := doc.Files[len(doc.Files)-1]
		file.Errors = append(file.Errors, checkstyleError{
			Line: f.Line, Column: f.Column, Severity: checkstyleSeverity[f.Severity],
			Message: f.Message + " (" + f.Rule.ID + " " + f.Rule.Name + ")", Source: "gracelint." + f.Rule.ID,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
