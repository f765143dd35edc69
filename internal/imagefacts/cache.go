package imagefacts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gracelint/gracelint/internal/regularfile"
)

// A Cache keeps facts by image digest, one small JSON file an image, in a
// directory of its own that it marks as its: it creates, reads and deletes
// only the files named like its entries, so a directory shared by mistake
// loses nothing else. Entries are checked when read: one that does not decode,
// is for another key or holds what Read never writes is ignored (and
// overwritten by the next Put).
type Cache struct {
	dir string
	max int // entries kept; the least recently used go first
}

// cacheFormat names the entry format; an entry of another format is ignored.
const cacheFormat = "gracelint imagefacts 1"

// maxEntries bounds the cache: a few hundred base images is more than a
// repository or a developer uses.
const maxEntries = 256

// maxEntry bounds what is read of an entry: its scripts, base64-encoded, and
// the config.
const maxEntry = 2*maxScripts*MaxScript + 1<<20

// markerName marks a directory as this cache's; it is pruned only when marked.
const markerName = "GRACELINT-IMAGEFACTS-CACHE"

const markerText = "This directory holds gracelint's cache of base-image facts; it may be deleted at any time.\n"

// entryName matches the files the cache writes: the hex SHA-256 of the key.
var entryName = regexp.MustCompile(`^[0-9a-f]{64}\.json$`)

// usedGranularity: a hit refreshes an entry's time only when it is older, so
// reads do not write on every run.
const usedGranularity = time.Hour

// OpenCache returns the cache in dir; "" means no cache, and so does a nil
// *Cache, which holds nothing.
func OpenCache(dir string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir, max: maxEntries}
}

// cacheKey names the facts of the image digest names at where (the engine, or
// a registry host), for platform.
func cacheKey(o Origin, digest, platform string) string {
	return fmt.Sprintf("%s %s %s %s", o.Kind, o.Where, digest, platform)
}

func (c *Cache) path(key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:])+".json")
}

type cacheEntry struct {
	Format string
	Key    string
	Facts  *Facts
}

// Get returns the facts stored under key, if a valid entry holds them.
func (c *Cache) Get(key string) (*Facts, bool) {
	if c == nil {
		return nil, false
	}
	p := c.path(key)
	data, err := regularfile.Read(p, maxEntry)
	if err != nil {
		return nil, false
	}
	f, ok := decodeEntry(data, key)
	if ok {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > usedGranularity {
			now := time.Now()
			os.Chtimes(p, now, now)
		}
	}
	return f, ok
}

// decodeEntry decodes an entry and checks that it is one Put wrote for key.
func decodeEntry(data []byte, key string) (*Facts, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var e cacheEntry
	if err := dec.Decode(&e); err != nil || dec.More() {
		return nil, false
	}
	if e.Format != cacheFormat || e.Key != key || e.Facts == nil || !e.Facts.valid() {
		return nil, false
	}
	return e.Facts, true
}

// valid checks what Read and the resolver always write.
func (f *Facts) valid() bool {
	if !strings.HasPrefix(f.Digest, "sha256:") || !f.Sh.valid() || len(f.Scripts) > maxScripts {
		return false
	}
	if f.Origin.Kind != FromEngine && f.Origin.Kind != FromRegistry {
		return false
	}
	if f.Sh != ShBash && f.BashVersion != "" || f.Sh == ShNone && f.ShPath != "" {
		return false
	}
	for _, s := range f.Scripts {
		if len(s.Content) > MaxScript || !strings.HasPrefix(s.Path, "/") {
			return false
		}
	}
	return true
}

// Put stores f under key. The cache is an optimisation: a failure to write
// costs the next run time, nothing else, so errors are dropped.
func (c *Cache) Put(key string, f *Facts) {
	if c == nil {
		return
	}
	data, err := json.Marshal(cacheEntry{Format: cacheFormat, Key: key, Facts: f})
	if err != nil || len(data) > maxEntry {
		return
	}
	if err := os.MkdirAll(c.dir, 0o777); err != nil {
		return
	}
	marker := filepath.Join(c.dir, markerName)
	if _, err := os.Lstat(marker); os.IsNotExist(err) {
		os.WriteFile(marker, []byte(markerText), 0o666)
	}
	tmp, err := os.CreateTemp(c.dir, "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path(key)) != nil {
		os.Remove(tmp.Name())
		return
	}
	c.prune()
}

// prune deletes the least recently used entries beyond the bound, in a
// directory marked as the cache's.
func (c *Cache) prune() {
	if fi, err := os.Lstat(filepath.Join(c.dir, markerName)); err != nil || !fi.Mode().IsRegular() {
		return
	}
	des, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type aged struct {
		name string
		mod  time.Time
	}
	var entries []aged
	for _, de := range des {
		if !entryName.MatchString(de.Name()) || !de.Type().IsRegular() {
			continue
		}
		if fi, err := de.Info(); err == nil {
			entries = append(entries, aged{de.Name(), fi.ModTime()})
		}
	}
	if len(entries) <= c.max {
		return
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].mod.After(entries[j].mod) })
	for _, e := range entries[c.max:] {
		os.Remove(filepath.Join(c.dir, e.name))
	}
}
