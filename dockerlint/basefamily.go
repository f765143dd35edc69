package dockerlint

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/shell"
)

// baseShells says which program is /bin/sh in well-known base images, matched with
// path.Match against the repository name (Docker Hub's "library/" and registry
// prefix removed). Sources: docs/SIGNALS.md "Known image families" and the images'
// own Dockerfiles. A name not listed is Unknown: gracelint never guesses dash.
// Which bash a bash-based image ships is read from its name or tag by release.
var baseShells = []struct {
	pattern string
	family  shell.Family
	release func(name, tag string) (bashRelease, bool)
}{
	// No /bin/sh at all.
	{"scratch", shell.None, nil},
	{"gcr.io/distroless/*", shell.None, nil},
	{"gcr.io/distroless/*/*", shell.None, nil},
	{"cgr.dev/chainguard/static", shell.None, nil},

	// BusyBox ash.
	{"alpine", shell.Ash, nil},
	{"busybox", shell.Ash, nil},

	// bash is /bin/sh.
	{"centos", shell.Bash, centosBash},
	{"quay.io/centos/centos", shell.Bash, centosBash},
	{"fedora", shell.Bash, fedoraBash},
	{"registry.fedoraproject.org/fedora*", shell.Bash, fedoraBash},
	{"rockylinux", shell.Bash, elTagBash},
	{"rockylinux/rockylinux", shell.Bash, elTagBash},
	{"almalinux", shell.Bash, elTagBash},
	{"amazonlinux", shell.Bash, amazonBash},
	{"public.ecr.aws/amazonlinux/amazonlinux", shell.Bash, amazonBash},
	{"oraclelinux", shell.Bash, elTagBash},
	{"redhat/ubi*", shell.Bash, redHatBash},
	{"registry.access.redhat.com/ubi*", shell.Bash, redHatBash},
	{"registry.access.redhat.com/ubi*/*", shell.Bash, redHatBash},
	{"registry.access.redhat.com/rhel*", shell.Bash, redHatBash},
	{"registry.access.redhat.com/rhel*/*", shell.Bash, redHatBash},
	{"registry.redhat.io/ubi*/*", shell.Bash, redHatBash},
	{"registry.redhat.io/rhel*/*", shell.Bash, redHatBash},

	// Debian's dash: Debian, Ubuntu, and the official images built on them (their
	// -alpine tags are caught before this table is read).
	{"debian", shell.Dash, nil},
	{"ubuntu", shell.Dash, nil},
	{"buildpack-deps", shell.Dash, nil},
	{"golang", shell.Dash, nil},
	{"python", shell.Dash, nil},
	{"node", shell.Dash, nil},
	{"ruby", shell.Dash, nil},
	{"php", shell.Dash, nil},
	{"perl", shell.Dash, nil},
	{"rust", shell.Dash, nil},
	{"gcc", shell.Dash, nil},
	{"openjdk", shell.Dash, nil},
	{"eclipse-temurin", shell.Dash, nil},
	{"httpd", shell.Dash, nil},
	{"nginx", shell.Dash, nil},
	{"redis", shell.Dash, nil},
	{"postgres", shell.Dash, nil},
	{"memcached", shell.Dash, nil},
	{"wordpress", shell.Dash, nil},

	// Derivatives whose distribution documents its /bin/sh. Raspbian is Debian
	// rebuilt for ARMv6 (raspbian.org/RaspbianFAQ), with Debian's dash.
	{"resin/rpi-raspbian", shell.Dash, nil},
	{"balenalib/rpi-raspbian", shell.Dash, nil},
	{"raspbian/*", shell.Dash, nil},
	// balena's base images are named <device>-<distro> (docs.balena.io,
	// "Balena base images"): Debian and Ubuntu ones have dash, Alpine ones BusyBox.
	{"balenalib/*-debian*", shell.Dash, nil},
	{"balenalib/*-ubuntu*", shell.Dash, nil},
	{"balenalib/*-alpine*", shell.Ash, nil},
	// minideb is Debian with fewer packages (github.com/bitnami/minideb).
	{"bitnami/minideb", shell.Dash, nil},
}

// archNamespaces are Docker Hub's per-architecture namespaces of the official
// images (github.com/docker-library/official-images#architectures-other-than-amd64):
// arm32v7/debian is the official debian image built for ARMv7.
var archNamespaces = map[string]bool{
	"amd64": true, "arm32v5": true, "arm32v6": true, "arm32v7": true, "arm64v8": true,
	"i386": true, "mips64le": true, "ppc64le": true, "riscv64": true, "s390x": true, "windows-amd64": true,
}

// anyShell is what an unknown /bin/sh may be: every shell family the model
// knows, from the one that execs least to the one that execs most.
var anyShell = []shell.Family{shell.Dash, shell.Bash, shell.Ash}

// anyBash is what the /bin/sh of a bash-based image may be when its reference
// does not say which bash, from the release that execs least to the one that
// execs most.
var anyBash = []shell.Family{shell.Bash4, shell.Bash44, shell.Bash}

// mayBe is what a /bin/sh of family f may be: f itself when it is known.
func mayBe(f shell.Family) []shell.Family {
	if f == shell.Unknown {
		return anyShell
	}
	return []shell.Family{f}
}

// fromTable says, in a message, that a fact is the table's, not read from the image.
const fromTable = "from gracelint's table"

// baseShell decides the /bin/sh family of an external base image reference,
// the families it may be when that is not certain, and says why, in words a
// finding can quote. Overrides from .gracelint.yaml win.
func baseShell(ref string, overrides []config.Image) (shell.Family, []shell.Family, string) {
	name, tag := splitReference(ref)
	if o := override(ref, overrides); o != nil {
		return o.Shell, mayBe(o.Shell), fmt.Sprintf("base image %s %s (images: %q in .gracelint.yaml)", ref, familyWord(o.Shell), o.Pattern)
	}
	if strings.Contains(tag, "alpine") {
		return shell.Ash, mayBe(shell.Ash), fmt.Sprintf("base image %s is Alpine-based and %s (%s)", ref, familyWord(shell.Ash), fromTable)
	}
	for _, b := range baseShells {
		if ok, _ := path.Match(b.pattern, name); !ok {
			continue
		}
		if b.release == nil {
			return b.family, mayBe(b.family), fmt.Sprintf("base image %s %s (%s)", ref, familyWord(b.family), fromTable)
		}
		if r, ok := b.release(name, tag); ok {
			return r.family, mayBe(r.family), fmt.Sprintf("base image %s ships bash %s as /bin/sh (%s)", ref, r.version, fromTable)
		}
		return shell.Unknown, anyBash, fmt.Sprintf("base image %s ships bash as /bin/sh, but its reference does not say which version, "+
			"and what bash execs depends on it (say which with images: in .gracelint.yaml)", ref)
	}
	return shell.Unknown, anyShell, fmt.Sprintf("base image %s is not in gracelint's table, so its /bin/sh is unknown "+
		"(say which shell it has with images: in .gracelint.yaml)", ref)
}

// override is the first image in .gracelint.yaml that ref matches, or nil.
func override(ref string, overrides []config.Image) *config.Image {
	name, _ := splitReference(ref)
	for i, o := range overrides {
		if ok, _ := path.Match(o.Pattern, ref); ok || matchName(o.Pattern, name) {
			return &overrides[i]
		}
	}
	return nil
}

// resolvedShell is baseShell for a base image whose files were read: what its
// /bin/sh is, said with where that was read.
func resolvedShell(ref string, f *imagefacts.Facts) (shell.Family, []shell.Family, string) {
	from := fmt.Sprintf("%s, %s", f.ShPath, f.Source())
	switch f.Sh {
	case imagefacts.ShDash:
		return shell.Dash, mayBe(shell.Dash), fmt.Sprintf("base image %s uses dash as /bin/sh (%s)", ref, from)
	case imagefacts.ShBusyBox:
		return shell.Ash, mayBe(shell.Ash), fmt.Sprintf("base image %s uses BusyBox ash as /bin/sh (%s)", ref, from)
	case imagefacts.ShNone:
		return shell.None, mayBe(shell.None), fmt.Sprintf("base image %s has no /bin/sh (%s)", ref, f.Source())
	case imagefacts.ShBash:
		if major, minor, ok := f.BashRelease(); ok {
			fam := shell.Bash
			switch {
			case major < 4 || major == 4 && minor < 4:
				fam = shell.Bash4
			case major == 4 || major == 5 && minor < 1:
				fam = shell.Bash44
			}
			return fam, mayBe(fam), fmt.Sprintf("base image %s ships bash %s as /bin/sh (%s)", ref, f.BashVersion, from)
		}
		return shell.Unknown, anyBash, fmt.Sprintf("base image %s ships bash as /bin/sh (%s), but its binary does not say which version, "+
			"and what bash execs depends on it (say which with images: in .gracelint.yaml)", ref, from)
	}
	return shell.Unknown, anyShell, fmt.Sprintf("base image %s has %s as /bin/sh (%s), a shell gracelint does not model "+
		"(say which shell it behaves as with images: in .gracelint.yaml)", ref, f.ShPath, f.Source())
}

// A bashRelease is the bash an image ships: its family and version.
type bashRelease struct {
	family  shell.Family
	version string // as a message names it: "4.4", "5.2 or later"
}

// elBash is the bash of each major release of Red Hat Enterprise Linux, which
// CentOS, Rocky Linux, AlmaLinux, Oracle Linux and UBI follow.
var elBash = map[int]bashRelease{
	6:  {shell.Bash4, "4.1"},
	7:  {shell.Bash4, "4.2"},
	8:  {shell.Bash44, "4.4"},
	9:  {shell.Bash, "5.1"},
	10: {shell.Bash, "5.2"},
}

// major is the number a tag starts with: 8 for "8.9-minimal", 2023 for "2023".
func major(tag string) (int, bool) {
	end := strings.IndexFunc(tag, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(tag)
	}
	if end > 0 && end < len(tag) && tag[end] != '.' && tag[end] != '-' {
		return 0, false // "8abc" is a custom tag, not release 8
	}
	n, err := strconv.Atoi(tag[:end])
	return n, err == nil
}

// elTagBash reads the Enterprise Linux release from a tag: rockylinux:8, almalinux:9.4.
func elTagBash(_, tag string) (bashRelease, bool) {
	n, ok := major(tag)
	r, known := elBash[n]
	return r, ok && known
}

// centosBash: Docker Hub's centos:latest is CentOS 8; quay.io has stream tags.
func centosBash(name, tag string) (bashRelease, bool) {
	if name == "centos" && (tag == "" || tag == "latest") {
		return elBash[8], true
	}
	tag = strings.TrimPrefix(strings.TrimPrefix(tag, "centos"), "stream")
	return elTagBash(name, tag)
}

// redHatRelease finds the release in a Red Hat image name: ubi8, rhel9.
var redHatRelease = regexp.MustCompile(`(?:^|/)(?:ubi|rhel)([0-9]+)(?:[-/]|$)`)

func redHatBash(name, _ string) (bashRelease, bool) {
	m := redHatRelease.FindStringSubmatch(name)
	if m == nil {
		return bashRelease{}, false
	}
	return elTagBash(name, m[1])
}

// amazonBash: Amazon Linux 1 (2017.x, 2018.x) and 2 ship bash 4.2, Amazon Linux
// 2023, which latest is, bash 5.2.
func amazonBash(_, tag string) (bashRelease, bool) {
	n, ok := major(tag)
	switch {
	case tag == "" || tag == "latest" || ok && n == 2023:
		return bashRelease{shell.Bash, "5.2"}, true
	case ok && (n == 1 || n == 2 || n == 2017 || n == 2018):
		return bashRelease{shell.Bash4, "4.2"}, true
	}
	return bashRelease{}, false
}

// fedoraBash: Fedora ships bash 5.1 since release 34 and 5.2 since 38; latest
// and rawhide are current releases.
func fedoraBash(_, tag string) (bashRelease, bool) {
	n, ok := major(tag)
	switch {
	case tag == "" || tag == "latest" || tag == "rawhide" || ok && n >= 38:
		return bashRelease{shell.Bash, "5.2 or later"}, true
	case ok && n >= 34:
		return bashRelease{shell.Bash, "5.1 or later"}, true
	}
	return bashRelease{}, false
}

// matchName matches pattern against name and against name's Docker Hub spellings,
// so "myorg/base*" and "docker.io/myorg/base*" both work.
func matchName(pattern, name string) bool {
	for _, n := range []string{name, "docker.io/" + name, "library/" + name, "docker.io/library/" + name} {
		if ok, _ := path.Match(pattern, n); ok {
			return true
		}
	}
	return false
}

// isDistrolessDebug recognises the distroless images that ship BusyBox in
// /busybox, on PATH, for debugging: their tags say debug.
func isDistrolessDebug(ref string) bool {
	name, tag := splitReference(ref)
	return strings.HasPrefix(name, "gcr.io/distroless/") && strings.Contains(tag, "debug")
}

// splitReference returns the repository name of an image reference in its short
// Docker Hub form ("docker.io/library/debian" -> "debian", "arm64v8/debian" ->
// "debian") and its tag, without any digest.
func splitReference(ref string) (name, tag string) {
	name, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name, tag = name[:i], name[i+1:]
	}
	name = strings.ToLower(name)
	for _, prefix := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/", "library/"} {
		name = strings.TrimPrefix(name, prefix)
	}
	if ns, official, ok := strings.Cut(name, "/"); ok && archNamespaces[ns] && !strings.Contains(official, "/") {
		name = official
	}
	return name, strings.ToLower(tag)
}

// familyWord says what an image has as /bin/sh, to follow "base image X" in a
// message: "uses dash as /bin/sh", "has no /bin/sh".
func familyWord(f shell.Family) string {
	switch f {
	case shell.Dash:
		return "uses dash as /bin/sh"
	case shell.Bash, shell.Bash44, shell.Bash4:
		return "uses " + f.Words() + " as /bin/sh"
	case shell.Ash:
		return "uses BusyBox ash as /bin/sh"
	case shell.None:
		return "has no /bin/sh"
	}
	return "has an unknown /bin/sh"
}
