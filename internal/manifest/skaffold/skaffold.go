// Package skaffold reads the build artifacts of a skaffold.yaml: which image
// name skaffold builds from which Dockerfile (or with ko), so that the
// Kubernetes manifests that use that name can be judged with that image.
package skaffold

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/container"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// FileName is the name skaffold looks for.
const FileName = "skaffold.yaml"

// An Artifact is one image skaffold builds.
type Artifact struct {
	Image string // the image name, as manifests write it before skaffold tags it
	Dir   string // the directory of the skaffold.yaml: the manifests it deploys are below it
	Build *manifest.Build
	Ko    bool // built with ko from a Go main package: no shell in the image
}

// config is the part of a skaffold Config document that says what is built.
type config struct {
	Build struct {
		Artifacts []struct {
			Image   string       `yaml:"image"`
			Context string       `yaml:"context"`
			Docker  *dockerBuild `yaml:"docker"`
			Kaniko  *dockerBuild `yaml:"kaniko"` // the same Dockerfile, built in the cluster
			Ko      *struct{}    `yaml:"ko"`
		} `yaml:"artifacts"`
	} `yaml:"build"`
}

type dockerBuild struct {
	Dockerfile string `yaml:"dockerfile"`
	Target     string `yaml:"target"`
}

// otherBuilders build an image gracelint cannot model from a Dockerfile.
var otherBuilders = []string{"jib", "bazel", "buildpacks", "custom"}

// Read reads the artifacts of every Config document of the skaffold.yaml
// name. An artifact built another way (Jib, Bazel, buildpacks, a custom
// script) is left out: what it builds is not certain.
func Read(name string) ([]Artifact, *manifest.Error) {
	src, err := regularfile.Read(name, manifest.MaxSize)
	if err != nil {
		return nil, &manifest.Error{At: container.Source{File: name}, Msg: "cannot read: " + err.Error()}
	}
	dir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, &manifest.Error{At: container.Source{File: name}, Msg: err.Error()}
	}
	var out []Artifact
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, manifest.YAMLError(name, err)
		}
		var c config
		if err := doc.Decode(&c); err != nil {
			return nil, &manifest.Error{At: manifest.At(name, &doc), Msg: "does not read as a skaffold Config: " + err.Error()}
		}
		for i, a := range c.Build.Artifacts {
			node := manifest.Index(manifest.Lookup(&doc, "build", "artifacts"), i)
			if a.Docker == nil {
				a.Docker = a.Kaniko
			}
			switch {
			case a.Ko != nil:
				out = append(out, Artifact{Image: a.Image, Dir: dir, Ko: true})
			case a.Docker != nil || !hasAny(node, otherBuilders):
				// docker is skaffold's default builder
				context := filepath.Join(dir, filepath.FromSlash(a.Context))
				b := &manifest.Build{Context: context, Dockerfile: "Dockerfile", At: manifest.At(name, node)}
				if a.Docker != nil {
					b.Target = a.Docker.Target
					if a.Docker.Dockerfile != "" {
						b.Dockerfile = a.Docker.Dockerfile
					}
				}
				if !filepath.IsAbs(b.Dockerfile) {
					b.Dockerfile = filepath.Join(context, filepath.FromSlash(b.Dockerfile))
				}
				out = append(out, Artifact{Image: a.Image, Dir: dir, Build: b})
			}
		}
	}
}

func hasAny(n *yaml.Node, keys []string) bool {
	for _, k := range keys {
		if manifest.Lookup(n, k) != nil {
			return true
		}
	}
	return false
}

// Matches reports whether the image reference ref, as a manifest writes it,
// is the artifact's name, which skaffold replaces with the image it built;
// a tag or digest written after it does not matter.
func (a Artifact) Matches(ref string) bool {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	return ref == a.Image
}
