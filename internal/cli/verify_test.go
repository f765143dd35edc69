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
		{[]string{"-t=-1", "img"}, "-t -1: the grace period is in seconds, from 0 to 3600"},
		// 9300000000 s overflows time.Duration into a negative grace period.
		{[]string{"-t", "9300000000", "img"}, "-t 9300000000: the grace period is in seconds, from 0 to 3600"},
		{[]string{"img", "extra"}, `unexpected "extra" after the image img: flags go before the image, and a command that replaces the image's CMD after --: gracelint verify [flags] img -- extra`},
		{[]string{"img", "-t", "3"}, `unexpected "-t" after the image img`},
		{[]string{"-label", "novalue", "img"}, `want KEY=VALUE, got "novalue"`},
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
