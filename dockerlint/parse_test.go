package dockerlint

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		message   string
	}{
		{"no instructions", "# just a comment\n", 1, "file with no instructions"},
		{"unknown instruction", "FROM debian\nFOO bar\n", 2, "unknown instruction"},
		{"command before FROM", "CMD app\n", 1, "no build stage"},
		{"unterminated heredoc", "FROM debian\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"},
		{"SHELL not JSON", "FROM debian\nSHELL /bin/bash -c\n", 2, "SHELL"},
		{"bad flag", "FROM debian\nCOPY --nope a b\n", 2, "unknown flag"},
		{"only ARGs", "\nARG X=1\n", 2, "no FROM"},
		// Every GL000 has a real line and column, even about the whole file.
		{"empty", "", 1, "file with no instructions"},
		{"bad escape directive", "# escape=x\nFROM debian\n", 1, "invalid escape token"},
		{"bad escape directive after syntax", "# syntax=docker/dockerfile:1\n#  ESCAPE = x\nFROM debian\n", 2, "invalid escape token"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := lintCase(t, c.src, nil, nil)
			if len(fs) != 1 || fs[0].Rule.ID != "GL000" {
				t.Fatalf("findings = %v, want one GL000", describe(fs))
			}
			if fs[0].Line != c.line || fs[0].Column < 1 || !strings.Contains(fs[0].Message, c.message) {
				t.Errorf("GL000 at %d:%d: %q; want line %d, a column, and a message containing %q", fs[0].Line, fs[0].Column, fs[0].Message, c.line, c.message)
			}
		})
	}
}

func TestSpans(t *testing.T) {
	src := "FROM debian:12\n\n  CMD app \\\n    --flag\nSTOPSIGNAL KILL\t\n"
	fs := lintCase(t, src, nil, nil)
	got := map[string]span{}
	for _, f := range fs {
		got[f.Rule.ID] = span{f.Line, f.Column, f.EndLine, f.EndCol}
	}
	want := map[string]span{
		"GL101": {3, 3, 4, 11}, // from CMD to the end of its continuation
		"GL106": {5, 1, 5, 16}, // trailing blanks are not part of it
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s span = %+v, want %+v", id, got[id], w)
		}
	}
}

func TestWindowsEscapeFiles(t *testing.T) {
	// The shape of docker-library's Windows images: backtick escape, PowerShell
	// SHELL, backslash paths, continuations. They must parse and yield no PID 1 findings.
	src := "# escape=`\n\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n" +
		"SHELL [\"cmd\", \"/S\", \"/C\"]\nENV GOPATH C:\\go\nRUN setx /m PATH \"%GOPATH%\\bin;%PATH%\"\n" +
		"COPY --from=build [\"C:\\\\go\", \"C:\\\\go\"]\nWORKDIR $GOPATH\nCMD go `\n  version\n"
	if fs := lintCase(t, src, nil, nil); len(fs) != 0 {
		t.Errorf("findings = %v, want none", describe(fs))
	}
	src = "# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022\nCMD go version\n"
	if fs := lintCase(t, src, nil, nil); len(fs) != 0 {
		t.Errorf("findings = %v, want none", describe(fs))
	}
}
