package discover

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/manifest/compose"
	"github.com/gracelint/gracelint/internal/manifest/kube"
	"github.com/gracelint/gracelint/internal/manifest/skaffold"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// Stdin is the pattern that reads a Kubernetes manifest stream from standard
// input: helm template ... | gracelint -.
const Stdin = "-"

// isComposeName reports whether name is one docker compose finds by itself.
func isComposeName(name string) bool {
	return slices.Contains(compose.FileNames, name) || slices.Contains(compose.OverrideFileNames, name)
}

func isYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// workloadKind finds a "kind:" of a workload at the start of a line (or of a
// list item), which every workload document has; anything else is not read
// any further.
var workloadKind = regexp.MustCompile(`(?m)^[ \t-]*kind:[ \t]*["']?(?:` + strings.Join(kube.Kinds(), "|") + `)["']?[ \t]*(?:#.*)?\r?$`)

// A yamlKind is what a YAML file is to gracelint.
type yamlKind int

const (
	otherYAML   yamlKind = iota
	workloads            // Kubernetes workloads
	template             // a Helm template, which is not YAML until rendered
	composeFile          // a compose file under another name (top-level services:)
)

var kindKey, apiVersionKey, servicesKey = []byte("kind:"), []byte("apiVersion:"), regexp.MustCompile(`(?m)^services:`)

// sniffYAML decides cheaply what the YAML file at path is: one bounded read and
// a byte search before any parsing, so a tree of unrelated YAML costs little.
func sniffYAML(path string) yamlKind {
	src, err := regularfile.Read(path, manifest.MaxSize)
	if err != nil {
		return otherYAML
	}
	return sniffBytes(src)
}

func sniffBytes(src []byte) yamlKind {
	if !bytes.Contains(src, kindKey) {
		if servicesKey.Match(src) {
			return composeFile
		}
		return otherYAML
	}
	if !bytes.Contains(src, apiVersionKey) || !workloadKind.Match(src) {
		return otherYAML
	}
	if bytes.Contains(src, []byte("{{")) {
		return template
	}
	return workloads
}

// addYAML files a YAML file found under a "..." walk; what it is not, it skips.
func (t *Targets) addYAML(path string, composeDirs map[string][]string) {
	name := filepath.Base(path)
	if name == skaffold.FileName {
		t.Skaffold = append(t.Skaffold, path)
		return
	}
	if isComposeName(name) {
		dir := filepath.Dir(path)
		composeDirs[dir] = append(composeDirs[dir], name)
		return
	}
	if sniffYAML(path) == workloads {
		t.Manifests = append(t.Manifests, path)
	}
}

// addComposeDirs adds the compose project of each directory.
func (t *Targets) addComposeDirs(dirs map[string][]string) {
	for dir, names := range dirs {
		if files := compose.Project(dir, names); len(files) > 0 {
			t.Compose = append(t.Compose, files)
		}
	}
}

// addNamedYAML files a YAML file named on the command line: it is always
// linted, a Helm template being reported for what it is.
func (t *Targets) addNamedYAML(path string) {
	if filepath.Base(path) == skaffold.FileName {
		t.Skaffold = append(t.Skaffold, path)
		return
	}
	if isComposeName(filepath.Base(path)) {
		t.Compose = append(t.Compose, []string{path}) // as docker compose -f path: no override
		return
	}
	switch sniffYAML(path) {
	case template:
		t.Templates = append(t.Templates, path)
	case composeFile:
		t.Compose = append(t.Compose, []string{path})
	default:
		t.Manifests = append(t.Manifests, path)
	}
}
