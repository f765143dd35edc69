// Package imagelink judges a Dockerfile and the Go program its image ships as
// one: it links each image's main process to the main package it was built
// from, and only where that link is certain.
package imagelink

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/goanalysis/interruptonly"
	"github.com/gracelint/gracelint/goanalysis/nosigtermhandler"
	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/goanalysis/sigtermignored"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/golint"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rules lists the rules of the linked pair, in ID order.
var Rules = []*rule.Rule{StopSignalNotHandled}

// A link is an image's main process and the program it runs.
type link struct {
	main *dockerlint.MainProcess
	prog *golint.Program
}

// Apply links each image to its program and returns the findings with the
// image rules applied: GL107 added, GL201 and GL205 of a linked program
// repeated on the Dockerfile line that starts it, and GL202 kept as info where
// every image that ships the program stops it with a signal it handles.
func Apply(findings []finding.Finding, mains []*dockerlint.MainProcess, programs []golint.Program) []finding.Finding {
	var links []link
	for _, m := range mains {
		if p := programFor(m, programs); p != nil {
			links = append(links, link{m, p})
		}
	}
	if len(links) == 0 {
		return findings
	}
	var out []finding.Finding
	for _, l := range links {
		out = append(out, l.check(findings)...)
	}
	for _, f := range findings {
		if f.Rule == interruptonly.Rule {
			f = downgrade(f, links, programs)
		}
		out = append(out, f)
	}
	return out
}

// report adds a finding of r on the line that starts the program, unless an
// ignore comment of the Dockerfile silences it.
func (l link) report(out []finding.Finding, r *rule.Rule, sev rule.Severity, format string, args ...any) []finding.Finding {
	m := l.main
	f := finding.New(r, m.Dockerfile, m.Line, m.Col, m.EndLine, m.EndCol, fmt.Sprintf(format, args...))
	f.Severity = sev
	if m.Ignores(f) {
		return out
	}
	return append(out, f)
}

// check applies the rules to one link: GL107, and GL201/GL205 mirrored.
func (l link) check(findings []finding.Finding) []finding.Finding {
	out := l.checkStopSignal(nil)
	for _, f := range findings {
		if f.Rule == nosigtermhandler.Rule && filepath.Dir(f.File) == l.prog.Dir || f.Rule == sigtermignored.Rule && isSite(l.prog, f) {
			out = l.report(out, f.Rule, f.Severity, "the image runs %s, %s: %s:%d:%d: %s",
				l.main.Program, l.origin(), finding.DisplayPath(f.File), f.Line, f.Column, f.Message)
		}
	}
	return out
}

// origin says in words where the image's program came from, naming its main
// package by import path: a directory would read "./." at the module's root.
func (l link) origin() string {
	if b := l.main.Build; b != nil {
		return fmt.Sprintf("built from %s by the RUN on line %d", l.prog.ImportPath, b.Line)
	}
	return fmt.Sprintf("copied from %s, built from %s outside Docker", finding.DisplayPath(l.main.Copied), l.prog.ImportPath)
}

// downgrade keeps a GL202 finding as info, with a note, when every program
// whose call it is ships only in images whose STOPSIGNAL the program handles.
func downgrade(f finding.Finding, links []link, programs []golint.Program) finding.Finding {
	var fine []string
	for i := range programs {
		p := &programs[i]
		if !isSite(p, f) {
			continue
		}
		shipped := false
		for _, l := range links {
			if l.prog != p {
				continue
			}
			if !p.Handles(l.main.StopSignal) {
				return f
			}
			shipped = true
			fine = append(fine, fmt.Sprintf("%s (STOPSIGNAL %s, line %d)", finding.DisplayPath(l.main.Dockerfile), l.main.StopSignalName, l.main.StopSignalLine))
		}
		if !shipped {
			return f // a program no image here ships: it may well get SIGTERM
		}
	}
	if len(fine) == 0 {
		return f
	}
	slices.Sort(fine)
	f.Severity = rule.Info
	f.Message += fmt.Sprintf("; note: the image of %s stops the program with a signal it handles, so it is fine as shipped, but any other way of running it still sends SIGTERM",
		strings.Join(slices.Compact(fine), " and "))
	return f
}

// programFor is the one program m runs, or nil when none or several could be.
func programFor(m *dockerlint.MainProcess, programs []golint.Program) *golint.Program {
	var found *golint.Program
	for i := range programs {
		p := &programs[i]
		if !built(m, p) && !copied(m, p) {
			continue
		}
		if found != nil {
			return nil // two candidates: the link would be a guess
		}
		found = p
	}
	return found
}

// built reports whether m's program is p, built by a go command in the image.
func built(m *dockerlint.MainProcess, p *golint.Program) bool {
	b := m.Build
	if b == nil || b.Binary != "" && b.Binary != p.Binary {
		return false
	}
	dir := realPath(p.Dir)
	for _, pkg := range b.Packages {
		if root, tree := strings.CutSuffix(pkg, "/..."); tree {
			if within(dir, realPath(root)) {
				return true
			}
		} else if dir == realPath(pkg) {
			return true
		}
	}
	return false
}

// copied reports whether m's program is p, built outside Docker and copied
// from the build context: its file is named after p's directory (or is p's
// binary name) and lies in p's module, or p lies in the Dockerfile's directory.
func copied(m *dockerlint.MainProcess, p *golint.Program) bool {
	if m.Copied == "" {
		return false
	}
	name := filepath.Base(m.Copied)
	if name != filepath.Base(p.Dir) && name != p.Binary {
		return false
	}
	return p.ModuleDir != "" && within(realPath(m.Copied), realPath(p.ModuleDir)) ||
		within(realPath(p.Dir), realPath(filepath.Dir(m.Dockerfile)))
}

// isSite reports whether f is at a call through which p subscribes to signals.
func isSite(p *golint.Program, f finding.Finding) bool {
	return slices.ContainsFunc(p.Sites, func(s program.Site) bool {
		return s.File == f.File && s.Line == f.Line && s.Column == f.Column
	})
}

// within reports whether path is dir or below it.
func within(path, dir string) bool {
	r, err := filepath.Rel(dir, path)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// realPath resolves symbolic links, so that the go command's directories and
// the Dockerfile's compare equal; a path that does not exist stays as it is.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}
