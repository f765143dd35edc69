package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "github",
		Doc:   "GitHub Actions workflow commands: annotations on the lines of a pull request",
		Print: printGitHub,
	})
}

// githubCommand is the workflow command of each severity; GitHub has no "info".
var githubCommand = map[rule.Severity]string{
	rule.Error:   "error",
	rule.Warning: "warning",
	rule.Info:    "notice",
}

// Escapes of the Actions toolkit (@actions/core, command.ts): data may not contain
// line breaks, and property values may not contain the separators ':' and ','.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func printGitHub(w io.Writer, rep *Report) error {
	for _, f := range rep.Findings {
		props := []string{"file=" + githubProperty.Replace(rep.repoPath(f.File))}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line), "col="+strconv.Itoa(max(f.Column, 1)))
			if f.EndLine > 0 {
				props = append(props, "endLine="+strconv.Itoa(f.EndLine))
				if f.EndCol > 0 {
					props = append(props, "endColumn="+strconv.Itoa(f.EndCol))
				}
			}
		}
		props = append(props, "title="+githubProperty.Replace(f.Rule.ID+" "+f.Rule.Name))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubCommand[f.Severity], strings.Join(props, ","), githubData.Replace(f.Message)); err != nil {
			return err
		}
	}
	return nil
}
