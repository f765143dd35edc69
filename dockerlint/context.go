package dockerlint

import (
	"path/filepath"

	"github.com/containerd/continuity/fs"
)

// inContext is the host path of rel, a path of the build context as a COPY
// source names it, resolved the way docker build resolves it: ".." stops at
// the context's root, and symbolic links are followed as if the context were
// the root of the file system. That is continuity's fs.RootPath, which
// BuildKit's COPY calls (tonistiigi/fsutil/copy): nothing outside the context
// can be reached, so nothing outside it is read or quoted.
func (p *pass) inContext(rel string) (string, bool) {
	host, err := fs.RootPath(p.context, filepath.FromSlash(rel))
	return host, err == nil
}

// contextRel is host, a path below the context, relative to it; for the
// matches of a glob, whose own links inContext must then resolve.
func (p *pass) contextRel(host string) (string, bool) {
	rel, err := filepath.Rel(p.context, host)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
