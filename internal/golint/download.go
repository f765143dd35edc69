package golint

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

// maxGoModSize bounds the go.mod files read to place a download failure.
const maxGoModSize = 4 << 20

// An undownloaded module is one a go.mod requires and the go command could not
// download (a 403, a module the proxy does not have, GOPROXY=off): no package
// of it loads, and every package that imports one, directly or not, cannot be
// checked. That is one finding, on the require line, not a type error on each.
type undownloaded struct {
	goMod     string
	req       *modfile.Require
	reason    string  // the go command's own words
	importers []*node // roots that need it
}

// undownloadedModules finds the imports go list found no files for that lie in
// a module their importer's go.mod requires, other than ones that module does
// not contain, and marks blocked the nodes that need one.
func (g *graph) undownloadedModules() []*undownloaded {
	goMods := map[string]*modfile.File{}
	byModule := map[*modfile.Require]*undownloaded{}
	var out []*undownloaded
	missing := map[*node]*undownloaded{}
	for _, n := range g.nodes {
		for _, imp := range n.imports {
			if u := missing[imp]; u != nil || imp.blocked != nil {
				n.blocked = firstOf(u, imp.blocked, n.blocked)
				continue
			}
			if !failedToLoad(imp) || n.meta.Module == nil || n.meta.Module.GoMod == "" {
				continue
			}
			msg := imp.meta.Errors[0].Msg
			if strings.Contains(msg, "does not contain package") {
				continue // the module is there: the import is wrong, a type error
			}
			goMod := n.meta.Module.GoMod
			f, ok := goMods[goMod]
			if !ok {
				f = readGoMod(goMod)
				goMods[goMod] = f
			}
			req := requiring(f, imp.meta.PkgPath)
			if req == nil {
				continue
			}
			u := byModule[req]
			if u == nil {
				u = &undownloaded{goMod: goMod, req: req, reason: msg}
				byModule[req] = u
				out = append(out, u)
			}
			missing[imp] = u
			n.blocked = firstOf(n.blocked, u)
		}
	}
	for _, n := range g.nodes {
		if n.root && n.blocked != nil {
			n.blocked.importers = append(n.blocked.importers, n)
		}
	}
	return out
}

// firstOf is the first of us that is not nil.
func firstOf(us ...*undownloaded) *undownloaded {
	for _, u := range us {
		if u != nil {
			return u
		}
	}
	return nil
}

// readGoMod parses a go.mod file; nil if it cannot be read, in which case the
// go command has said so already.
func readGoMod(path string) *modfile.File {
	data, err := regularfile.Read(path, maxGoModSize)
	if err != nil {
		return nil
	}
	f, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		return nil
	}
	return f
}

// requiring is the requirement of f whose module path is the longest prefix
// of the import path pkg, or nil.
func requiring(f *modfile.File, pkg string) *modfile.Require {
	if f == nil {
		return nil
	}
	var best *modfile.Require
	for _, r := range f.Require {
		p := r.Mod.Path
		if (pkg == p || strings.HasPrefix(pkg, p+"/")) && (best == nil || len(p) > len(best.Mod.Path)) {
			best = r
		}
	}
	return best
}

// finding is the one GL000 of a module that could not be downloaded.
func (u *undownloaded) finding() finding.Finding {
	var names []string
	for _, n := range u.importers {
		names = append(names, n.meta.PkgPath)
	}
	slices.Sort(names)
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("%d more", len(names)-3))
	}
	which := "no package named by the patterns needs it"
	if len(names) > 0 {
		which = "not checked, as they need it: " + finding.Words(names)
	}
	line, col := 0, 0
	if s := u.req.Syntax; s != nil {
		line, col = s.Start.Line, s.Start.LineRune
	}
	return finding.New(rule.ParseError, u.goMod, line, col, line, col, fmt.Sprintf(
		"the go command could not download module %s %s: %s; %s. Download the modules where the module proxy can be reached (go mod download), or vendor them (go mod vendor), then run gracelint again",
		u.req.Mod.Path, u.req.Mod.Version, u.reason, which))
}
