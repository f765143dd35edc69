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

// Sources gives a plan the content of the files its fixes may change; Inputs
// reads them from disk.
type Sources func(file string) ([]byte, error)

// Inputs are the files of a run, files (any spelling of each, relative to the
// working directory or not): a fix may change these and no other file, whatever
// a finding or a cache entry says. Each is read whole, as a regular file of
// bounded size.
func Inputs(files []string) Sources {
	linted := map[string]bool{}
	for _, f := range files {
		if abs, err := filepath.Abs(f); err == nil {
			linted[abs] = true
		}
	}
	return func(file string) ([]byte, error) {
		if abs, err := filepath.Abs(file); err != nil || !linted[abs] {
			return nil, errors.New("gracelint did not lint " + file + ", so it does not fix it")
		}
		return regularfile.Read(file, regularfile.MaxSource)
	}
}

// NewPlan takes the first fix of every finding that has one. A fix is applied
// whole or not at all: one whose edits overlap an edit already taken, fall outside
// their file, name a file that sources cannot give, or were computed on other
// bytes than the file holds now (it changed since it was linted) is refused with
// a message. An edit identical to one already taken (the same fix reported
// twice) is shared.
func NewPlan(findings []finding.Finding, sources Sources) *Plan {
	p := &Plan{Applied: make([]bool, len(findings))}
	read := map[string]source{}
	taken := map[string][]udiff.Edit{}
	for i, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		fix := f.Fixes[0]
		if err := take(fix, sources, read, taken); err != nil {
			p.Refused = append(p.Refused, fmt.Errorf("%s:%d: %s fix %q not applied: %w", f.File, f.Line, f.Rule.ID, fix.Message, err))
			continue
		}
		p.Applied[i] = true
	}
	for file, edits := range taken {
		old := read[file].content
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

// ErrOverlap is why a fix is refused when it overlaps one already taken: the
// next round of -fix, on the new text, may take it.
var ErrOverlap = errors.New("fixes overlap")

// A source is a file's content as a plan read it, and its finding.ContentSum.
type source struct {
	content []byte
	sum     string
}

// take adds the edits of fix to taken if none of them conflicts.
func take(fix finding.Fix, sources Sources, read map[string]source, taken map[string][]udiff.Edit) error {
	pending := map[string][]udiff.Edit{}
	for _, e := range fix.Edits {
		file := filepath.Clean(e.File)
		src, ok := read[file]
		if !ok {
			content, err := sources(file)
			if err != nil {
				return err
			}
			src = source{content, finding.ContentSum(content)}
			read[file] = src
		}
		if e.Sum != src.sum {
			return fmt.Errorf("%s changed since gracelint linted it; run gracelint -fix again", file)
		}
		if e.Start < 0 || e.Start > e.End || e.End > len(src.content) {
			return fmt.Errorf("edit [%d,%d) lies outside %s (%d bytes)", e.Start, e.End, file, len(src.content))
		}
		edit := udiff.Edit{Start: e.Start, End: e.End, New: e.New}
		others := slices.Concat(taken[file], pending[file])
		if slices.Contains(others, edit) {
			continue
		}
		for _, other := range others {
			if overlap(edit, other) {
				return fmt.Errorf("it overlaps another fix in %s; run gracelint -fix again to apply it: %w", file, ErrOverlap)
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

// Write replaces the file with the new content atomically: a temporary file in
// the same directory, with the file's owner and mode bits (setuid, setgid and
// sticky included), renamed over it, so a crash or a full disk never leaves half
// a file. A symbolic link is followed, not replaced.
//
// Write changes only the bytes that were planned on. It locks the file (flock,
// which every gracelint run takes), reads it again under the lock and renames
// only when it still holds c.Old: of several runs fixing one file, the first
// writes and the others find new content and leave it as it is. The lock holds
// from that last read to the rename, so between gracelint runs there is no
// window; an editor, which takes no lock, can slip in only in the microseconds
// between them.
//
// A file that is read-only, that the user could not write (the directory being
// writable is not enough), whose owner the new file could not keep, or that has
// other hard links (a rename would split them) is refused. A signal that ends
// the run mid-write removes the temporary file, named .NAME.gracelint-fix-*.tmp.
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

// ErrChanged is the error of a file that changed since its fixes were planned.
var ErrChanged = errors.New("the file changed while gracelint ran (another gracelint -fix or an editor wrote it); it was left as it is")

func (c Change) write() error {
	path, err := filepath.EvalSymlinks(c.File)
	if err != nil {
		return err
	}
	f, info, err := lock(path)
	if err != nil {
		return err
	}
	defer f.Close() // releases the lock, after the rename
	if err := replaceable(path, info); err != nil {
		return err
	}
	current, err := regularfile.ReadFrom(f, path, regularfile.MaxSource)
	if err != nil {
		return err
	}
	if !bytes.Equal(current, c.Old) {
		return ErrChanged
	}
	guard := guardTemp()
	defer guard.done()
	tmp, err := guard.create(filepath.Dir(path), "."+filepath.Base(path)+".gracelint-fix-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once the rename has happened
	if err := fill(tmp, c.New, info); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename(tmp.Name())
	}
	return os.Rename(tmp.Name(), path)
}

// testHookBeforeRename, when set by a test, runs once the temporary file is
// complete: the moment a signal must not leave it behind.
var testHookBeforeRename func(tmp string)

// fill writes content to tmp and gives it the owner and mode bits of the file
// info describes. The owner comes first: chown clears setuid and setgid.
func fill(tmp *os.File, content []byte, info fs.FileInfo) error {
	if _, err := tmp.Write(content); err != nil {
		return err
	}
	if err := keepOwner(tmp, info); err != nil {
		return err
	}
	if err := tmp.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	return tmp.Sync()
}
