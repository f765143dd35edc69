package sigtermignored

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/gracelint/gracelint/goanalysis/internal/dataflow"
	"github.com/gracelint/gracelint/goanalysis/internal/lifecycle"
)

// receivers returns the receive operations (<-ch) and range statements that
// take values from the channel variable v, following it into the parameters
// of this package's functions it is passed to. escapes is true if the channel
// goes anywhere else, where gracelint cannot see what is done with it.
func (c *checker) receivers(v *types.Var) (sites []ast.Node, escapes bool) {
	info := c.pass.TypesInfo
	tracked := []*types.Var{v}
	for i := 0; i < len(tracked); i++ {
		for id, obj := range info.Uses {
			if obj != tracked[i] {
				continue
			}
			use := ast.Node(id)
			if sel, ok := c.parents[id].(*ast.SelectorExpr); ok && sel.Sel == id {
				use = sel
			}
			switch p := c.parents[use].(type) {
			case *ast.UnaryExpr:
				if p.Op != token.ARROW {
					return nil, true
				}
				sites = append(sites, p)
			case *ast.RangeStmt:
				sites = append(sites, p)
			case *ast.AssignStmt:
				if !slices.Contains(p.Lhs, use.(ast.Expr)) {
					return nil, true
				}
			case *ast.CallExpr:
				param, ok := c.paramPassedTo(p, use)
				if !ok {
					return nil, true
				}
				if param != nil && !slices.Contains(tracked, param) {
					tracked = append(tracked, param)
				}
			default:
				return nil, true
			}
		}
	}
	slices.SortFunc(sites, func(a, b ast.Node) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return sites, false
}

// paramPassedTo says where a call takes the channel: nowhere that matters
// (param nil) for os/signal's own functions, the parameter of one of this
// package's functions, or ok false for anything else.
func (c *checker) paramPassedTo(call *ast.CallExpr, arg ast.Node) (param *types.Var, ok bool) {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil, false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "os/signal" {
		return nil, true
	}
	i := slices.Index(call.Args, arg.(ast.Expr))
	if c.sigs.Index.Decl(fn) == nil || i < 0 {
		return nil, false
	}
	param = dataflow.ParamAt(fn, i)
	return param, param != nil
}

// receiveMayEnd reports whether receiving a signal at site can lead to the
// program ending. Where it cannot tell, it says yes.
func (c *checker) receiveMayEnd(site ast.Node) bool {
	if r, ok := site.(*ast.RangeStmt); ok {
		// A range over a signal channel ends only when the loop is left.
		return c.ends(r.Body, true)
	}
	loop, ok := c.enclosingLoop(site).(*ast.ForStmt)
	if !ok || loop.Cond != nil {
		// Received once, or in a loop that ends on its own: the code after
		// it runs, and may well be the shutdown.
		return true
	}
	clause, sel := c.selectCase(site)
	if clause == nil {
		return c.ends(loop.Body, true)
	}
	if c.ends(clause, false) {
		return true
	}
	if !slices.Contains(loop.Body.List, ast.Stmt(sel)) {
		return c.ends(loop.Body, true) // the select is nested deeper: judge the whole loop
	}
	// The other cases of the select do not run on SIGTERM; the rest of the
	// loop body does, after the case.
	for _, stmt := range loop.Body.List {
		if stmt != sel && c.ends(stmt, true) {
			return true
		}
	}
	return false
}

// enclosingLoop returns the innermost for or range statement around n in the
// same function, or nil.
func (c *checker) enclosingLoop(n ast.Node) ast.Node {
	for p := c.parents[n]; p != nil; p = c.parents[p] {
		switch p.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return p
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// selectCase returns the select case whose communication is the receive at
// site, and its select statement; nil if the receive is not a select case.
func (c *checker) selectCase(site ast.Node) (*ast.CommClause, *ast.SelectStmt) {
	stmt := c.parents[site] // an ExprStmt (case <-c:) or AssignStmt (case s := <-c:)
	clause, ok := c.parents[stmt].(*ast.CommClause)
	if !ok || clause.Comm != stmt {
		return nil, nil
	}
	return clause, c.parents[c.parents[clause]].(*ast.SelectStmt)
}

// ends reports whether running n may end the program or hand over to code
// that does: it leaves the loop (see lifecycle.Leaves) or has an ending effect.
func (c *checker) ends(n ast.Node, breakLeaves bool) bool {
	return lifecycle.Leaves(c.pass.TypesInfo, n, breakLeaves) || c.hasEndingEffect(n)
}

// endingMethods are the method names that stop something or wake someone up.
var endingMethods = map[string]bool{
	"Shutdown": true, "Stop": true, "GracefulStop": true, "Close": true, "Cancel": true,
	"Kill": true, "Signal": true, "Done": true, "Broadcast": true, "Exit": true, "Quit": true,
	"Terminate": true, "Interrupt": true,
}

// harmless are standard packages whose functions neither end the program nor
// tell another goroutine to (apart from the endingMethods and lifecycle.Exits).
var harmless = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "strings": true, "strconv": true, "time": true,
	"errors": true, "sort": true, "slices": true, "maps": true, "bytes": true, "math": true,
	"sync": true, "os": true, "io": true, "bufio": true, "unicode/utf8": true,
}

// hasEndingEffect reports whether n contains something that ends the
// program or tells another goroutine to: a send, a close, an exit, a write to
// a variable another goroutine can read (a "stopping" flag), a call of a
// function value (a context.CancelFunc, say), an ending method, or a call into
// code gracelint cannot see.
func (c *checker) hasEndingEffect(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			found = true
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				found = slices.ContainsFunc(n.Lhs, func(lhs ast.Expr) bool { return c.isShared(n, lhs) })
			}
		case *ast.IncDecStmt:
			found = c.isShared(n, n.X)
		case *ast.CallExpr:
			found = c.callEnds(n)
		}
		return !found
	})
	return found
}

// isShared reports whether the assignment stmt to lhs writes memory that
// another goroutine may read: a field, a pointer's target, a package-level
// variable, or one the function around stmt shares with its caller or a
// closure (it is declared outside that function).
func (c *checker) isShared(stmt ast.Stmt, lhs ast.Expr) bool {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.StarExpr:
		return true
	case *ast.IndexExpr:
		return c.isShared(stmt, lhs.X)
	case *ast.SelectorExpr:
		if sel, ok := c.pass.TypesInfo.Selections[lhs]; ok {
			return sel.Kind() == types.FieldVal
		}
		return true // pkg.Var
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[lhs].(*types.Var)
		if !ok {
			return false // _
		}
		if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return true
		}
		fn := c.enclosingFunc(stmt)
		return fn != nil && (v.Pos() < fn.Pos() || v.Pos() >= fn.End())
	}
	return false
}

// enclosingFunc returns the innermost function literal or declaration around n.
func (c *checker) enclosingFunc(n ast.Node) ast.Node {
	for p := c.parents[n]; p != nil; p = c.parents[p] {
		switch p.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return p
		}
	}
	return nil
}

func (c *checker) callEnds(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if lifecycle.Exits(info, call) {
		return true
	}
	switch callee := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		return callee.Name() == "close"
	case *types.Var: // cancel(), stop(), a callback
		return true
	case *types.Func:
		if callee.Signature().Recv() != nil && endingMethods[callee.Name()] {
			return true
		}
		if decl := c.sigs.Index.Decl(callee); decl != nil {
			return c.funcEnds(callee.Origin(), decl)
		}
		return callee.Pkg() == nil || !harmless[callee.Pkg().Path()]
	}
	// A conversion ends nothing; any other callee is a value gracelint cannot
	// see (fns[i](), f()()): assume it may end the program.
	tv := info.Types[call.Fun]
	return !tv.IsType()
}

// funcEnds reports whether calling one of the package's own functions has
// an ending effect. A recursive call sees false while its answer is computed.
func (c *checker) funcEnds(fn *types.Func, decl *ast.FuncDecl) bool {
	if ends, ok := c.ending[fn]; ok {
		return ends
	}
	c.ending[fn] = false
	c.ending[fn] = c.hasEndingEffect(decl.Body)
	return c.ending[fn]
}
