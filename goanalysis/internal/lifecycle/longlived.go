package lifecycle

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// servers are the calls that serve network requests until the server is shut
// down, by types.Func.FullName, with what they serve.
var servers = map[string]string{
	"net/http.ListenAndServe":                    "HTTP",
	"net/http.ListenAndServeTLS":                 "HTTP",
	"net/http.Serve":                             "HTTP",
	"net/http.ServeTLS":                          "HTTP",
	"(*net/http.Server).ListenAndServe":          "HTTP",
	"(*net/http.Server).ListenAndServeTLS":       "HTTP",
	"(*net/http.Server).Serve":                   "HTTP",
	"(*net/http.Server).ServeTLS":                "HTTP",
	"(*google.golang.org/grpc.Server).Serve":     "gRPC",
	"(*golang.org/x/net/http2.Server).ServeConn": "HTTP/2",
}

// acceptors are the methods an accept loop calls.
var acceptors = map[string]bool{
	"(net.Listener).Accept":          true,
	"(*net.TCPListener).Accept":      true,
	"(*net.TCPListener).AcceptTCP":   true,
	"(*net.UnixListener).Accept":     true,
	"(*net.UnixListener).AcceptUnix": true,
}

// exits are the calls that end the process or the goroutine.
var exits = map[string]bool{
	"os.Exit": true, "syscall.Exit": true, "runtime.Goexit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
	"(*log.Logger).Fatal": true, "(*log.Logger).Fatalf": true, "(*log.Logger).Fatalln": true,
	"(*log.Logger).Panic": true, "(*log.Logger).Panicf": true, "(*log.Logger).Panicln": true,
}

// Exits reports whether call ends the process or the calling goroutine:
// panic, os.Exit, log.Fatal and the like.
func Exits(info *types.Info, call *ast.CallExpr) bool {
	switch obj := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		return obj.Name() == "panic"
	case *types.Func:
		return exits[obj.FullName()]
	}
	return false
}

// runsUntilStopped explains why body, run synchronously, does not return
// until the process is stopped; nil if it may return.
func (s *summarizer) runsUntilStopped(body *ast.BlockStmt, where string) *LongLived {
	w := &bodyWalk{s: s, where: where}
	w.walk(body)
	return w.result()
}

// A bodyWalk looks through the statements of a function that run on its own
// goroutine, in the order they are written.
type bodyWalk struct {
	s          *summarizer
	where      string
	runs       *LongLived // the function itself never returns
	background *LongLived // a goroutine it starts serves requests
	waits      bool       // it blocks on a channel, select or Wait method
}

func (w *bodyWalk) result() *LongLived {
	if w.runs == nil && w.background != nil && w.waits {
		bg := *w.background
		bg.Why += " in a goroutine while it waits"
		return &bg
	}
	return w.runs
}

func (w *bodyWalk) walk(root ast.Node) {
	info := w.s.pass.TypesInfo
	ast.Inspect(root, func(n ast.Node) bool {
		if w.runs != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			w.startsGoroutine(n.Call)
			return false
		case *ast.FuncLit:
			// A function value that is not called here runs elsewhere, if at
			// all: a callback, an HTTP handler, a deferred or stored func.
			return false
		case *ast.CallExpr:
			w.call(n)
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 && !w.s.std {
				w.runs = &LongLived{Why: "blocks forever in select {}", Where: w.where}
			} else if !hasDefault(n) {
				w.waits = true
			}
		case *ast.ForStmt:
			if accept := acceptCall(info, n.Body); accept != "" {
				w.runs = &LongLived{Why: "accepts connections in a loop with " + accept, Where: w.where, Serves: true}
			} else if n.Cond == nil && !w.s.std && !Leaves(info, n.Body, true) {
				w.runs = &LongLived{Why: "loops forever (a for loop with no exit)", Where: w.where}
			}
		case *ast.RangeStmt:
			if isTicker(info, n.X) && !w.s.std && !Leaves(info, n.Body, true) {
				w.runs = &LongLived{Why: "loops forever over a time.Ticker", Where: w.where}
			} else if _, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok {
				w.waits = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				w.waits = true
			}
		}
		return true
	})
}

// call looks at a call made on the function's own goroutine.
func (w *bodyWalk) call(call *ast.CallExpr) {
	info := w.s.pass.TypesInfo
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok { // func() { ... }()
		w.walk(lit.Body)
	}
	// A function literal passed to a call, as to errgroup's Go or oklog/run's
	// Add, usually runs on another goroutine: it counts only if it serves.
	for _, arg := range call.Args {
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			w.inBackground(w.s.runsUntilStopped(lit.Body, w.where))
		}
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return
	}
	if runs := w.serves(fn); runs != nil {
		w.runs = runs
		return
	}
	if fn.Signature().Recv() != nil && fn.Name() == "Wait" { // sync.WaitGroup, errgroup.Group, ...
		w.waits = true
	}
	if callee := staticCallee(info, call); callee != nil {
		w.runs = w.s.callee(callee).Runs
	}
}

// startsGoroutine looks at the function a go statement starts. A goroutine
// that loops forever does not keep the program alive, so only a server
// counts, and only if the starting function then waits (see result).
func (w *bodyWalk) startsGoroutine(call *ast.CallExpr) {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		w.inBackground(w.s.runsUntilStopped(lit.Body, w.where))
		return
	}
	info := w.s.pass.TypesInfo
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
		if runs := w.serves(fn); runs != nil {
			w.inBackground(runs)
			return
		}
	}
	if callee := staticCallee(info, call); callee != nil {
		w.inBackground(w.s.callee(callee).Runs)
	}
}

// serves explains why a call of fn serves until the server is shut down; nil
// if fn is none of the known servers.
func (w *bodyWalk) serves(fn *types.Func) *LongLived {
	what, ok := servers[fn.FullName()]
	if !ok {
		return nil
	}
	return &LongLived{Why: "serves " + what + " with " + fn.FullName(), Where: w.where, Serves: true}
}

func (w *bodyWalk) inBackground(runs *LongLived) {
	if runs != nil && runs.Serves && w.background == nil {
		w.background = runs
	}
}

// isTicker reports whether e is a ticker's channel, which is never closed:
// time.Tick(d), or the C of a *time.Ticker.
func isTicker(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, e).(*types.Func)
		return ok && fn.FullName() == "time.Tick"
	case *ast.SelectorExpr:
		ptr, ok := info.TypeOf(e.X).(*types.Pointer)
		if !ok || e.Sel.Name != "C" {
			return false
		}
		named, ok := ptr.Elem().(*types.Named)
		return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "time" && named.Obj().Name() == "Ticker"
	}
	return false
}

func hasDefault(sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// acceptCall returns the accept method called in a loop body, or "".
func acceptCall(info *types.Info, body *ast.BlockStmt) string {
	var found string
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && found == "" {
			if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && acceptors[fn.FullName()] {
				found = fn.FullName()
			}
		}
		_, isLit := n.(*ast.FuncLit)
		return found == "" && !isLit
	})
	return found
}

// Leaves reports whether a loop body may leave the loop: return, break out of
// it, goto, a labelled jump, or a call that ends the process. It errs towards
// "may leave", so that a loop is called endless only when it surely is.
// breakLeaves is false for the body of a select or switch case inside the
// loop, where an unlabelled break leaves only the select or switch.
func Leaves(info *types.Info, body ast.Node, breakLeaves bool) bool {
	leave := false
	var walk func(root ast.Node, nested bool)
	walk = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if leave {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leave = true
			case *ast.BranchStmt:
				// goto, or a labelled break or continue, may jump past the
				// loop; an unlabelled break leaves it only when no nested
				// for, switch or select takes the break for itself.
				leave = n.Tok == token.GOTO || n.Label != nil || n.Tok == token.BREAK && !nested
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					walk(n, true)
					return false
				}
			case *ast.CallExpr:
				leave = Exits(info, n)
			}
			return true
		})
	}
	walk(body, !breakLeaves)
	return leave
}
