package golint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/finding"
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
type cache struct {
	dir  string
	salt []byte
	env  *env
	sums map[*node][]byte // hash of a package and its dependencies; nil if unreadable
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
	if err := hashFile(h, exe); err != nil {
		return nil
	}
	fmt.Fprintf(h, "gracelint cache 4 %s/%s\n", e.GoOS, e.GoArch)
	for _, a := range cfg.Analyzers {
		fmt.Fprintln(h, a.Name)
	}
	return &cache{dir: cfg.CacheDir, salt: h.Sum(nil), env: e, sums: map[*node][]byte{}}
}

func hashFile(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
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
	return hashFile(w, name)
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

// cachedResult is a result on disk.
type cachedResult struct {
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

// get returns the cached result of n, if any. A nil cache holds nothing.
func (c *cache) get(n *node, rules rule.Set) (*result, bool) {
	if c == nil {
		return nil, false
	}
	p := c.path(n)
	if p == "" {
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	var entry cachedResult
	if err := json.Unmarshal(data, &entry); err != nil {
		return nil, false
	}
	c.markUsed(p)
	fs := make([]finding.Finding, 0, len(entry.Findings))
	for _, cf := range entry.Findings {
		r := rules.Lookup(cf.Rule)
		if r == nil {
			return nil, false
		}
		f := finding.New(r, cf.File, cf.Line, cf.Column, cf.EndLine, cf.EndCol, cf.Message)
		f.Fixes = cf.Fixes
		fs = append(fs, f)
	}
	return &result{findings: fs, program: entry.Program}, true
}

// put stores the result of n. The cache is an optimisation: failing to write
// it costs the next run time, nothing else, so errors are dropped.
func (c *cache) put(n *node, r *result) {
	if c == nil {
		return
	}
	p := c.path(n)
	if p == "" {
		return
	}
	entry := cachedResult{Findings: make([]cachedFinding, 0, len(r.findings)), Program: r.program}
	for _, f := range r.findings {
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
	tmp, err := os.CreateTemp(filepath.Dir(p), "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
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
// trimInterval. Like put, it drops errors: the next run tries again.
func (c *cache) trim() {
	if c == nil {
		return
	}
	stamp := filepath.Join(c.dir, "trimmed")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimInterval {
		return
	}
	if err := os.MkdirAll(c.dir, 0o777); err != nil || os.WriteFile(stamp, nil, 0o666) != nil {
		return
	}
	subdirs, _ := filepath.Glob(filepath.Join(c.dir, "[0-9a-f][0-9a-f]"))
	for _, sub := range subdirs {
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > trimAge {
				os.Remove(filepath.Join(sub, e.Name()))
			}
		}
	}
}
