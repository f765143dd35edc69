package dockerlint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
)

func TestIgnoreComments(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string // "line:rule" of every finding
	}{
		{
			name: "no comment",
			src:  "FROM debian:12\nCMD app\nSTOPSIGNAL KILL\n",
			want: []string{"2:GL101", "3:GL106"},
		},
		{
			name: "ignore the next instruction",
			src:  "FROM debian:12\n# gracelint ignore=GL101\nCMD app\nSTOPSIGNAL KILL\n",
			want: []string{"4:GL106"},
		},
		{
			name: "by name, several, other comments between",
			src:  "FROM debian:12\n# gracelint ignore=shell-form-pid1, GL106\n# why: the app is a one-shot job\nCMD app\nSTOPSIGNAL KILL\n",
			want: []string{"5:GL106"},
		},
		{
			name: "only the instruction after it",
			src:  "FROM debian:12\n# gracelint ignore=GL106\nCMD app\nSTOPSIGNAL KILL\n",
			want: []string{"3:GL101", "4:GL106"},
		},
		{
			name: "global",
			src:  "# gracelint global ignore=GL106\nFROM debian:12\nCMD app\nSTOPSIGNAL KILL\n",
			want: []string{"3:GL101"},
		},
		{
			name: "unknown rule is reported",
			src:  "FROM debian:12\n  # gracelint ignore=GL101,GL999\nCMD app\n",
			want: []string{"2:GL001"},
		},
		{
			name: "unknown rule in a global comment",
			src:  "# gracelint global ignore=nope\nFROM debian:12\nCMD [\"app\"]\n",
			want: []string{"1:GL001"},
		},
		{
			name: "malformed comment",
			src:  "FROM debian:12\n# gracelint ignroe=GL101\nCMD [\"app\"]\n",
			want: []string{"2:GL001"},
		},
		{
			name: "blank line breaks the link to the instruction",
			src:  "FROM debian:12\n# gracelint ignore=GL101\n\nCMD app\n",
			want: []string{"2:GL001", "4:GL101"},
		},
		{
			name: "comment inside a continued instruction is not an ignore",
			src:  "FROM debian:12\nCMD app \\\n# gracelint ignore=GL101\n  --flag\n",
			want: []string{"2:GL101"},
		},
		{
			name: "ordinary comments are left alone",
			src:  "# syntax=docker/dockerfile:1\n# gracelinting is fun\nFROM debian:12\nCMD [\"app\"]\n",
		},
		{
			name: "inside a heredoc body is not an ignore",
			src:  "FROM debian:12\nCOPY <<EOF /x\n# gracelint ignore=GL999\nEOF\nCMD [\"app\"]\n",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range lintCase(t, c.src, nil, nil) {
				got = append(got, fmt.Sprintf("%d:%s", f.Line, f.Rule.ID))
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("findings = %v, want %v", got, c.want)
			}
		})
	}
}

func TestIgnoreWithOptionsWithoutRules(t *testing.T) {
	// Options built without a rule registry still know gracelint's own rules.
	fs := lintCase(t, "FROM debian:12\n# gracelint ignore=GL101\nCMD app\n", nil, &Options{})
	if len(fs) != 0 {
		t.Errorf("findings = %v, want none", describe(fs))
	}
}

func TestZeroMainProcessIgnoresNothing(t *testing.T) {
	// A MainProcess built by hand, as in other packages' tests, has read no
	// ignore comments: it silences nothing rather than crashing.
	if (&MainProcess{}).Ignores(finding.New(ShellFormPID1, "Dockerfile", 1, 1, 1, 1, "")) {
		t.Error("a MainProcess without ignore comments silences a finding")
	}
}
