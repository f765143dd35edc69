// Package manifestlint finds the reasons a container started by an
// orchestrator manifest (a compose file, a Kubernetes workload) will not stop
// gracefully. The manifest's settings are layered over what is known of the
// image, with the container model, and judged with the same shell model as
// the Dockerfile rules.
package manifestlint

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/container"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/manifest/compose"
	"github.com/gracelint/gracelint/internal/manifest/kube"
	"github.com/gracelint/gracelint/internal/manifest/skaffold"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// A check is one rule and the code that finds it.
type check struct {
	rule *rule.Rule
	run  func(*pass)
}

// checks run in this order on every container.
var checks = []check{
	{ManifestShellPID1, checkManifestShellPID1},
	{ManifestArgsDropped, checkManifestArgsDropped},
	{ManifestStopSignalUnusable, checkManifestStopSignalUnusable},
	{ManifestNoGrace, checkManifestNoGrace},
	{SharedPIDShell, checkSharedPIDShell},
	{ShellMissingInImage, checkShellMissingInImage},
}

// Rules lists the manifest rules, in ID order.
var Rules = func() []*rule.Rule {
	var rs []*rule.Rule
	for _, c := range checks {
		rs = append(rs, c.rule)
	}
	return rs
}()

// Options tune an analysis.
type Options struct {
	Images []config.Image // base-image shell overrides from .gracelint.yaml
	// Artifacts are the images skaffold.yaml files build: a Kubernetes
	// manifest below one that uses an artifact's name runs that image.
	Artifacts []skaffold.Artifact
}

// A pass is one container under judgement.
type pass struct {
	m     *manifest.Container
	image container.Config // what is known of the image: linked, ko, or its /bin/sh alone
	// imageWhy names where the image's layer comes from, for messages:
	// "the Dockerfile ./api/Dockerfile", "" when only its /bin/sh is known.
	imageWhy string
	run      container.Config // the manifest over the image
	findings []finding.Finding
}

// report adds a finding of r at at, with r's default severity, or info for a
// container that runs to completion.
func (p *pass) report(r *rule.Rule, at container.Source, format string, args ...any) *finding.Finding {
	f := finding.New(r, at.File, at.Line, at.Col, at.Line, at.Col, p.who()+": "+fmt.Sprintf(format, args...))
	if p.m.Completes {
		f.Severity = rule.Info
	}
	p.findings = append(p.findings, f)
	return &p.findings[len(p.findings)-1]
}

// reportPod is report for a setting of a whole pod, named by its owner:
// the pod's main containers report it alike, and once.
func (p *pass) reportPod(r *rule.Rule, at container.Source, format string, args ...any) {
	if p.m.Init {
		return
	}
	p.report(r, at, format, args...).Message = p.m.Owner + ": " + fmt.Sprintf(format, args...)
}

// who names the container in a message.
func (p *pass) who() string {
	if p.m.Orchestrator == manifest.Compose {
		return p.m.Owner
	}
	return fmt.Sprintf("container %s of %s", p.m.Name, p.m.Owner)
}

// stopper says who stops the container, for messages.
func (p *pass) stopper() string {
	if p.m.Orchestrator == manifest.Compose {
		return "docker compose stop"
	}
	return "the kubelet"
}

// grace is the grace period the container gets, in words.
func (p *pass) grace() string {
	if g := p.run.Grace; g.Set {
		return g.Value.String()
	}
	if p.m.Orchestrator == manifest.Compose {
		return "10s by default"
	}
	return "30s by default"
}

// LintKubernetes lints one Kubernetes manifest stream; name names it in findings.
func LintKubernetes(name string, src []byte, opts *Options) []finding.Finding {
	cs, errs := kube.Read(name, src)
	return lint(cs, errs, opts)
}

// LintCompose lints the compose project made of files: the main file, then
// its overrides.
func LintCompose(files []string, opts *Options) []finding.Finding {
	cs, errs := compose.Read(files)
	return lint(cs, errs, opts)
}

// LintFiles lints Kubernetes manifest files and compose projects. It also
// returns how many files could not be read.
func LintFiles(kubeFiles []string, composeProjects [][]string, opts *Options) (findings []finding.Finding, unreadable int) {
	for _, name := range kubeFiles {
		src, err := regularfile.Read(name, manifest.MaxSize)
		if err != nil {
			unreadable++
			findings = append(findings, finding.New(rule.ParseError, name, 0, 0, 0, 0, "cannot read: "+err.Error()))
			continue
		}
		findings = append(findings, LintKubernetes(name, src, opts)...)
	}
	for _, files := range composeProjects {
		findings = append(findings, LintCompose(files, opts)...)
	}
	return findings, unreadable
}

func lint(cs []manifest.Container, errs []*manifest.Error, opts *Options) []finding.Finding {
	if opts == nil {
		opts = &Options{}
	}
	var out []finding.Finding
	for _, e := range errs {
		col := e.At.Col
		if e.At.Line > 0 {
			col = max(col, 1)
		}
		out = append(out, finding.New(rule.ParseError, e.At.File, e.At.Line, col, e.At.Line, col, e.Msg))
	}
	for i := range cs {
		p := &pass{m: &cs[i]}
		p.image, p.imageWhy = imageLayer(p.m, opts)
		p.run = p.m.Layer.Over(p.image)
		for _, c := range checks {
			c.run(p)
		}
		out = append(out, p.findings...)
	}
	for i := range out {
		out[i].Message = finding.Printable(out[i].Message)
	}
	return finding.Sort(out) // a pod's setting is found once per container
}

// koPrefix marks an image that ko builds from a Go main package: the
// program alone on a base without a shell (ko's default, distroless static).
const koPrefix = "ko://"

// imageLayer is what is certain about the image a container runs: the
// Dockerfile compose builds it from, the program ko builds, or else only
// the /bin/sh its reference names. It says where that comes from.
func imageLayer(m *manifest.Container, opts *Options) (container.Config, string) {
	if b := m.Build; b != nil {
		if c, why, ok := built(b, opts); ok {
			return c, why
		}
	}
	ref := m.Layer.Image.Value
	if a := artifactFor(m, opts.Artifacts); a != nil {
		if a.Ko {
			return koLayer(ref, "image "+ref+" is built by ko (skaffold.yaml) onto a base with no /bin/sh"), "ko"
		}
		if c, why, ok := built(a.Build, opts); ok {
			return c, why + ", which skaffold.yaml builds as " + a.Image
		}
	}
	if _, ok := strings.CutPrefix(ref, koPrefix); ok {
		return koLayer(ref, fmt.Sprintf("image %s is built by ko onto a base with no /bin/sh", ref)), "ko"
	}
	if ref == "" {
		return container.Config{Shell: container.Shell{Family: shell.Unknown, Families: container.AnyShell, Why: "the image is not named, so its /bin/sh is unknown"}}, ""
	}
	sh := dockerlint.ImageShell(ref, opts.Images)
	// The table speaks of base images; here the image is the container's own.
	sh.Why = strings.Replace(sh.Why, "base image ", "image ", 1)
	return container.Config{Shell: sh}, ""
}

// koLayer is an image ko builds: the Go program alone, at /ko-app/<base name
// of the import path>, as the entrypoint.
func koLayer(ref, why string) container.Config {
	return container.Config{
		Entrypoint:      &container.Command{Argv: []string{"/ko-app/" + path.Base(strings.TrimPrefix(ref, koPrefix))}},
		EntrypointKnown: true,
		Shell:           container.Named(shell.None, why),
	}
}

// artifactFor is the skaffold artifact a Kubernetes container's image is,
// when the manifest lies below that skaffold.yaml; nil when none or several.
func artifactFor(m *manifest.Container, artifacts []skaffold.Artifact) *skaffold.Artifact {
	if m.Orchestrator != manifest.Kubernetes || m.File == manifest.StdinName {
		return nil
	}
	file, err := filepath.Abs(m.File)
	if err != nil {
		return nil
	}
	var found *skaffold.Artifact
	for i := range artifacts {
		a := &artifacts[i]
		rel, err := filepath.Rel(a.Dir, file)
		if err != nil || strings.HasPrefix(rel, "..") || !a.Matches(m.Layer.Image.Value) {
			continue
		}
		if found != nil && (found.Ko != a.Ko || found.Build != nil && a.Build != nil && *found.Build != *a.Build) {
			return nil // two skaffold files build the name differently: no certain link
		}
		found = a
	}
	return found
}

// built is the configuration of the image compose builds for b, when its
// Dockerfile can be read and modelled.
func built(b *manifest.Build, opts *Options) (container.Config, string, bool) {
	name, src := b.Dockerfile, []byte(b.Inline)
	if b.Inline == "" {
		// The Dockerfile must be a regular file of the build context, as
		// docker build reads it; anything else is no certain link.
		rel, err := filepath.Rel(b.Context, name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return container.Config{}, "", false
		}
		if src, err = regularfile.Read(name, manifest.MaxSize); err != nil {
			return container.Config{}, "", false
		}
	} else {
		name = "dockerfile_inline"
	}
	c, err := dockerlint.ImageConfig(name, src, b.Target, opts.Images)
	if err != nil {
		return container.Config{}, "", false
	}
	why := "the Dockerfile " + finding.DisplayPath(name)
	if b.Inline != "" {
		why = "its dockerfile_inline"
	}
	if b.Target != "" {
		why += " (target " + b.Target + ")"
	}
	return c, why, true
}

// shellRun is the shell the container runs with a -c string, if it does:
// the shell, the string, the command that holds the string and the string's
// index in that command.
func (p *pass) shellRun() (sh container.ShellRun, cmd string, from *container.Command, index int, ok bool) {
	argv, owner, _ := p.run.Argv()
	sh, ok = p.run.ShellOf(argv)
	if !ok || !sh.DashC || sh.Script < 0 {
		return container.ShellRun{}, "", nil, 0, false
	}
	from = owner[sh.Script]
	index = sh.Script
	for i := 0; i < sh.Script && owner[i] != from; i++ {
		index--
	}
	return sh, argv[sh.Script], from, index, true
}

// fromManifest reports whether the manifest wrote c (not the image).
func (p *pass) fromManifest(c *container.Command) bool {
	return c != nil && (c == p.m.Layer.Entrypoint || c == p.m.Layer.Cmd)
}

// A stayingShell is a shell the container runs whose -c string does not
// exec the app in some shell the image's /bin/sh may be.
type stayingShell struct {
	sh   container.ShellRun
	cmd  string
	from *container.Command // the command that holds the string
	// wordIndex is the string's index in from.Argv.
	wordIndex int
	stays     []container.Stay
	// all: the shell is known, or none it may be would exec the string;
	// otherwise the verdict depends on which shell it is.
	all bool
	// certain: the container runs the shell for sure; false when the image's
	// ENTRYPOINT, which the manifest leaves in front, is not known.
	certain bool
}

// stayingShell judges the container's -c string with the shell model, as
// GL101 and GL102 judge a Dockerfile's.
func (p *pass) stayingShell() (stayingShell, bool) {
	sh, cmd, from, index, ok := p.shellRun()
	if !ok || sh.Shell.Family == shell.None {
		return stayingShell{}, false // no shell to stay: GL306 says the container cannot start
	}
	stays, ok := container.Stays(sh.Shell.Families, cmd)
	if !ok || len(stays) == 0 {
		return stayingShell{}, false
	}
	_, _, certain := p.run.Argv()
	return stayingShell{sh: sh, cmd: cmd, from: from, wordIndex: index, stays: stays, all: len(stays) == len(sh.Shell.Families), certain: certain}, true
}

// why says why the shell keeps PID 1, in words for a message.
func (s stayingShell) why() string {
	if s.all {
		// The families go from the one that execs least to the one that execs
		// most, so the last one's reason holds for every one.
		return fmt.Sprintf("%s, and %s", s.sh.Shell.Why, s.stays[len(s.stays)-1].Reason)
	}
	return fmt.Sprintf("%s; if it is %s, %s", s.sh.Shell.Why, s.stays[0].Family.Words(), s.stays[0].Reason)
}

// severity is r's severity for s: a warning where the verdict depends on
// which shell it is or on an ENTRYPOINT gracelint does not know.
func (s stayingShell) severity(r *rule.Rule) rule.Severity {
	if !s.all || !s.certain {
		return min(r.Severity, rule.Warning)
	}
	return r.Severity
}

// unlessEntrypoint is what a message adds when the image's ENTRYPOINT,
// which the manifest leaves in front of its command, is not known.
func (s stayingShell) unlessEntrypoint() string {
	if s.certain {
		return ""
	}
	return " (if the image has no ENTRYPOINT, or one that execs its arguments as docker-library entrypoints do)"
}
