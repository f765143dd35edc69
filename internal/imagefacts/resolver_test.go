package imagefacts

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// fakeSource serves images from memory and counts the calls made to it.
type fakeSource struct {
	kind    string
	images  map[string]v1.Image // by ref.String()
	fail    error               // every call fails with it, when set
	digests int                 // digest calls
	reads   int                 // image calls
}

func (s *fakeSource) digest(_ context.Context, ref name.Reference, _ *v1.Platform) (string, error) {
	s.digests++
	if s.fail != nil {
		return "", s.fail
	}
	img, ok := s.images[ref.String()]
	if !ok {
		return "", errNotFound
	}
	if d, ok := ref.(name.Digest); ok {
		return d.DigestStr(), nil
	}
	h, err := img.Digest()
	return h.String(), err
}

func (s *fakeSource) image(_ context.Context, ref name.Reference, _ *v1.Platform) (v1.Image, func(), error) {
	s.reads++
	img, ok := s.images[ref.String()]
	if !ok {
		return nil, nil, errNotFound
	}
	return img, func() {}, nil
}

func (s *fakeSource) origin(ref name.Reference) Origin {
	if s.kind == FromRegistry {
		return Origin{Kind: FromRegistry, Where: ref.Context().RegistryStr()}
	}
	return Origin{Kind: FromEngine}
}

// newTestResolver is a resolver whose engine (nil: none answers) and registry
// are fakes.
func newTestResolver(t *testing.T, mode Mode, cacheDir string, eng, reg *fakeSource) *Resolver {
	t.Helper()
	r, err := New(mode, "", cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	r.connect = func(context.Context) (source, error) {
		if eng == nil {
			return nil, errors.New("no engine")
		}
		return eng, nil
	}
	if reg != nil {
		r.registry = reg
	}
	return r
}

func dashImage(t *testing.T) v1.Image {
	return image(t, v1.Config{Entrypoint: []string{"/entrypoint.sh"}, StopSignal: "SIGQUIT"},
		debianRoot(t), layer(t, regular("entrypoint.sh", "#!/bin/sh\n\"$@\"\n")))
}

// TestResolverCachesByDigest: a second run asks the engine only for the
// digest, and reads nothing of an image it has seen.
func TestResolverCachesByDigest(t *testing.T) {
	cache := t.TempDir()
	eng := &fakeSource{kind: FromEngine, images: map[string]v1.Image{"acme.example/base:3": dashImage(t)}}
	var first *Facts
	for run := range 2 {
		r := newTestResolver(t, Local, cache, eng, nil)
		f, err := r.Resolve("acme.example/base:3", "", false)
		if err != nil || f == nil {
			t.Fatalf("run %d: Resolve = %v, %v", run, f, err)
		}
		if f.Sh != ShDash || f.StopSignal != "SIGQUIT" || f.Origin.Kind != FromEngine || !strings.HasPrefix(f.Source(), "read from the image in the local engine (sha256:") {
			t.Errorf("run %d: facts %+v, source %q", run, f, f.Source())
		}
		if first == nil {
			first = f
		} else if f.Digest != first.Digest || string(f.Scripts["/entrypoint.sh"].Content) != string(first.Scripts["/entrypoint.sh"].Content) {
			t.Errorf("cached facts %+v differ from read ones %+v", f, first)
		}
		// The same image for a second Dockerfile of the run is not asked for again.
		if _, err := r.Resolve("acme.example/base:3", "", false); err != nil {
			t.Fatal(err)
		}
	}
	if eng.digests != 2 || eng.reads != 1 {
		t.Errorf("engine asked for %d digests and %d images over two runs, want 2 and 1", eng.digests, eng.reads)
	}
}

// TestResolverPinnedDigestNeedsNoCall: a digest-pinned image read from a
// registry once is not asked for again.
func TestResolverPinnedDigestNeedsNoCall(t *testing.T) {
	img := dashImage(t)
	h, _ := img.Digest()
	ref := "registry.acme.example/base@" + h.String()
	reg := &fakeSource{kind: FromRegistry, images: map[string]v1.Image{ref: img}}
	cache := t.TempDir()
	for run := range 2 {
		f, err := newTestResolver(t, Registry, cache, nil, reg).Resolve(ref, "", true)
		if err != nil || f == nil || f.Source() != "read from registry.acme.example" {
			t.Fatalf("run %d: Resolve = %+v, %v", run, f, err)
		}
	}
	if reg.digests+reg.reads != 2 {
		t.Errorf("registry called %d times over two runs, want 2 (digest and image, once)", reg.digests+reg.reads)
	}
}

// TestResolverCorruptEntry: an entry that does not decode is ignored, the
// image read again, and the entry rewritten.
func TestResolverCorruptEntry(t *testing.T) {
	cache := t.TempDir()
	eng := &fakeSource{kind: FromEngine, images: map[string]v1.Image{"acme.example/base:3": dashImage(t)}}
	if f, _ := newTestResolver(t, Local, cache, eng, nil).Resolve("acme.example/base:3", "", false); f == nil {
		t.Fatal("not resolved")
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*.json"))
	if len(entries) != 1 {
		t.Fatalf("cache holds %v, want one entry", entries)
	}
	for _, bad := range []string{`{"Format":"gracelint imagefacts 1"`, `{"Format":"gracelint imagefacts 1","Key":"x","Facts":{}}`, "\x00garbage"} {
		os.WriteFile(entries[0], []byte(bad), 0o666)
		reads := eng.reads
		f, _ := newTestResolver(t, Local, cache, eng, nil).Resolve("acme.example/base:3", "", false)
		if f == nil || f.Sh != ShDash || eng.reads != reads+1 {
			t.Errorf("with entry %q: facts %+v after %d reads, want dash read again", bad, f, eng.reads-reads)
		}
		data, _ := os.ReadFile(entries[0])
		if !strings.Contains(string(data), `"Sh":"dash"`) {
			t.Errorf("entry not rewritten: %q", data)
		}
	}
}

// TestResolverModes: Local reads only what the table is not sure of, Off
// reads nothing, and no engine is silent.
func TestResolverModes(t *testing.T) {
	eng := &fakeSource{kind: FromEngine, images: map[string]v1.Image{"acme.example/base:3": dashImage(t)}}
	connects := 0
	r := newTestResolver(t, Local, "", eng, nil)
	connect := r.connect
	r.connect = func(ctx context.Context) (source, error) { connects++; return connect(ctx) }
	if f, _ := r.Resolve("acme.example/base:3", "", true); f != nil || connects != 0 {
		t.Errorf("Local read an image the table is sure of (%d connects)", connects)
	}
	if f, _ := r.Resolve("acme.example/base:3", "", false); f == nil || connects != 1 {
		t.Errorf("Local did not read an image the table is not sure of (%d connects)", connects)
	}
	if f, _ := newTestResolver(t, Off, "", eng, nil).Resolve("acme.example/base:3", "", false); f != nil {
		t.Error("Off read an image")
	}
	none := newTestResolver(t, Local, "", nil, nil)
	if f, err := none.Resolve("acme.example/base:3", "", false); f != nil || err != nil || len(none.Notices()) != 0 {
		t.Errorf("without an engine: %v, %v, notices %q", f, err, none.Notices())
	}
	if _, err := none.Resolve("Acme/Base:3", "", false); err == nil {
		t.Error("an upper-case repository parsed")
	}
	if _, err := none.Resolve("debian:12", "linux/", false); err == nil {
		t.Error("a bad FROM --platform parsed")
	}
}

// TestResolverNoticeOncePerImage: an unreachable registry leaves the table's
// answer, with one notice for the image however many files use it.
func TestResolverNoticeOncePerImage(t *testing.T) {
	reg := &fakeSource{kind: FromRegistry, fail: errors.New("dial tcp: connection refused")}
	r := newTestResolver(t, Registry, "", nil, reg)
	for range 3 {
		if f, err := r.Resolve("registry.acme.example/base:3", "", true); f != nil || err != nil {
			t.Fatalf("Resolve = %v, %v, want nothing", f, err)
		}
	}
	r.Resolve("registry.acme.example/other:1", "", true)
	n := r.Notices()
	if len(n) != 2 || !strings.Contains(n[0], "registry.acme.example/base:3") || !strings.Contains(n[0], "connection refused") {
		t.Errorf("notices = %q, want one per image", n)
	}
}

func TestCachePrunesOnlyItsOwnEntries(t *testing.T) {
	dir := t.TempDir()
	foreign := []string{"notes.txt", strings.Repeat("a", 64) + ".txt"}
	for _, n := range foreign {
		os.WriteFile(filepath.Join(dir, n), []byte("keep"), 0o666)
	}
	c := OpenCache(dir)
	c.max = 2
	f := &Facts{Digest: "sha256:00", Origin: Origin{Kind: FromEngine}, Sh: ShDash}
	for _, k := range []string{"a", "b", "c", "d"} {
		c.Put(k, f)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(entries) != 2 {
		t.Errorf("cache kept %d entries, want 2", len(entries))
	}
	for _, n := range append(foreign, markerName) {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	// Without the marker, nothing is pruned: the directory may not be the cache's.
	os.Remove(filepath.Join(dir, markerName))
	c.prune()
	if after, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(after) != 2 {
		t.Errorf("unmarked: %d entries", len(after))
	}
	os.WriteFile(filepath.Join(dir, markerName), []byte(markerText), 0o666)
	c.max = 1
	c.prune()
	if after, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(after) != 1 {
		t.Errorf("marked: %d entries, want 1", len(after))
	}
}

func FuzzDecodeEntry(f *testing.F) {
	f.Add([]byte(`{"Format":"gracelint imagefacts 1","Key":"k","Facts":{"Digest":"sha256:00","Origin":{"Kind":"engine"},"Sh":"bash","BashVersion":"5.2.15","Scripts":{"e.sh":{"Path":"/e.sh","Content":"ZXhlYyAiJEAiCg=="}}}}`))
	f.Add([]byte(`{"Format":"gracelint imagefacts 1","Key":"k","Facts":{"Digest":"sha256:00","Origin":{"Kind":"engine"},"Sh":"none","ShPath":"/x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		facts, ok := decodeEntry(data, "k")
		if ok && !facts.valid() {
			t.Errorf("accepted an invalid entry: %+v", facts)
		}
	})
}
