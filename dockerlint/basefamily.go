package dockerlint

import (
	"fmt"
	"path"
	"strings"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/shell"
)

// baseShells says which program is /bin/sh in well-known base images, matched with
// path.Match against the repository name (Docker Hub's "library/" and registry
// prefix removed). Sources: docs/SIGNALS.md "Known image families" and the images'
// own Dockerfiles. A name not listed is Unknown: gracelint never guesses dash.
var baseShells = []struct {
	pattern string
	family  shell.Family
}{
	// No /bin/sh at all.
	{"scratch", shell.None},
	{"gcr.io/distroless/*", shell.None},
	{"gcr.io/distroless/*/*", shell.None},
	{"cgr.dev/chainguard/static", shell.None},

	// BusyBox ash.
	{"alpine", shell.Ash},
	{"busybox", shell.Ash},

	// bash is /bin/sh.
	{"centos", shell.Bash},
	{"quay.io/centos/centos", shell.Bash},
	{"fedora", shell.Bash},
	{"registry.fedoraproject.org/fedora*", shell.Bash},
	{"rockylinux", shell.Bash},
	{"rockylinux/rockylinux", shell.Bash},
	{"almalinux", shell.Bash},
	{"amazonlinux", shell.Bash},
	{"public.ecr.aws/amazonlinux/amazonlinux", shell.Bash},
	{"oraclelinux", shell.Bash},
	{"redhat/ubi*", shell.Bash},
	{"registry.access.redhat.com/ubi*", shell.Bash},
	{"registry.access.redhat.com/ubi*/*", shell.Bash},
	{"registry.access.redhat.com/rhel*", shell.Bash},
	{"registry.access.redhat.com/rhel*/*", shell.Bash},

	// Debian's dash: Debian, Ubuntu, and the official images built on them (their
	// -alpine tags are caught before this table is read).
	{"debian", shell.Dash},
	{"ubuntu", shell.Dash},
	{"buildpack-deps", shell.Dash},
	{"golang", shell.Dash},
	{"python", shell.Dash},
	{"node", shell.Dash},
	{"ruby", shell.Dash},
	{"php", shell.Dash},
	{"perl", shell.Dash},
	{"rust", shell.Dash},
	{"gcc", shell.Dash},
	{"openjdk", shell.Dash},
	{"eclipse-temurin", shell.Dash},
	{"httpd", shell.Dash},
	{"nginx", shell.Dash},
	{"redis", shell.Dash},
	{"postgres", shell.Dash},
	{"memcached", shell.Dash},
	{"wordpress", shell.Dash},
}

// baseShell decides the /bin/sh family of an external base image reference and
// says why, in words a finding can quote. Overrides from .gracelint.yaml win.
func baseShell(ref string, overrides []config.Image) (shell.Family, string) {
	name, tag := splitReference(ref)
	for _, o := range overrides {
		if ok, _ := path.Match(o.Pattern, ref); ok || matchName(o.Pattern, name) {
			return o.Shell, fmt.Sprintf("base image %s %s (images: %q in .gracelint.yaml)", ref, familyWord(o.Shell), o.Pattern)
		}
	}
	if strings.Contains(tag, "alpine") {
		return shell.Ash, fmt.Sprintf("base image %s is Alpine-based and %s", ref, familyWord(shell.Ash))
	}
	for _, b := range baseShells {
		if ok, _ := path.Match(b.pattern, name); ok {
			return b.family, fmt.Sprintf("base image %s %s", ref, familyWord(b.family))
		}
	}
	return shell.Unknown, fmt.Sprintf("base image %s is not in gracelint's table, so its /bin/sh is unknown "+
		"(say which shell it has with images: in .gracelint.yaml)", ref)
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
// Docker Hub form ("docker.io/library/debian" -> "debian") and its tag, without
// any digest.
func splitReference(ref string) (name, tag string) {
	name, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name, tag = name[:i], name[i+1:]
	}
	for _, prefix := range []string{"docker.io/", "index.docker.io/", "library/"} {
		name = strings.TrimPrefix(name, prefix)
	}
	return strings.ToLower(name), strings.ToLower(tag)
}

// familyWord says what an image has as /bin/sh, to follow "base image X" in a
// message: "uses dash as /bin/sh", "has no /bin/sh".
func familyWord(f shell.Family) string {
	switch f {
	case shell.Dash:
		return "uses dash as /bin/sh"
	case shell.Bash:
		return "uses bash as /bin/sh"
	case shell.Ash:
		return "uses BusyBox ash as /bin/sh"
	case shell.None:
		return "has no /bin/sh"
	}
	return "has an unknown /bin/sh"
}
