// Package imagefacts reads what a Dockerfile inherits from its base image, from
// the image itself: the config (ENTRYPOINT, CMD, SHELL, STOPSIGNAL, WORKDIR,
// PATH, platform), which program /bin/sh is, bash's release read from the
// binary, and the content of an inherited entrypoint script. It reads images
// kept by the local Docker engine or served by a registry, through
// go-containerregistry, and caches what it read by image digest.
package imagefacts

import (
	"fmt"
	"strings"
)

// A Sh is the program an image's /bin/sh is, as far as the image's files say.
type Sh string

const (
	ShDash    Sh = "dash"
	ShBash    Sh = "bash"
	ShBusyBox Sh = "busybox"
	ShNone    Sh = "none"    // no /bin/sh, or a link to nothing
	ShUnknown Sh = "unknown" // a /bin/sh that is none of the above, or not recognised
)

func (s Sh) valid() bool {
	switch s {
	case ShDash, ShBash, ShBusyBox, ShNone, ShUnknown:
		return true
	}
	return false
}

// Where a fact came from.
const (
	FromEngine   = "engine"   // the local Docker engine
	FromRegistry = "registry" // a registry, named by Origin.Where
)

// An Origin says where the facts were read.
type Origin struct {
	Kind  string // FromEngine or FromRegistry
	Where string // the registry host; "" for the engine
}

// Facts are what an image brings to a Dockerfile built on it.
type Facts struct {
	Ref      string // the reference as asked for
	Digest   string // the image ID (engine) or manifest digest (registry), sha256:...
	Origin   Origin
	Platform string // os/arch[/variant] of the image config

	Entrypoint []string `json:",omitempty"`
	Cmd        []string `json:",omitempty"`
	Shell      []string `json:",omitempty"` // SHELL; nil for Docker's default /bin/sh -c
	StopSignal string   `json:",omitempty"`
	WorkingDir string   `json:",omitempty"`
	Path       string   `json:",omitempty"` // PATH from the config's Env

	Sh          Sh
	ShPath      string `json:",omitempty"` // what /bin/sh resolves to through its links: /usr/bin/dash
	BashVersion string `json:",omitempty"` // bash's release read from the binary: "5.2.15"

	// Scripts are the shell scripts the config's ENTRYPOINT (or CMD, without
	// one) names, by the word that names them: "docker-entrypoint.sh".
	Scripts map[string]Script `json:",omitempty"`
}

// A Script is a shell script of the image.
type Script struct {
	Path    string // where it is in the image, links resolved
	Content []byte
}

// Source says where the facts were read, in words a finding can quote: "read
// from the image in the local engine (sha256:0123456789ab)", "read from
// registry.acme.io".
func (f *Facts) Source() string {
	if f.Origin.Kind == FromRegistry {
		return "read from " + f.Origin.Where
	}
	return fmt.Sprintf("read from the image in the local engine (%s)", shortDigest(f.Digest))
}

// shortDigest is sha256: and 12 hex digits, as docker images prints IDs.
func shortDigest(d string) string {
	algo, hex, ok := strings.Cut(d, ":")
	if !ok || len(hex) <= 12 {
		return d
	}
	return algo + ":" + hex[:12]
}

// BashRelease is the major and minor release of the image's bash, if /bin/sh
// is bash and its binary said which.
func (f *Facts) BashRelease() (major, minor int, ok bool) {
	if f.Sh != ShBash {
		return 0, 0, false
	}
	n, err := fmt.Sscanf(f.BashVersion, "%d.%d", &major, &minor)
	return major, minor, err == nil && n == 2
}
