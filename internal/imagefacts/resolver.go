package imagefacts

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// A Mode says where base images are read.
type Mode string

const (
	// Off reads nothing: gracelint's table only.
	Off Mode = "off"
	// Local reads the images the local Docker engine has, when one answers,
	// and only for a base the table is not sure of. It never pulls.
	Local Mode = "local"
	// Registry also reads every base image from its registry.
	Registry Mode = "registry"
)

// Modes are the modes in the order --help lists them.
var Modes = []Mode{Local, Registry, Off}

// ParseMode reads a -resolve or resolve: value.
func ParseMode(s string) (Mode, error) {
	for _, m := range Modes {
		if s == string(m) {
			return m, nil
		}
	}
	return "", fmt.Errorf("resolve: %q is not one of local, registry, off", s)
}

// DefaultPlatform is what a multi-platform image is read as when neither
// --platform nor FROM --platform says otherwise.
var DefaultPlatform = v1.Platform{OS: "linux", Architecture: "amd64"}

// readTimeout bounds the reading of one image's facts.
const readTimeout = 2 * time.Minute

// A Resolver reads base images' facts for many Dockerfiles at once, each image
// once a run, and from the cache when it read it in an earlier run.
type Resolver struct {
	mode     Mode
	platform *v1.Platform // --platform; nil when not given
	cache    *Cache

	connect    func(context.Context) (source, error) // reaches the local engine
	engineOnce sync.Once
	engine     source // nil when no engine answers
	registry   source

	memo    sync.Map // image key -> *resolution
	mu      sync.Mutex
	notices map[string]string // by image
}

type resolution struct {
	once  sync.Once
	facts *Facts
}

// New returns a resolver in mode with platform (os/arch[/variant], "" for
// none given) that caches in cacheDir ("" for no cache). Nothing is contacted
// until an image is asked for.
func New(mode Mode, platform, cacheDir string) (*Resolver, error) {
	r := &Resolver{mode: mode, cache: OpenCache(cacheDir), connect: connectEngine, registry: newRegistry()}
	if platform != "" {
		p, err := parsePlatform(platform)
		if err != nil {
			return nil, fmt.Errorf("platform %q: %w", platform, err)
		}
		r.platform = p
	}
	return r, nil
}

// A RefError is a base image reference or platform that does not parse.
type RefError struct {
	Ref string
	Err error
}

func (e *RefError) Error() string { return fmt.Sprintf("%q does not parse: %v", e.Ref, e.Err) }

// Resolve returns the facts of the image ref on platform (FROM --platform's
// value, "" for none), or nil when they are not to be read or cannot be: the
// caller then has its table's answer. tableSure says whether the table knows
// the image's /bin/sh; in Local mode only an image it does not is read. The
// error is a *RefError, for a reference docker build would reject as well.
func (r *Resolver) Resolve(ref, platform string, tableSure bool) (*Facts, error) {
	if r == nil || r.mode == Off || ref == "" || strings.EqualFold(ref, "scratch") {
		return nil, nil
	}
	parsed, err := name.ParseReference(ref)
	if err != nil {
		return nil, &RefError{Ref: ref, Err: err}
	}
	plat := r.platform
	if platform != "" && !strings.Contains(platform, "$") { // $BUILDPLATFORM is the build host's: not known here
		if plat, err = parsePlatform(platform); err != nil {
			return nil, &RefError{Ref: platform, Err: err}
		}
	}
	if r.mode == Local && tableSure {
		return nil, nil
	}
	key := parsed.String() + " " + platformString(plat)
	v, _ := r.memo.LoadOrStore(key, &resolution{})
	res := v.(*resolution)
	res.once.Do(func() { res.facts = r.resolve(parsed, plat) })
	return res.facts, nil
}

// parsePlatform reads os/arch[/variant], both os and arch required.
func parsePlatform(s string) (*v1.Platform, error) {
	p, err := v1.ParsePlatform(s)
	if err == nil && (p.OS == "" || p.Architecture == "") {
		err = errors.New("want os/arch[/variant], e.g. linux/arm64")
	}
	return p, err
}

func platformString(p *v1.Platform) string {
	if p == nil {
		return ""
	}
	return p.String()
}

// resolve reads ref from the engine, then, in Registry mode, from its
// registry. A digest-pinned reference seen before costs no call at all.
func (r *Resolver) resolve(ref name.Reference, plat *v1.Platform) *Facts {
	regPlat := plat
	if regPlat == nil {
		regPlat = &DefaultPlatform
	}
	if d, ok := ref.(name.Digest); ok && r.mode == Registry {
		if f, ok := r.cache.Get(cacheKey(r.registry.origin(ref), d.DigestStr(), regPlat.String())); ok {
			f.Ref = ref.String()
			return f
		}
	}
	if eng := r.localEngine(); eng != nil {
		f, err := r.read(eng, ref, plat)
		if err == nil {
			return f
		}
		if !errors.Is(err, errNotFound) {
			r.notice(ref, plat, "the local engine's copy cannot be read: %v", err)
		}
	}
	if r.mode != Registry {
		return nil
	}
	f, err := r.read(r.registry, ref, regPlat)
	if err != nil {
		r.notice(ref, plat, "it cannot be read from %s: %v", ref.Context().RegistryStr(), err)
		return nil
	}
	return f
}

// localEngine connects to the engine the first time it is needed.
func (r *Resolver) localEngine() source {
	r.engineOnce.Do(func() {
		if eng, err := r.connect(context.Background()); err == nil {
			r.engine = eng
		}
	})
	return r.engine
}

// read asks src for ref's digest and reads the facts, from the cache when they
// are there.
func (r *Resolver) read(src source, ref name.Reference, plat *v1.Platform) (*Facts, error) {
	ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	digest, err := src.digest(ctx, ref, plat)
	if err != nil {
		return nil, err
	}
	key := cacheKey(src.origin(ref), digest, platformString(plat))
	if f, ok := r.cache.Get(key); ok {
		f.Ref = ref.String()
		return f, nil
	}
	img, done, err := src.image(ctx, ref, plat)
	if err != nil {
		return nil, err
	}
	defer done()
	f, err := Read(img)
	if err != nil {
		return nil, err
	}
	f.Digest, f.Origin = digest, src.origin(ref)
	r.cache.Put(key, f)
	f.Ref = ref.String()
	return f, nil
}

// maxNotice bounds an error quoted in a notice: a registry's answer may be a
// whole HTML page.
const maxNotice = 300

func (r *Resolver) notice(ref name.Reference, plat *v1.Platform, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if len(msg) > maxNotice {
		msg = msg[:maxNotice] + " ..."
	}
	image := ref.String()
	if plat != nil {
		image += " (" + plat.String() + ")"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.notices == nil {
		r.notices = map[string]string{}
	}
	if _, ok := r.notices[image]; !ok {
		r.notices[image] = fmt.Sprintf("base image %s was judged by gracelint's table: %s", image, msg)
	}
}

// Notices are what the run could not read, one line an image, sorted.
func (r *Resolver) Notices() []string {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, n := range r.notices {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
