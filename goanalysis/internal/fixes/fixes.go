// Package fixes builds the text edits that gracelint's suggested fixes share.
package fixes

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// SIGTERM returns the expression that names syscall.SIGTERM in file, and the
// edits that import package syscall if the file does not import it yet.
func SIGTERM(file *ast.File) (string, []analysis.TextEdit) {
	name, edits := Import(file, "syscall")
	return name + ".SIGTERM", edits
}

// Import returns the name under which file refers to the package at path, and
// the edits that add the import when it is missing. It places a new standard
// library import among the file's other standard imports, in sorted order, so
// that gofmt leaves the result alone.
func Import(file *ast.File, path string) (string, []analysis.TextEdit) {
	name := path[strings.LastIndex(path, "/")+1:]
	for _, spec := range file.Imports {
		if importPath(spec) != path || spec.Name != nil && (spec.Name.Name == "_" || spec.Name.Name == ".") {
			continue
		}
		if spec.Name != nil {
			return spec.Name.Name, nil
		}
		return name, nil
	}
	quoted := strconv.Quote(path)
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		if !gen.Lparen.IsValid() {
			return name, insert(gen.End(), "\nimport "+quoted)
		}
		var lastStd *ast.ImportSpec
		for _, spec := range gen.Specs {
			spec := spec.(*ast.ImportSpec)
			if !isStd(importPath(spec)) {
				continue
			}
			if importPath(spec) > path {
				return name, insert(spec.Pos(), quoted+"\n\t")
			}
			lastStd = spec
		}
		if lastStd != nil {
			return name, insert(lastStd.End(), "\n\t"+quoted)
		}
		return name, insert(gen.Lparen+1, "\n\t"+quoted+"\n")
	}
	return name, insert(file.Name.End(), "\n\nimport "+quoted)
}

func insert(pos token.Pos, text string) []analysis.TextEdit {
	return []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}
}

func importPath(spec *ast.ImportSpec) string {
	path, _ := strconv.Unquote(spec.Path.Value)
	return path
}

// isStd reports whether path looks like a standard library package: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// RemoveArg returns the edit that deletes call's i'th argument with its comma.
func RemoveArg(call *ast.CallExpr, i int) analysis.TextEdit {
	if i > 0 {
		return analysis.TextEdit{Pos: call.Args[i-1].End(), End: call.Args[i].End()}
	}
	return analysis.TextEdit{Pos: call.Args[0].Pos(), End: call.Args[1].Pos()}
}
