// Package kube reads Kubernetes workloads (Pod, Deployment, StatefulSet,
// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob and List of them)
// into manifest.Containers. The values come from decoding each document into
// k8s.io/api's own types, as kubectl does; their places from a YAML node tree
// of the same document.
package kube

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/gracelint/gracelint/internal/container"
	"github.com/gracelint/gracelint/internal/manifest"
)

// A workload is a kind that runs pods: a new object to decode it into, and
// where its pod spec is, as a path of keys and as a value of that object.
type workload struct {
	object    func() any
	path      []string
	podSpec   func(any) *corev1.PodSpec
	completes bool // its pods run to completion
}

var workloads = map[string]workload{
	"Pod": {func() any { return &corev1.Pod{} }, []string{"spec"},
		func(o any) *corev1.PodSpec { return &o.(*corev1.Pod).Spec }, false},
	"Deployment": {func() any { return &appsv1.Deployment{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*appsv1.Deployment).Spec.Template.Spec }, false},
	"StatefulSet": {func() any { return &appsv1.StatefulSet{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*appsv1.StatefulSet).Spec.Template.Spec }, false},
	"DaemonSet": {func() any { return &appsv1.DaemonSet{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*appsv1.DaemonSet).Spec.Template.Spec }, false},
	"ReplicaSet": {func() any { return &appsv1.ReplicaSet{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*appsv1.ReplicaSet).Spec.Template.Spec }, false},
	"ReplicationController": {func() any { return &corev1.ReplicationController{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec {
			if t := o.(*corev1.ReplicationController).Spec.Template; t != nil {
				return &t.Spec
			}
			return &corev1.PodSpec{}
		}, false},
	"Job": {func() any { return &batchv1.Job{} }, []string{"spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*batchv1.Job).Spec.Template.Spec }, true},
	"CronJob": {func() any { return &batchv1.CronJob{} }, []string{"spec", "jobTemplate", "spec", "template", "spec"},
		func(o any) *corev1.PodSpec { return &o.(*batchv1.CronJob).Spec.JobTemplate.Spec.Template.Spec }, true},
}

// Kinds are the kinds Read looks into, List included.
func Kinds() []string {
	kinds := []string{"List"}
	for k := range workloads {
		kinds = append(kinds, k)
	}
	return kinds
}

// maxListDepth bounds Lists of Lists.
const maxListDepth = 4

// Read reads every document of a Kubernetes manifest stream. A document that
// does not decode is an Error at its line, and the others are still read;
// YAML that does not parse ends the stream there.
func Read(file string, src []byte) ([]manifest.Container, []*manifest.Error) {
	r := &reader{file: file, src: src}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			r.errs = append(r.errs, manifest.YAMLError(file, err))
			break
		}
		r.object(manifest.Lookup(&doc), 0)
	}
	return r.out, r.errs
}

type reader struct {
	file string
	src  []byte
	out  []manifest.Container
	errs []*manifest.Error
}

func (r *reader) fail(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, &manifest.Error{At: manifest.At(r.file, n), Msg: fmt.Sprintf(format, args...)})
}

// object reads one object: a workload, a List of them, or anything else,
// which is none of gracelint's business.
func (r *reader) object(n *yaml.Node, depth int) {
	if n == nil || n.Kind != yaml.MappingNode || manifest.Lookup(n, "apiVersion") == nil {
		return
	}
	kind := manifest.Lookup(n, "kind")
	if kind == nil {
		return
	}
	if kind.Value == "List" || strings.HasSuffix(kind.Value, "List") && manifest.Lookup(n, "items") != nil {
		if depth >= maxListDepth {
			r.fail(kind, "Lists nested more than %d deep are not read", maxListDepth)
			return
		}
		items := manifest.Lookup(n, "items")
		for i := 0; manifest.Index(items, i) != nil; i++ {
			r.object(manifest.Index(items, i), depth+1)
		}
		return
	}
	w, ok := workloads[kind.Value]
	if !ok {
		return
	}
	obj := w.object()
	// The node is re-encoded (no aliases expanded) for sigs.k8s.io/yaml, the
	// decoder kubectl uses, which reads it into the API types.
	text, err := yaml.Marshal(n)
	if err == nil {
		err = sigsyaml.Unmarshal(text, obj)
	}
	if err != nil {
		r.fail(n, "%s does not decode as a Kubernetes %[1]s: %v", kind.Value, err)
		return
	}
	name := manifest.Lookup(n, "metadata", "name")
	owner := kind.Value
	if name != nil && name.Value != "" {
		owner += " " + name.Value
	}
	r.podSpec(w.podSpec(obj), manifest.Lookup(n, w.path...), owner, w.completes)
}

// podSpec adds the containers of spec, written at node.
func (r *reader) podSpec(spec *corev1.PodSpec, node *yaml.Node, owner string, completes bool) {
	pod := container.Config{}
	if g := spec.TerminationGracePeriodSeconds; g != nil {
		pod.Grace = container.Setting[time.Duration]{Value: time.Duration(*g) * time.Second,
			From: manifest.KeyAt(r.file, node, "terminationGracePeriodSeconds"), Set: true}
	}
	if s := spec.ShareProcessNamespace; s != nil {
		pod.SharePID = container.Setting[bool]{Value: *s, From: manifest.KeyAt(r.file, node, "shareProcessNamespace"), Set: true}
	}
	for _, list := range []struct {
		key        string
		containers []corev1.Container
	}{{"initContainers", spec.InitContainers}, {"containers", spec.Containers}} {
		for i, c := range list.containers {
			cn := manifest.Index(manifest.Lookup(node, list.key), i)
			// An init container with restartPolicy Always is a sidecar: it runs
			// as long as the pod does.
			sidecar := c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
			m := r.container(c, cn, pod, owner, completes || list.key == "initContainers" && !sidecar)
			m.Init = list.key == "initContainers"
			r.out = append(r.out, m)
		}
	}
}

func (r *reader) container(c corev1.Container, n *yaml.Node, pod container.Config, owner string, completes bool) manifest.Container {
	m := manifest.Container{Orchestrator: manifest.Kubernetes, File: r.file, Owner: owner, Name: c.Name, Completes: completes,
		Layer: pod, Words: map[*container.Command][]*yaml.Node{}, Src: map[string][]byte{r.file: r.src}}
	m.Layer.Image = container.Setting[string]{Value: c.Image, From: manifest.KeyAt(r.file, n, "image"), Set: c.Image != ""}
	env := literalEnv(c.Env)
	if len(c.Command) > 0 {
		m.Layer.Entrypoint = r.command(&m, n, "command", expandAll(c.Command, env))
	}
	if len(c.Args) > 0 {
		m.Layer.Cmd = r.command(&m, n, "args", expandAll(c.Args, env))
	}
	if l := c.Lifecycle; l != nil {
		if l.StopSignal != nil {
			m.Layer.StopSignal = container.Setting[string]{Value: string(*l.StopSignal),
				From: manifest.KeyAt(r.file, n, "lifecycle", "stopSignal"), Set: true}
		}
		if l.PreStop != nil && l.PreStop.Exec != nil && len(l.PreStop.Exec.Command) > 0 {
			m.PreStop = &container.Command{Argv: l.PreStop.Exec.Command,
				From: manifest.KeyAt(r.file, n, "lifecycle", "preStop", "exec", "command")}
		}
	}
	return m
}

func (r *reader) command(m *manifest.Container, n *yaml.Node, key string, argv []string) *container.Command {
	k, v := manifest.Find(n, key)
	c := &container.Command{Argv: argv, From: manifest.At(r.file, k)}
	if words := manifest.Scalars(v); len(words) == len(argv) {
		m.Words[c] = words
	}
	return c
}

// literalEnv is the container's environment as the kubelet expands $(VAR)
// with it: a value from elsewhere (valueFrom) is set, to something unknown.
func literalEnv(env []corev1.EnvVar) map[string]string {
	out := map[string]string{}
	for _, e := range env {
		v := e.Value
		if e.ValueFrom != nil {
			v = strings.ToUpper(e.Name) // a word, as the value would be
		}
		out[e.Name] = expand(v, out)
	}
	return out
}

var reference = regexp.MustCompile(`\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)`)

// expand replaces $(VAR) as the kubelet does: with VAR's value when it is
// defined, left as written when not; $$ is a literal $. No shell is involved.
func expand(s string, env map[string]string) string {
	return reference.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		if v, ok := env[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

func expandAll(argv []string, env map[string]string) []string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = expand(a, env)
	}
	return out
}
