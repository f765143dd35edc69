// Package compose reads a compose project into manifest.Containers with
// compose-spec/compose-go, the loader behind docker compose: .env
// interpolation, extends, profiles and override files behave as they do there.
// The loader keeps no places, so they are found again in a YAML node tree of
// each file.
package compose

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/container"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// FileNames are the names docker compose looks for in a directory, in its
// order of preference; OverrideFileNames the overrides it merges over them.
var (
	FileNames         = cli.DefaultFileNames
	OverrideFileNames = cli.DefaultOverrideFileNames
)

// Project is the files docker compose would load in dir: the first of
// FileNames there, then the first of OverrideFileNames; none without a main
// file, as docker compose loads none. names are the directory's entries.
func Project(dir string, names []string) []string {
	var files []string
	for _, set := range [][]string{FileNames, OverrideFileNames} {
		for _, n := range set {
			if slices.Contains(names, n) {
				files = append(files, filepath.Join(dir, n))
				break
			}
		}
		if len(files) == 0 {
			return nil
		}
	}
	return files
}

// quietLoader: compose-go warns through logrus on standard error (an unset
// variable, an obsolete version:); gracelint's output is its findings.
var quietLoader sync.Once

// file is one compose file of a project, as read.
type file struct {
	name string
	src  []byte
	docs []*yaml.Node
}

// Read loads the project made of files (the main file, then overrides) as
// docker compose would, with every profile enabled, and returns a Container
// per service. A file that cannot be read or a project that does not load is
// an Error, on the line it names when it names one.
func Read(files []string) ([]manifest.Container, []*manifest.Error) {
	quietLoader.Do(func() { logrus.SetOutput(io.Discard) })
	var read []file
	for _, name := range files {
		f, err := readFile(name)
		if err != nil {
			return nil, []*manifest.Error{err}
		}
		read = append(read, f)
	}
	dir, err := filepath.Abs(filepath.Dir(files[0]))
	if err != nil {
		return nil, []*manifest.Error{{At: container.Source{File: files[0]}, Msg: err.Error()}}
	}
	env, envErr := environment(dir)
	if envErr != nil {
		return nil, []*manifest.Error{envErr}
	}
	details := types.ConfigDetails{WorkingDir: dir, Environment: env}
	for _, f := range read {
		abs, _ := filepath.Abs(f.name)
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: abs, Content: f.src})
	}
	name := loader.NormalizeProjectName(filepath.Base(dir))
	if name == "" {
		name = "default"
	}
	project, err := loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName(name, false)
		o.Profiles = []string{"*"}
		o.SkipResolveEnvironment = true
		o.ResolvePaths = true
		o.ResourceLoaders = []loader.ResourceLoader{boundedFiles{dir}}
	})
	if err != nil {
		return nil, []*manifest.Error{loadError(read, err)}
	}
	var out []manifest.Container
	names := make([]string, 0, len(project.Services))
	for n := range project.Services {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		out = append(out, service(read, project.Services[n]))
	}
	return out, nil
}

func readFile(name string) (file, *manifest.Error) {
	src, err := regularfile.Read(name, manifest.MaxSize)
	if err != nil {
		return file{}, &manifest.Error{At: container.Source{File: name}, Msg: "cannot read: " + err.Error()}
	}
	f := file{name: name, src: src}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return file{}, manifest.YAMLError(name, err)
		}
		f.docs = append(f.docs, &doc)
	}
}

// environment is what docker compose interpolates with: the process's
// environment over the .env file of the project directory.
func environment(dir string) (types.Mapping, *manifest.Error) {
	env := types.NewMapping(os.Environ())
	name := filepath.Join(dir, ".env")
	src, err := regularfile.Read(name, manifest.MaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return env, nil
	}
	if err != nil {
		return nil, &manifest.Error{At: container.Source{File: name}, Msg: "cannot read: " + err.Error()}
	}
	vars, err := dotenv.ParseWithLookup(bytes.NewReader(src), func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		return nil, &manifest.Error{At: container.Source{File: name}, Msg: "does not parse: " + err.Error()}
	}
	for k, v := range vars {
		if _, set := env[k]; !set {
			env[k] = v
		}
	}
	return env, nil
}

// boundedFiles is the loader's local file access (extends: file:, include:)
// checked by regularfile first: a FIFO or a huge file is an error, not a hang.
// The loader reads the file itself afterwards.
type boundedFiles struct{ dir string }

func (b boundedFiles) Accept(string) bool { return true }

func (b boundedFiles) Load(_ context.Context, p string) (string, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.dir, p)
	}
	if _, err := regularfile.Read(p, manifest.MaxSize); err != nil {
		return "", err
	}
	return p, nil
}

func (b boundedFiles) Dir(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.dir, p)
	}
	if rel, err := filepath.Rel(b.dir, filepath.Dir(p)); err == nil {
		return rel
	}
	return filepath.Dir(p)
}

// serviceInError finds the service a loader error is about.
var serviceInError = regexp.MustCompile(`services(?:\.([A-Za-z0-9_-]+)|\[([^\]]+)\])(?:\.([a-z_]+))?`)

func loadError(files []file, err error) *manifest.Error {
	msg := strings.TrimSpace(err.Error())
	for _, f := range files {
		msg = strings.ReplaceAll(msg, mustAbs(f.name)+": ", "")
	}
	e := &manifest.Error{At: container.Source{File: files[0].name}, Msg: "does not load as docker compose would: " + msg}
	if m := serviceInError.FindStringSubmatch(msg); m != nil {
		name := m[1] + m[2]
		f, k, _ := find(files, name, m[3])
		if k == nil {
			f, k, _ = find(files, name)
		}
		if k != nil {
			e.At = manifest.At(f.name, k)
		}
	}
	return e
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// find is the key and value nodes of services.<service>.<keys...> in the
// last file that sets it, as the merge lets the last one win.
func find(files []file, service string, keys ...string) (f file, key, value *yaml.Node) {
	for i := len(files) - 1; i >= 0; i-- {
		for _, d := range slices.Backward(files[i].docs) {
			if k, v := manifest.Find(d, append([]string{"services", service}, keys...)...); v != nil {
				return files[i], k, v
			}
		}
	}
	return file{}, nil, nil
}

// defining is the first file that defines service: the one it belongs to.
func defining(files []file, service string) string {
	for _, f := range files {
		for _, d := range f.docs {
			if manifest.Lookup(d, "services", service) != nil {
				return f.name
			}
		}
	}
	return files[0].name
}

// service is the Container that s starts.
func service(files []file, s types.ServiceConfig) manifest.Container {
	c := manifest.Container{Orchestrator: manifest.Compose, Owner: "service " + s.Name, Name: s.Name,
		Words: map[*container.Command][]*yaml.Node{}, Src: map[string][]byte{}}
	// A value that no file sets where the service is (extends from another
	// file) is reported on the service itself.
	where := func(keys ...string) container.Source {
		f, k, _ := find(files, s.Name, keys...)
		if k == nil {
			f, k, _ = find(files, s.Name)
		}
		if k == nil {
			f = files[0]
		}
		return manifest.At(f.name, k)
	}
	c.File = defining(files, s.Name)
	l := &c.Layer
	if s.Image != "" {
		l.Image = container.Setting[string]{Value: s.Image, From: where("image"), Set: true}
	}
	command := func(key string, argv types.ShellCommand) *container.Command {
		cmd := &container.Command{Argv: argv, From: where(key)}
		if f, _, n := find(files, s.Name, key); n != nil {
			if words := manifest.Scalars(n); len(words) == len(argv) {
				c.Words[cmd], c.Src[f.name] = words, f.src
			}
		}
		return cmd
	}
	// A string is split into words, never handed to a shell: exec form.
	if s.Entrypoint != nil {
		l.Entrypoint = command("entrypoint", s.Entrypoint)
	}
	if s.Command != nil {
		l.Cmd = command("command", s.Command)
	}
	if s.Init != nil {
		l.Init = container.Setting[bool]{Value: *s.Init, From: where("init"), Set: true}
	}
	if s.StopSignal != "" {
		l.StopSignal = container.Setting[string]{Value: s.StopSignal, From: where("stop_signal"), Set: true}
	}
	if s.StopGracePeriod != nil {
		l.Grace = container.Setting[time.Duration]{Value: time.Duration(*s.StopGracePeriod), From: where("stop_grace_period"), Set: true}
	}
	if b := s.Build; b != nil {
		c.Build = &manifest.Build{Context: b.Context, Inline: b.DockerfileInline, Target: b.Target, At: where("build")}
		if b.DockerfileInline == "" {
			c.Build.Dockerfile = b.Dockerfile
			if c.Build.Dockerfile == "" {
				c.Build.Dockerfile = "Dockerfile"
			}
			if !filepath.IsAbs(c.Build.Dockerfile) {
				c.Build.Dockerfile = filepath.Join(b.Context, c.Build.Dockerfile)
			}
		}
	}
	return c
}
