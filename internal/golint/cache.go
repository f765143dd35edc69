package golint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

// CacheDir is where results are kept between runs: $GRACELINT_CACHE if set and
// not empty ("off" disables the cache), else gracelint under the user cache
// directory. It returns "" when there is to be no cache.
func CacheDir() string {
	dir := os.Getenv("GRACELINT_CACHE")
	if dir == "off" {
		return ""
	}
	if dir != "" {
		return dir
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "gracelint")
}

// A cache holds the results of root packages: the findings of analysed ones, the
// first error, if any, of those that are only type-checked. An entry's key hashes the
// gracelint executable, the analyzers, and the source and Go language version of
// the package and of every package it imports, directly or not: a change anywhere below a package
// invalidates it. Entries are written to a temporary file and renamed into place,
// so concurrent runs never read a partial entry; two runs that write the same key
// write the same bytes.
//
// The directory is data, not trust. gracelint marks a directory it creates (or
// finds empty) with a CACHEDIR.TAG of its own, and uses no directory without
// it: GRACELINT_CACHE pointing at a repository's .git/objects must neither get
// entries nor lose files. Trimming deletes only files named as entries are.
// An entry is read as a regular file of bounded size (a FIFO or a link to a
// device is a miss, not a hang), and used only if it is complete, names its
// own key, and its findings and fixes name the package's own files, with the
// content sums they were computed on; anything else is a miss, and rewritten.
type cache struct {
	dir      string
	salt     []byte
	env      *env
	sums     map[*node][]byte  // hash of a package and its dependencies; nil if unreadable
	fileSums map[string]string // finding.ContentSum of each source file hashed
}

// openCache returns the cache in cfg.CacheDir, or nil, which holds nothing, when
// there is to be none or the executable cannot be read to key it.
func openCache(cfg *Config, e *env) *cache {
	if cfg.CacheDir == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	h := sha256.New()
	if _, err := hashFile(h, exe); err != nil {
		return nil
	}
	fmt.Fprintf(h, "gracelint cache 4 %s/%s\n", e.GoOS, e.GoArch)
	for _, a := range cfg.Analyzers {
		fmt.Fprintln(h, a.Name)
	}
	if !claim(cfg.CacheDir) {
		return nil
	}
	return &cache{dir: cfg.CacheDir, salt: h.Sum(nil), env: e, sums: map[*node][]byte{}, fileSums: map[string]string{}}
}

// tagName and tag mark a directory as gracelint's cache: the Cache Directory
// Tagging Specification's file (backup tools skip the directory), with a line
// that says which program owns it.
const (
	tagName = "CACHEDIR.TAG"
	tag     = "Signature: 8a477f597d28d172789f06886806bc55\n" +
		"# This file is a cache directory tag created by gracelint.\n" +
		"# gracelint deletes only the entries it wrote here.\n"
)

// claim reports whether dir is gracelint's cache: tagged, or created (or found
// empty) now and tagged. A directory holding anything else is not used.
func claim(dir string) bool {
	if tagged(dir) {
		return true
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return false
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
		return tagged(dir) // a run started at the same time may just have tagged it
	}
	return writeFile(filepath.Join(dir, tagName), []byte(tag))
}

func tagged(dir string) bool {
	data, err := regularfile.Read(filepath.Join(dir, tagName), int64(len(tag)))
	return err == nil && string(data) == tag
}

// writeFile writes a file of the cache whole or not at all: a temporary file
// renamed into place, so that concurrent runs never read part of one.
func writeFile(path string, data []byte) bool {
	tmp, err := os.CreateTemp(filepath.Dir(path), "tmp-*")
	if err != nil {
		return false
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
		return false
	}
	return true
}

// hashFile writes the content of the regular file name to w, and returns its
// finding.ContentSum.
func hashFile(w io.Writer, name string) (string, error) {
	f, err := regularfile.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(io.MultiWriter(w, sum), f); err != nil {
		return "", err
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}

// sum hashes n and its dependencies, once per node; nil means a file could
// not be read.
func (c *cache) sum(n *node) []byte {
	s, ok := c.sums[n]
	if !ok {
		s = c.hash(n)
		c.sums[n] = s
	}
	return s
}

func (c *cache) hash(n *node) []byte {
	h := sha256.New()
	h.Write(c.salt)
	// Whether a dependency is analysed decides which facts reach n.
	fmt.Fprintf(h, "package %q analysed=%t\n", n.meta.ID, n.analysed)
	if m := n.meta.Module; m != nil {
		// go.mod's go line is the language version n is type-checked at.
		fmt.Fprintf(h, "go %q\n", m.GoVersion)
	}
	for _, name := range n.meta.GoFiles {
		fmt.Fprintf(h, "file %q\n", name)
		if err := c.hashSource(h, name); err != nil {
			return nil
		}
	}
	for _, imp := range n.imports {
		s := c.sum(imp)
		if s == nil {
			return nil
		}
		h.Write(s)
	}
	return h.Sum(nil)
}

// hashSource hashes a file's content, or only its size and time for files under
// GOROOT and GOMODCACHE, which the go command itself treats as immutable.
func (c *cache) hashSource(w io.Writer, name string) error {
	if within(name, c.env.GoRoot) || within(name, c.env.GoModCache) {
		fi, err := os.Stat(name)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%d %d\n", fi.Size(), fi.ModTime().UnixNano())
		return err
	}
	sum, err := hashFile(w, name)
	c.fileSums[name] = sum
	return err
}

func within(name, dir string) bool {
	return dir != "" && strings.HasPrefix(name, dir+string(filepath.Separator))
}

func (c *cache) path(n *node) string {
	s := c.sum(n)
	if s == nil {
		return ""
	}
	key := hex.EncodeToString(s)
	return filepath.Join(c.dir, key[:2], key)
}

// cachedResult is a result on disk. Key is the entry's own key, which the
// file name repeats: an entry copied or written elsewhere is not valid.
type cachedResult struct {
	Key      string
	Findings []cachedFinding
	Program  *program.Program `json:",omitempty"`
}

// cachedFinding is a finding on disk; its rule is named by ID.
type cachedFinding struct {
	Rule                          string
	File                          string
	Line, Column, EndLine, EndCol int
	Message                       string
	Fixes                         []finding.Fix `json:",omitempty"`
}

// maxEntry bounds the entry gracelint reads: the findings of one package.
const maxEntry = 16 << 20

// get returns the cached result of n, if any. A nil cache holds nothing.
func (c *cache) get(n *node, rules rule.Set) (*result, bool) {
	if c == nil {
		return nil, false
	}
	p := c.path(n)
	if p == "" {
		return nil, false
	}
	data, err := regularfile.Read(p, maxEntry)
	if err != nil {
		return nil, false
	}
	var entry cachedResult
	if err := json.Unmarshal(data, &entry); err != nil || entry.Key != filepath.Base(p) || entry.Findings == nil {
		return nil, false
	}
	fs := make([]finding.Finding, 0, len(entry.Findings))
	for _, cf := range entry.Findings {
		r := rules.Lookup(cf.Rule)
		if r == nil || !slices.Contains(n.meta.GoFiles, cf.File) || !c.fixesHold(n, cf.Fixes) {
			return nil, false
		}
		f := finding.New(r, cf.File, cf.Line, cf.Column, cf.EndLine, cf.EndCol, cf.Message)
		f.Fixes = cf.Fixes
		fs = append(fs, f)
	}
	c.markUsed(p)
	return &result{findings: fs, program: entry.Program}, true
}

// fixesHold reports whether every edit of fixes changes a file of n, in
// bounds, computed on the content that n's key hashed: a fix from the cache can
// change nothing else.
func (c *cache) fixesHold(n *node, fixes []finding.Fix) bool {
	for _, fix := range fixes {
		for _, e := range fix.Edits {
			if !slices.Contains(n.meta.GoFiles, e.File) || e.Sum != c.fileSums[e.File] || e.Start < 0 || e.Start > e.End {
				return false
			}
		}
	}
	return true
}

// put stores the result of n. The cache is an optimisation: failing to write
// it costs the next run time, nothing else, so errors are dropped. A result
// whose fixes were computed on content other than the key's (a file changed
// between hashing and parsing) is not stored.
func (c *cache) put(n *node, r *result) {
	if c == nil {
		return
	}
	p := c.path(n)
	if p == "" {
		return
	}
	entry := cachedResult{Key: filepath.Base(p), Findings: make([]cachedFinding, 0, len(r.findings)), Program: r.program}
	for _, f := range r.findings {
		if !c.fixesHold(n, f.Fixes) {
			return
		}
		entry.Findings = append(entry.Findings, cachedFinding{Rule: f.Rule.ID, File: f.File, Line: f.Line, Column: f.Column,
			EndLine: f.EndLine, EndCol: f.EndCol, Message: f.Message, Fixes: f.Fixes})
	}
	data, err := json.Marshal(entry)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		return
	}
	writeFile(p, data)
}

// Entries unused for trimAge are deleted, at most once per trimInterval; a hit
// refreshes an entry's time when it is older than usedGranularity, so reads do
// not write on every run. The go command's build cache works the same way.
const (
	trimAge         = 5 * 24 * time.Hour
	trimInterval    = 24 * time.Hour
	usedGranularity = time.Hour
)

func (c *cache) markUsed(p string) {
	if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > usedGranularity {
		now := time.Now()
		os.Chtimes(p, now, now)
	}
}

// trim deletes the entries unused for trimAge, if the last trim is older than
// trimInterval. Like put, it drops errors: the next run tries again. It deletes
// only regular files named as entries are (a 64-digit hex key, in the
// directory named by its first two digits) and temporary files that a run
// ended before renaming: nothing else that may sit in the directory.
func (c *cache) trim() {
	if c == nil {
		return
	}
	stamp := filepath.Join(c.dir, "trimmed")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimInterval {
		return
	}
	if os.WriteFile(stamp, nil, 0o666) != nil {
		return
	}
	subdirs, _ := filepath.Glob(filepath.Join(c.dir, "[0-9a-f][0-9a-f]"))
	for _, sub := range subdirs {
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			name := e.Name()
			ours := isKey(name) && name[:2] == filepath.Base(sub) || strings.HasPrefix(name, "tmp-")
			if fi, err := e.Info(); err == nil && ours && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > trimAge {
				os.Remove(filepath.Join(sub, name))
			}
		}
	}
}

// isKey reports whether name is an entry's key: a SHA-256 in lower-case hex.
func isKey(name string) bool {
	if len(name) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil && strings.ToLower(name) == name
}
