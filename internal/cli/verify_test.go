package cli

import (
	"bytes"
	"strings"
	"testing"
)

// Bad usage fails with status 2 and a message naming the problem, before any
// engine is contacted. Runs against a real engine are in internal/runtimetest.
func TestVerifyUsage(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{nil, "usage: gracelint verify"},
		{[]string{"-format=xml", "img"}, `unknown format "xml"`},
		{[]string{"-memory=lots", "img"}, "-memory"},
		{[]string{"-t=-1", "img"}, "cannot be negative"},
		{[]string{"-nope", "img"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if got := Main(append([]string{"verify"}, tt.args...), &out, &errOut); got != exitUsage {
			t.Errorf("verify %v: exit %d, want %d", tt.args, got, exitUsage)
		}
		if !strings.Contains(errOut.String(), tt.msg) {
			t.Errorf("verify %v: stderr %q lacks %q", tt.args, errOut.String(), tt.msg)
		}
	}
}
