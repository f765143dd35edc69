package shell

import (
	"strings"
	"testing"
)

// wordsText writes words as the shell would see them, an expansion as $.
func wordsText(words []Word) string {
	var out []string
	for _, w := range words {
		if !w.Literal {
			out = append(out, "$")
			continue
		}
		out = append(out, w.Text)
	}
	return strings.Join(out, " ")
}

func TestCommandFinal(t *testing.T) {
	tests := []struct {
		family     Family
		cmd        string
		words      string
		forever    bool
		background string
	}{
		{Dash, "app & sleep infinity", "sleep infinity", false, "app"},
		{Ash, "/app --port 80 & exec tail -f /dev/null", "tail -f /dev/null", false, "/app"},
		{Bash, "env A=1 node server.js", "node server.js", false, ""},
		{Dash, "exec -- python3 \"$APP\"", "python3 $", false, ""},
		{Dash, "setup; while :; do sleep 60; done", "sleep 60", true, ""},
		{Dash, "while true; do app; sleep 1; done", "sleep 1", true, ""},
		{Dash, "until pg_isready; do sleep 1; done", "", false, ""},
		{Dash, "for i in 1 2; do sleep $i; done", "", false, ""},
		{Dash, "app | tee log", "", false, ""},
		{Dash, "app & wait", "wait", false, "app"},
	}
	for _, tc := range tests {
		v, err := AnalyzeCommand(tc.family, tc.cmd)
		if err != nil {
			t.Fatalf("%q: %v", tc.cmd, err)
		}
		if got := wordsText(v.Words); got != tc.words || v.Forever != tc.forever || v.Background != tc.background {
			t.Errorf("%s %q: final %q forever %v background %q; want %q %v %q", tc.family, tc.cmd, got, v.Forever, v.Background, tc.words, tc.forever, tc.background)
		}
	}
}

func TestScriptFinal(t *testing.T) {
	tests := []struct {
		src   string
		words string
		line  int
		execs bool
	}{
		{"#!/bin/sh\n/app &\nexec tail -F /var/log/app.log\n", "tail -F /var/log/app.log", 3, true},
		{"#!/bin/sh\n/app &\ntail -f log\n", "tail -f log", 3, false},
		{"#!/bin/sh\nexec \"$@\"\n", "$", 2, true},
		{"#!/bin/sh\napp & pid=$!\ntrap 'kill $pid' TERM\nwait $pid\n", "", 0, true},
	}
	for _, tc := range tests {
		v, err := AnalyzeScript("s", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := wordsText(v.Words); got != tc.words || v.Final.Line != tc.line || v.Execs != tc.execs {
			t.Errorf("%q: final %q line %d execs %v; want %q %d %v", tc.src, got, v.Final.Line, v.Execs, tc.words, tc.line, tc.execs)
		}
	}
}
