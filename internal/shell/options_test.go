package shell

import (
	"strings"
	"testing"
)

func TestOperand(t *testing.T) {
	for _, tt := range []struct {
		args  string // space-separated
		index int
		dashC bool
	}{
		{"-c app", 1, true},
		{"-ec app", 1, true},
		{"-o pipefail -c app", 3, true},
		{"--norc -c app", 2, true},
		{"+x -c app", 2, true},
		{"/start.sh arg", 0, false},
		{"-c", -1, true},
		{"", -1, false},
	} {
		index, dashC := Operand(strings.Fields(tt.args))
		if index != tt.index || dashC != tt.dashC {
			t.Errorf("Operand(%q) = %d, %v; want %d, %v", tt.args, index, dashC, tt.index, tt.dashC)
		}
	}
}
