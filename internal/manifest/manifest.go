// Package manifest is what gracelint reads from orchestrator manifests (compose
// files, Kubernetes workloads): one Container per container they start, holding
// the layer of configuration the manifest puts over its image, and where each
// value is written.
package manifest

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/container"
)

// MaxSize is the most gracelint reads of a manifest file or stream.
const MaxSize = 8 << 20

// StdinName names standard input in findings: gracelint - reads a stream there.
const StdinName = "<stdin>"

// An Orchestrator is what reads a manifest and starts its containers.
type Orchestrator int

const (
	Compose Orchestrator = iota + 1
	Kubernetes
)

// A Container is one container a manifest starts.
type Container struct {
	Orchestrator Orchestrator
	File         string // the file that defines it
	Owner        string // what it belongs to, for messages: "Deployment web", "service web"
	Name         string // the container's or service's name
	Layer        container.Config
	// Completes: it runs to completion (an init container, the pods of a Job or
	// CronJob), so how it stops matters little and its findings are info.
	Completes bool
	// Init: a Kubernetes init container, which the pod's settings concern
	// less than its main containers.
	Init    bool
	PreStop *container.Command // a Kubernetes preStop exec hook
	Build   *Build             // compose build:, nil when the image is pulled
	// Words are the YAML nodes of the words of Layer.Entrypoint and Layer.Cmd,
	// when each word is a node of its own (a YAML list), for fixes.
	Words map[*container.Command][]*yaml.Node
	// Src is the content of the file each fixable node is in, by file name.
	Src map[string][]byte
}

// Build is a compose service's build: what Dockerfile builds its image.
type Build struct {
	Context    string // absolute directory
	Dockerfile string // absolute path, or "" with Inline
	Inline     string // dockerfile_inline
	Target     string
	At         container.Source
}

// An Error is a manifest, or one document of it, that could not be read.
type Error struct {
	At  container.Source
	Msg string
}

// Lookup follows keys down a tree of mappings from n, through aliases; nil when
// one is missing.
func Lookup(n *yaml.Node, keys ...string) *yaml.Node {
	_, v := Find(n, keys...)
	return v
}

// Find is Lookup that also returns the node of the last key, which is where
// a finding about the value goes: a block value starts on the line below.
func Find(n *yaml.Node, keys ...string) (key, value *yaml.Node) {
	value = resolve(n)
	for _, k := range keys {
		if value == nil || value.Kind != yaml.MappingNode {
			return nil, nil
		}
		var next *yaml.Node
		key = nil
		for i := 0; i+1 < len(value.Content); i += 2 {
			if value.Content[i].Value == k {
				key, next = value.Content[i], value.Content[i+1]
			}
		}
		value = resolve(next)
	}
	if value == nil {
		return nil, nil
	}
	return key, value
}

// KeyAt is where the last of keys is written in file, under n.
func KeyAt(file string, n *yaml.Node, keys ...string) Source {
	k, _ := Find(n, keys...)
	return At(file, k)
}

// Index is the i-th element of the sequence n, or nil.
func Index(n *yaml.Node, i int) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
		return nil
	}
	return resolve(n.Content[i])
}

// resolve follows an alias to the node it names, and a document to its root.
func resolve(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && hops < 16; hops++ {
		switch {
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) == 1:
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

// A Source is where a value is written.
type Source = container.Source

// At is where n is written in file; where the file is when n is nil.
func At(file string, n *yaml.Node) Source {
	if n == nil {
		return container.Source{File: file}
	}
	return container.Source{File: file, Line: n.Line, Col: n.Column}
}

// Scalars are the nodes of the words of n when n is a sequence of scalars.
func Scalars(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, w := range n.Content {
		if out[i] = resolve(w); out[i] == nil || out[i].Kind != yaml.ScalarNode {
			return nil
		}
	}
	return out
}

// yamlLine reads the line out of a go.yaml.in/yaml/v3 error, which it
// writes as "yaml: line N: ...".
var yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): `)

// YAMLError is err, from decoding file, at the line it names.
func YAMLError(file string, err error) *Error {
	msg := err.Error()
	e := &Error{At: container.Source{File: file}, Msg: "does not parse as YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &e.At.Line)
		e.At.Col = 1
		e.Msg = "does not parse as YAML: " + msg[len(m[0]):]
	}
	return e
}
