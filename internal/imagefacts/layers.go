package imagefacts

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// MaxScript bounds what is kept of an entrypoint script; entrypoint scripts are
// small, and a larger file is data or a program.
const MaxScript = 1 << 20

// maxProbe bounds how much of a shell binary is searched for its version.
const maxProbe = 16 << 20

// maxLinks bounds how many symbolic links one lookup follows, as Linux's
// MAXSYMLINKS does.
const maxLinks = 40

// An entry is one file of a layer, as its tar header says.
type entry struct {
	typ      byte
	linkname string // symbolic link target, or the hard link's path from the root
	layer    int
	probe    *probe // what the content holds, for files whose name made it worth a look
}

// A probe is what was found in a file's content.
type probe struct {
	elf         bool
	bashVersion string // from "@(#)Bash version X.Y.Z"
	busybox     bool   // "BusyBox v"
	script      []byte // the content, if it is small and not a program
}

// An index is what one layer holds: its files by path ("bin/sh", no leading
// slash), what it deletes (whiteouts) and which directories it makes opaque.
type index struct {
	entries  map[string]*entry
	whiteout map[string]bool
	opaque   map[string]bool
}

// A rootfs is the union of an image's layers, read lazily from the top layer
// down: a lookup reads only the layers above the one that answers it.
type rootfs struct {
	layers   []v1.Layer // top first
	indexes  []*index   // nil until read
	interest func(p string) bool
	read     int // layers read so far, for tests and benchmarks
}

func newRootfs(img v1.Image, interest func(string) bool) (*rootfs, error) {
	ls, err := img.Layers()
	if err != nil {
		return nil, err
	}
	top := make([]v1.Layer, len(ls))
	for i, l := range ls {
		top[len(ls)-1-i] = l
	}
	return &rootfs{layers: top, indexes: make([]*index, len(ls)), interest: interest}, nil
}

// clean makes an archive or image path relative to the root: "./bin/sh",
// "/bin/sh" and "bin/sh/" all become "bin/sh".
func clean(p string) string {
	p = path.Clean("/" + p)
	return strings.TrimPrefix(p, "/")
}

// layer reads layer i's index, once.
func (fs *rootfs) layer(i int) (*index, error) {
	if fs.indexes[i] != nil {
		return fs.indexes[i], nil
	}
	rc, err := fs.layers[i].Uncompressed()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	idx := &index{entries: map[string]*entry{}, whiteout: map[string]bool{}, opaque: map[string]bool{}}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("layer %d: %w", len(fs.layers)-i, err)
		}
		p := clean(h.Name)
		dir, base := path.Split(p)
		switch {
		case base == ".wh..wh..opq":
			idx.opaque[clean(dir)] = true
			continue
		case strings.HasPrefix(base, ".wh."):
			idx.whiteout[clean(dir+strings.TrimPrefix(base, ".wh."))] = true
			continue
		}
		e := &entry{typ: h.Typeflag, linkname: h.Linkname, layer: i}
		if h.Typeflag == tar.TypeLink {
			e.linkname = clean(h.Linkname)
		}
		if h.Typeflag == tar.TypeReg && fs.interest(p) {
			if e.probe, err = probeContent(tr); err != nil {
				return nil, fmt.Errorf("layer %d: %s: %w", len(fs.layers)-i, p, err)
			}
		}
		idx.entries[p] = e
		// A layer need not list the directories it writes into: that it has
		// a file in them says they are directories.
		for d := clean(path.Dir(p)); d != ""; d = clean(path.Dir(d)) {
			if _, ok := idx.entries[d]; ok {
				break
			}
			idx.entries[d] = &entry{typ: tar.TypeDir, layer: i}
		}
	}
	fs.indexes[i] = idx
	fs.read++
	return idx, nil
}

// lookup finds the file at p (cleaned, its directories already free of links)
// in the topmost layer that has it or deletes it.
func (fs *rootfs) lookup(p string) (*entry, error) {
	for i := range fs.layers {
		idx, err := fs.layer(i)
		if err != nil {
			return nil, err
		}
		if e, ok := idx.entries[p]; ok {
			return e, nil
		}
		for q := p; ; q = clean(path.Dir(q)) {
			if idx.whiteout[q] || q != p && idx.opaque[q] {
				return nil, nil // deleted, or hidden by an opaque directory above the layers below
			}
			if q == "" {
				break
			}
		}
	}
	return nil, nil
}

// errLoop is the error of a path whose links do not end.
var errLoop = errors.New("too many levels of symbolic links")

// resolve follows p through symbolic and hard links, in every directory of it
// as the kernel does, and returns the path of the file it ends at and its
// entry; a nil entry means there is no such file.
func (fs *rootfs) resolve(p string) (string, *entry, error) {
	rest := strings.Split(clean(p), "/")
	cur := ""
	for hops := 0; len(rest) > 0; {
		comp := rest[0]
		rest = rest[1:]
		if comp == "" {
			continue
		}
		next := clean(cur + "/" + comp)
		e, err := fs.lookup(next)
		if err != nil || e == nil {
			return next, nil, err
		}
		switch e.typ {
		case tar.TypeSymlink:
			if hops++; hops > maxLinks {
				return next, nil, errLoop
			}
			target := e.linkname
			if !path.IsAbs(target) {
				target = cur + "/" + target
			}
			rest = append(strings.Split(clean(target), "/"), rest...)
			cur = ""
			continue
		case tar.TypeLink:
			if len(rest) == 0 {
				// A hard link shares its content with the file it names.
				if t, err := fs.lookup(e.linkname); err != nil || t != nil {
					return e.linkname, t, err
				}
			}
		}
		cur = next
		if len(rest) == 0 {
			return cur, e, nil
		}
	}
	return cur, nil, nil
}

// markers that name a shell in its binary: bash's version.c keeps its version
// in an SCCS string, BusyBox has its banner. dash has no such string: it is
// known by its name only.
var (
	bashMarker    = []byte("@(#)Bash version ")
	busyboxMarker = []byte("BusyBox v")
	elfMagic      = []byte("\x7fELF")
)

// probeContent reads a file's content: a script is kept, a program is searched
// for the markers that name a shell.
func probeContent(r io.Reader) (*probe, error) {
	const chunk = 64 << 10
	keep := len(bashMarker) + 32 // the marker and the version after it, across chunk boundaries
	pr := &probe{}
	var window, script []byte
	buf := make([]byte, chunk)
	total := 0
	for total < maxProbe {
		n, err := r.Read(buf)
		if n > 0 {
			if total == 0 && bytes.HasPrefix(buf[:n], elfMagic) {
				pr.elf = true
			}
			total += n
			if !pr.elf && len(script) <= MaxScript {
				script = append(script, buf[:n]...)
			}
			window = append(window, buf[:n]...)
			pr.scan(window)
			if len(window) > keep {
				window = append(window[:0], window[len(window)-keep:]...)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if !pr.elf && len(script) <= MaxScript {
		pr.script = script
	}
	return pr, nil
}

// scan looks for the shell markers in b.
func (pr *probe) scan(b []byte) {
	if pr.bashVersion == "" {
		if i := bytes.Index(b, bashMarker); i >= 0 {
			v := b[i+len(bashMarker):]
			end := bytes.IndexFunc(v, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
			if end > 0 {
				pr.bashVersion = string(v[:end])
			}
		}
	}
	if !pr.busybox && bytes.Contains(b, busyboxMarker) {
		pr.busybox = true
	}
}
