package golint

import (
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gracelint/gracelint/goanalysis/program"
)

// A Program is a main package the run analysed: where it is, the name go build
// gives its binary, and what it does with signals.
type Program struct {
	ImportPath string
	Dir        string // absolute directory of its files
	ModuleDir  string // root of its module; "" outside one
	Binary     string // the file name go build and go install give the program
	program.Program
}

// addProgram appends n's program to ps when n is a main package that was analysed.
func (r *result) addProgram(ps []Program, n *node) []Program {
	if r.program == nil || len(n.meta.GoFiles) == 0 {
		return ps
	}
	p := Program{ImportPath: n.meta.PkgPath, Dir: filepath.Dir(n.meta.GoFiles[0]), Binary: binaryName(n.meta.PkgPath), Program: *r.program}
	if n.meta.Module != nil {
		p.ModuleDir = n.meta.Module.Dir
	}
	return append(ps, p)
}

// binaryName is the go command's name for the executable of a main package: the
// last element of its import path, or the one before a major version suffix
// (example.com/tool/v2 builds "tool").
func binaryName(importPath string) string {
	dir, elem := path.Split(importPath)
	if v, ok := strings.CutPrefix(elem, "v"); ok && dir != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 2 && v == strconv.Itoa(n) {
			return path.Base(dir)
		}
	}
	return elem
}
