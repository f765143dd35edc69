package lifecycle

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestIsStandard: drivers say "no module" with a nil Module (unitchecker) or an
// empty one (x/tools' checker, golangci-lint). Taking the empty one for a module
// made every endless loop of the standard library, such as the one
// syscall.forkAndExecInChild1 ends on, a reason for GL201 in every program that
// runs a command, wherever the driver analyses the standard library (gracelint's
// own analyses only packages that import os/signal).
func TestIsStandard(t *testing.T) {
	for _, tc := range []struct {
		path   string
		module *analysis.Module
		want   bool
	}{
		{"syscall", nil, true},
		{"syscall", &analysis.Module{}, true},
		{"net/http", &analysis.Module{GoVersion: "go1.26"}, true},
		{"example.com/app", nil, false},
		{"app", &analysis.Module{Path: "app"}, false},
		{"example.com/app", &analysis.Module{Path: "example.com/app"}, false},
	} {
		pass := &analysis.Pass{Pkg: types.NewPackage(tc.path, "p"), Module: tc.module}
		if got := isStandard(pass); got != tc.want {
			t.Errorf("isStandard(%s, module %+v) = %v, want %v", tc.path, tc.module, got, tc.want)
		}
	}
}
