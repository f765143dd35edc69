package imagefacts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/moby/moby/client"

	"github.com/gracelint/gracelint/internal/regularfile"
)

// A source is where images are read: the local engine or a registry.
type source interface {
	// digest names the image ref has on platform (nil: the source's own
	// choice); errNotFound when the source does not have it.
	digest(ctx context.Context, ref name.Reference, platform *v1.Platform) (string, error)
	// image opens the image ref names; done releases what it holds.
	image(ctx context.Context, ref name.Reference, platform *v1.Platform) (img v1.Image, done func(), err error)
	origin(ref name.Reference) Origin
}

var errNotFound = errors.New("no such image")

// engineTimeout bounds the wait for a local engine that does not answer (a
// DOCKER_HOST that is down): a missing socket fails at once.
const engineTimeout = 2 * time.Second

// maxSave bounds the size of an image saved from the engine to be read.
const maxSave = 8 << 30

// engine reads the images the local Docker engine has, through the moby client
// that internal/engine uses. It never pulls.
type engine struct{ c *client.Client }

// connectEngine reaches the engine DOCKER_HOST names, or the local socket.
func connectEngine(ctx context.Context) (source, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, engineTimeout)
	defer cancel()
	if _, err := c.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		c.Close()
		return nil, err
	}
	return &engine{c: c}, nil
}

// digest is the image ID, which names the config: one inspect call, which
// also tells whether a tag moved since the facts were cached.
func (e *engine) digest(ctx context.Context, ref name.Reference, platform *v1.Platform) (string, error) {
	res, err := e.c.ImageInspect(ctx, ref.String()) // as written: the engine normalises it as docker does
	if cerrdefs.IsNotFound(err) {
		return "", errNotFound
	}
	if err != nil {
		return "", err
	}
	if platform != nil && (res.Os != platform.OS || res.Architecture != platform.Architecture ||
		platform.Variant != "" && res.Variant != platform.Variant) {
		return "", errNotFound // the engine has the image for another platform
	}
	return res.ID, nil
}

// image saves the image into a temporary file (the engine has no call for one
// layer) that go-containerregistry's tarball reader then reads layer by layer.
func (e *engine) image(ctx context.Context, ref name.Reference, _ *v1.Platform) (v1.Image, func(), error) {
	id, err := e.digest(ctx, ref, nil)
	if err != nil {
		return nil, nil, err
	}
	rc, err := e.c.ImageSave(ctx, []string{id})
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp("", "gracelint-image-*.tar")
	if err != nil {
		return nil, nil, err
	}
	done := func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, io.LimitReader(rc, maxSave+1))
	if err == nil && n > maxSave {
		err = fmt.Errorf("the saved image is larger than %d bytes", int64(maxSave))
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	img, err := tarball.Image(func() (io.ReadCloser, error) { return regularfile.Open(tmp.Name()) }, nil)
	if err != nil {
		done()
		return nil, nil, err
	}
	return img, done, nil
}

func (e *engine) origin(name.Reference) Origin { return Origin{Kind: FromEngine} }

// registry reads images from their registry with the user's Docker
// credentials (~/.docker/config.json and its credential helpers).
type registry struct {
	options []remote.Option
}

func newRegistry() *registry {
	return &registry{options: []remote.Option{
		remote.WithAuthFromKeychain(authn.DefaultKeychain),
		remote.WithUserAgent("gracelint"),
		// One retry: a registry that is down must not hold the run up.
		remote.WithRetryBackoff(remote.Backoff{Duration: 100 * time.Millisecond, Factor: 2, Steps: 2}),
	}}
}

func (r *registry) opts(ctx context.Context, platform *v1.Platform) []remote.Option {
	return append(append([]remote.Option(nil), r.options...), remote.WithContext(ctx), remote.WithPlatform(*platform))
}

// digest is the manifest digest the registry answers a HEAD request with: an
// index's, for a multi-platform image.
func (r *registry) digest(ctx context.Context, ref name.Reference, platform *v1.Platform) (string, error) {
	desc, err := remote.Head(ref, r.opts(ctx, platform)...)
	if err != nil {
		return "", err
	}
	return desc.Digest.String(), nil
}

// image reads the manifest, resolving an index to platform's image; its layers
// are fetched only when read.
func (r *registry) image(ctx context.Context, ref name.Reference, platform *v1.Platform) (v1.Image, func(), error) {
	desc, err := remote.Get(ref, r.opts(ctx, platform)...)
	if err != nil {
		return nil, nil, err
	}
	img, err := desc.Image()
	if err != nil {
		return nil, nil, err
	}
	return img, func() {}, nil
}

func (r *registry) origin(ref name.Reference) Origin {
	return Origin{Kind: FromRegistry, Where: ref.Context().RegistryStr()}
}
