// Package dataflow answers, within one package, where the value of a variable,
// struct field or parameter can come from.
package dataflow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// An Index records every value assigned to each variable, struct field and
// parameter in a package's syntax.
type Index struct {
	info    *types.Info
	pkg     *types.Package
	sources map[types.Object][]ast.Expr
	opaque  map[types.Object]bool      // assigned from something the index cannot see
	paramOf map[*types.Var]*types.Func // parameters of declared functions
	decls   map[*types.Func]*ast.FuncDecl
	callee  map[*ast.Ident]bool // identifiers in call position
}

// NewIndex walks files once and records their assignments.
func NewIndex(pkg *types.Package, info *types.Info, files []*ast.File) *Index {
	x := &Index{info: info, pkg: pkg, sources: map[types.Object][]ast.Expr{},
		opaque: map[types.Object]bool{}, paramOf: map[*types.Var]*types.Func{}, callee: map[*ast.Ident]bool{},
		decls: map[*types.Func]*ast.FuncDecl{}}
	for _, f := range files {
		ast.Inspect(f, x.record)
	}
	return x
}

func (x *Index) record(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		x.recordAssign(n.Lhs, n.Rhs)
	case *ast.ValueSpec:
		if len(n.Values) == 0 {
			break // var x T: the zero value, no source
		}
		lhs := make([]ast.Expr, len(n.Names))
		for i, id := range n.Names {
			lhs[i] = id
		}
		x.recordAssign(lhs, n.Values)
	case *ast.RangeStmt:
		x.markOpaque(n.Key)
		x.markOpaque(n.Value)
	case *ast.UnaryExpr:
		if n.Op == token.AND { // may be written through the pointer
			x.markOpaque(n.X)
		}
	case *ast.CompositeLit:
		x.recordFields(n)
	case *ast.CallExpr:
		x.recordArgs(n)
	case *ast.FuncDecl:
		if fn, ok := x.info.Defs[n.Name].(*types.Func); ok {
			if n.Body != nil {
				x.decls[fn] = n
			}
			params := fn.Signature().Params()
			for i := range params.Len() {
				x.paramOf[params.At(i)] = fn
			}
		}
	}
	return true
}

func (x *Index) recordAssign(lhs, rhs []ast.Expr) {
	if len(lhs) != len(rhs) {
		for _, l := range lhs { // a, b := f(): the index cannot see inside f
			x.markOpaque(l)
		}
		return
	}
	for i, l := range lhs {
		if obj := x.ObjectOf(l); obj != nil {
			x.sources[obj] = append(x.sources[obj], rhs[i])
		}
	}
}

// recordFields records the fields a struct literal sets.
func (x *Index) recordFields(lit *ast.CompositeLit) {
	st, ok := typeOf(x.info, lit).Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				if obj := x.info.Uses[id]; obj != nil {
					x.sources[obj] = append(x.sources[obj], kv.Value)
				}
			}
			continue
		}
		if i < st.NumFields() {
			x.sources[st.Field(i)] = append(x.sources[st.Field(i)], elt)
		}
	}
}

// recordArgs records the arguments a static call passes to a function declared
// in this package, as sources of its parameters.
func (x *Index) recordArgs(call *ast.CallExpr) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		x.callee[fun] = true
	case *ast.SelectorExpr:
		x.callee[fun.Sel] = true
	}
	fn := typeutil.StaticCallee(x.info, call)
	if fn == nil || fn.Pkg() != x.pkg {
		return
	}
	for i, arg := range call.Args {
		param := ParamAt(fn, i)
		if param == nil {
			break
		}
		x.sources[param] = append(x.sources[param], arg)
	}
}

// ParamAt returns the parameter of fn that takes the i'th argument of a call,
// or nil when there is none or it is the variadic one, whose value is a slice
// the call builds rather than the argument.
func ParamAt(fn *types.Func, i int) *types.Var {
	params := fn.Signature().Params()
	if i >= params.Len() || fn.Signature().Variadic() && i >= params.Len()-1 {
		return nil
	}
	return params.At(i)
}

func (x *Index) markOpaque(e ast.Expr) {
	if obj := x.ObjectOf(e); obj != nil {
		x.opaque[obj] = true
	}
}

// ObjectOf returns the variable or field that e names, or nil.
func (x *Index) ObjectOf(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := x.info.ObjectOf(e).(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := x.info.ObjectOf(e.Sel).(*types.Var)
		return v
	}
	return nil
}

// Uses returns the object that e, an identifier or a qualified identifier,
// refers to, or nil.
func (x *Index) Uses(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.info.Uses[e]
	case *ast.SelectorExpr:
		return x.info.Uses[e.Sel]
	}
	return nil
}

// Decl returns the declaration of fn if this package declares it with a body.
func (x *Index) Decl(fn *types.Func) *ast.FuncDecl {
	return x.decls[fn.Origin()]
}

// Decls returns every function this package declares with a body.
func (x *Index) Decls() map[*types.Func]*ast.FuncDecl {
	return x.decls
}

// IsParam reports whether v is a parameter of a function declared here.
func (x *Index) IsParam(v *types.Var) bool {
	_, ok := x.paramOf[v]
	return ok
}

// Sources returns the expressions assigned to v anywhere in the package, and
// whether they are all of them: false when v is also set in ways the index
// cannot follow (tuple assignments, range, pointers, other packages, parameters
// of functions that may be called from elsewhere or are never called). A
// complete empty list means v only ever holds its zero value.
func (x *Index) Sources(v *types.Var) ([]ast.Expr, bool) {
	complete := !x.opaque[v] && v.Pkg() == x.pkg
	if fn, ok := x.paramOf[v]; ok {
		complete = complete && len(x.sources[v]) > 0 && x.onlyCalledHere(fn)
	}
	return x.sources[v], complete
}

// onlyCalledHere reports whether every caller of fn is visible: fn cannot be
// called from another package and this one never uses it as a value.
func (x *Index) onlyCalledHere(fn *types.Func) bool {
	if fn.Exported() && x.pkg.Name() != "main" {
		return false
	}
	for id, obj := range x.info.Uses {
		if obj == fn && !x.callee[id] {
			return false
		}
	}
	return true
}

func typeOf(info *types.Info, e ast.Expr) types.Type {
	if t := info.TypeOf(e); t != nil {
		return t
	}
	return types.Typ[types.Invalid]
}

// SettableElsewhere reports whether other packages can assign v: an exported
// field or package-level variable of a package that others can import.
func SettableElsewhere(v *types.Var) bool {
	return v.Exported() && v.Pkg() != nil && v.Pkg().Name() != "main" && (v.IsField() || v.Parent() == v.Pkg().Scope())
}

// IsMake reports whether e is a call of the builtin make.
func IsMake(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	b, ok := typeutil.Callee(info, call).(*types.Builtin)
	return ok && b.Name() == "make"
}
