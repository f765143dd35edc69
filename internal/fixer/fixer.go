// Package fixer applies the fixes that findings carry: it merges them per file,
// refuses those that would overlap, and either writes each file atomically (-fix)
// or shows the change as a unified diff (-diff).
package fixer

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/aymanbagabas/go-udiff"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// A Change is the new content of one file.
type Change struct {
	File     string // as the edits name it, cleaned
	Old, New []byte
}

// A Plan is what applying the fixes of a list of findings would do.
type Plan struct {
	Changes []Change // one per file whose content changes, sorted by file
	Applied []bool   // Applied[i] reports whether finding i's fix is in Changes
	Refused []error  // the fixes left out, each with the reason
}

// NewPlan takes the first fix of every finding that has one. A fix is applied
// whole or not at all: one whose edits overlap an edit already taken, fall outside
// their file, or name a file that cannot be read is refused with a message. An
// edit identical to one already taken (the same fix reported twice) is shared.
func NewPlan(findings []finding.Finding) *Plan {
	p := &Plan{Applied: make([]bool, len(findings))}
	sources := map[string][]byte{}
	taken := map[string][]udiff.Edit{}
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		fix := f.Fixes[0]
		if err := take(fix, sources, taken); err != nil {
			p.Refused = append(p.Refused, fmt.Errorf("%s:%d: %s fix %q not applied: %w", f.File, f.Line, f.Rule.ID, fix.Message, err))
			continue
		}
		p.Applied[i] = true
	}
	for file, edits := range taken {
		old := sources[file]
		udiff.SortEdits(edits)
		updated, err := udiff.ApplyBytes(old, edits)
		if err != nil { // take has ruled out every reason ApplyBytes fails
			panic("fixer: " + err.Error())
		}
		if !bytes.Equal(old, updated) {
			p.Changes = append(p.Changes, Change{File: file, Old: old, New: updated})
		}
	}
	slices.SortFunc(p.Changes, func(a, b Change) int { return cmp.Compare(a.File, b.File) })
	return p
}

// take adds the edits of fix to taken if none of them conflicts.
func take(fix finding.Fix, sources map[string][]byte, taken map[string][]udiff.Edit) error {
	pending := map[string][]udiff.Edit{}
	for _, e := range fix.Edits {
		file := filepath.Clean(e.File)
		src, ok := sources[file]
		if !ok {
			var err error
			if src, err = regularfile.Read(file, regularfile.MaxSource); err != nil {
				return err
			}
			sources[file] = src
		}
		if e.Start < 0 || e.Start > e.End || e.End > len(src) {
			return fmt.Errorf("edit [%d,%d) lies outside %s (%d bytes)", e.Start, e.End, file, len(src))
		}
		edit := udiff.Edit{Start: e.Start, End: e.End, New: e.New}
		others := slices.Concat(taken[file], pending[file])
		if slices.Contains(others, edit) {
			continue
		}
		for _, other := range others {
			if overlap(edit, other) {
				return fmt.Errorf("it overlaps another fix in %s; run gracelint -fix again to apply it", file)
			}
		}
		pending[file] = append(pending[file], edit)
	}
	for file, edits := range pending {
		taken[file] = append(taken[file], edits...)
	}
	return nil
}

// overlap reports whether two edits touch the same bytes, or insert at the same
// place, where their order would be a guess.
func overlap(a, b udiff.Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End ||
		a.Start == a.End && b.Start < a.Start && a.Start < b.End ||
		b.Start == b.End && a.Start < b.Start && b.Start < a.End
}

// Diff is the change as a unified diff. Relative paths get git's a/ and b/
// prefixes, which `git apply` and `patch -p1` expect.
func (c Change) Diff() string {
	from, to := filepath.ToSlash(c.File), filepath.ToSlash(c.File)
	if !filepath.IsAbs(c.File) {
		from, to = "a/"+from, "b/"+to
	}
	return udiff.Unified(from, to, string(c.Old), string(c.New))
}

// Write replaces the file with the new content atomically: a temporary file in the
// same directory, with the file's mode, renamed over it, so a crash or a full disk
// never leaves half a file. A symbolic link is followed, not replaced. A file that
// changed since it was read is left alone.
func (c Change) Write() error {
	err := c.write()
	// Name the file the user knows, not the temporary file or the link target.
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		err = pathErr.Err
	case errors.As(err, &linkErr):
		err = linkErr.Err
	}
	if err != nil {
		return fmt.Errorf("cannot fix %s: %w", c.File, err)
	}
	return nil
}

func (c Change) write() error {
	path, err := filepath.EvalSymlinks(c.File)
	if err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	current, err := regularfile.Read(path, regularfile.MaxSource)
	if err != nil {
		return err
	}
	if !bytes.Equal(current, c.Old) {
		return &os.PathError{Op: "fix", Path: c.File, Err: errors.New("the file changed while gracelint ran")}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".gracelint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once the rename has happened
	if _, err := tmp.Write(c.New); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	keepOwner(tmp, info)
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
