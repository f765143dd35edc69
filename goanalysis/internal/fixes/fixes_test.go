package fixes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestSIGTERM(t *testing.T) {
	for _, tc := range []struct{ name, src, wantExpr, wantSrc string }{
		{"already imported", "package p\n\nimport (\n\t\"os\"\n\t\"syscall\"\n)\n",
			"syscall.SIGTERM", "package p\n\nimport (\n\t\"os\"\n\t\"syscall\"\n)\n"},
		{"renamed", "package p\n\nimport sys \"syscall\"\n",
			"sys.SIGTERM", "package p\n\nimport sys \"syscall\"\n"},
		{"blank import does not count", "package p\n\nimport _ \"syscall\"\n",
			"syscall.SIGTERM", "package p\n\nimport _ \"syscall\"\nimport \"syscall\"\n"},
		{"sorted among standard imports", "package p\n\nimport (\n\t\"os\"\n\t\"time\"\n\n\t\"example.com/x\"\n)\n",
			"syscall.SIGTERM", "package p\n\nimport (\n\t\"os\"\n\t\"syscall\"\n\t\"time\"\n\n\t\"example.com/x\"\n)\n"},
		{"after the last standard import", "package p\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n\n\t\"example.com/x\"\n)\n",
			"syscall.SIGTERM", "package p\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n\t\"syscall\"\n\n\t\"example.com/x\"\n)\n"},
		{"no standard imports", "package p\n\nimport (\n\t\"example.com/x\"\n)\n",
			"syscall.SIGTERM", "package p\n\nimport (\n\t\"syscall\"\n\n\t\"example.com/x\"\n)\n"},
		{"no imports", "package p\n\nvar x = 1\n",
			"syscall.SIGTERM", "package p\n\nimport \"syscall\"\n\nvar x = 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", tc.src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			expr, edits := SIGTERM(f)
			if expr != tc.wantExpr {
				t.Errorf("SIGTERM() = %q, want %q", expr, tc.wantExpr)
			}
			if got := apply(fset, tc.src, edits); got != tc.wantSrc {
				t.Errorf("edited source:\n%s\nwant:\n%s", got, tc.wantSrc)
			}
		})
	}
}

func TestRemoveArg(t *testing.T) {
	const src = "package p\n\nvar _ = f(a, b, c)\n"
	for i, want := range []string{"f(b, c)", "f(a, c)", "f(a, b)"} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		call := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0].(*ast.CallExpr)
		if got := apply(fset, src, []analysis.TextEdit{RemoveArg(call, i)}); got != "package p\n\nvar _ = "+want+"\n" {
			t.Errorf("RemoveArg(%d) gives %q, want %s", i, got, want)
		}
	}
}

// apply applies non-overlapping edits to src.
func apply(fset *token.FileSet, src string, edits []analysis.TextEdit) string {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(b.Pos - a.Pos) })
	for _, e := range edits {
		start, end := fset.Position(e.Pos).Offset, fset.Position(e.End).Offset
		src = src[:start] + string(e.NewText) + src[end:]
	}
	return src
}
