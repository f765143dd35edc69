// Package engine is gracelint's narrow view of a Docker Engine: build and import
// images, run a container, look at its processes, stop it and clean up.
//
// It uses the Engine's Go client with API-version negotiation, so it talks to old
// daemons (Debian's docker.io 20.10 speaks API 1.41) as well as new ones, and it
// needs no docker CLI.
package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	"github.com/moby/moby/client/pkg/jsonmessage"
)

// Engine is a connection to a Docker Engine.
type Engine struct {
	c *client.Client
}

// Connect reaches the engine the docker CLI would use (DOCKER_HOST, DOCKER_CONTEXT,
// the CLI's current context, or the local socket) and checks that it answers.
func Connect(ctx context.Context) (*Engine, error) {
	opts, from, err := endpoint()
	if err != nil {
		return nil, err
	}
	if from != "" {
		from = " (from " + from + ")"
	}
	c, err := client.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("docker engine%s: %w", from, err)
	}
	if _, err := c.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		c.Close()
		return nil, fmt.Errorf("docker engine at %s%s does not answer: %w", c.DaemonHost(), from, err)
	}
	return &Engine{c: c}, nil
}

// Host is the address of the engine, as the client dials it.
func (e *Engine) Host() string { return e.c.DaemonHost() }

// Close releases the connection.
func (e *Engine) Close() error { return e.c.Close() }

// Import creates image ref from a root filesystem tar stream, as docker import does.
// changes are Dockerfile instructions applied to the image config (ENV, LABEL, CMD ...).
func (e *Engine) Import(ctx context.Context, ref string, rootfs io.Reader, changes []string) error {
	out, err := e.c.ImageImport(ctx, client.ImageImportSource{Source: rootfs, SourceName: "-"}, ref, client.ImageImportOptions{Changes: changes})
	if err != nil {
		return fmt.Errorf("import %s: %w", ref, err)
	}
	defer out.Close()
	if _, err := readMessages(out); err != nil {
		return fmt.Errorf("import %s: %w", ref, err)
	}
	return nil
}

// Build builds buildContext (a tar stream with a Dockerfile at its root) with the
// classic builder, which every engine has, and tags the result. It returns the
// build's output, which also explains a failed build.
func (e *Engine) Build(ctx context.Context, tag string, buildContext io.Reader, labels map[string]string) (string, error) {
	res, err := e.c.ImageBuild(ctx, buildContext, client.ImageBuildOptions{
		Tags:        []string{tag},
		Labels:      labels,
		Remove:      true,
		ForceRemove: true, // no intermediate container is left behind, even when a step fails
		// Every build gets its own layers: builds that run at the same time must not
		// share cached intermediate images, which removing one image (with its
		// untagged parents) would pull from under another ("unknown parent image
		// ID"), nor end up as one image ID under two tags.
		NoCache: true,
		Version: build.BuilderV1,
	})
	if err != nil {
		return "", fmt.Errorf("build %s: %w", tag, err)
	}
	defer res.Body.Close()
	log, err := readMessages(res.Body)
	if err != nil {
		return log, fmt.Errorf("build %s: %w", tag, err)
	}
	return log, nil
}

// readMessages drains a JSON message stream (build or import progress) and
// returns its text; an error message in the stream becomes the error.
func readMessages(r io.Reader) (string, error) {
	var out bytes.Buffer
	err := jsonmessage.DisplayJSONMessagesStream(r, &out, 0, false, nil)
	return out.String(), err
}

// RemoveImage deletes an image by reference, with its untagged parents. An image
// that is gone afterwards is not an error, however the daemon words its answer:
// when several tags of one image are removed at once, 20.10 answers one of them
// "unrecognized image ID" although the image went.
func (e *Engine) RemoveImage(ctx context.Context, ref string) error {
	_, err := e.c.ImageRemove(ctx, ref, client.ImageRemoveOptions{Force: true, PruneChildren: true})
	if err == nil || cerrdefs.IsNotFound(err) {
		return nil
	}
	if _, inspectErr := e.c.ImageInspect(ctx, ref); cerrdefs.IsNotFound(inspectErr) {
		return nil
	}
	return fmt.Errorf("remove image %s: %w", ref, err)
}

// HasImage reports whether the engine has an image named ref.
func (e *Engine) HasImage(ctx context.Context, ref string) (bool, error) {
	_, err := e.c.ImageInspect(ctx, ref)
	switch {
	case err == nil:
		return true, nil
	case cerrdefs.IsNotFound(err):
		return false, nil
	}
	return false, fmt.Errorf("inspect image %s: %w", ref, err)
}

// ImagesLabelled lists the IDs of images that carry label key=value.
func (e *Engine) ImagesLabelled(ctx context.Context, key, value string) ([]string, error) {
	res, err := e.c.ImageList(ctx, client.ImageListOptions{Filters: make(client.Filters).Add("label", key+"="+value)})
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	var ids []string
	for _, img := range res.Items {
		ids = append(ids, img.ID)
	}
	return ids, nil
}

// ContainersLabelled lists the IDs of containers, running or not, that carry label key=value.
func (e *Engine) ContainersLabelled(ctx context.Context, key, value string) ([]string, error) {
	cs, err := e.Containers(ctx, key+"="+value)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids, err
}

// A Container is one row of docker ps -a.
type Container struct {
	ID     string
	Name   string // without the leading slash
	Labels map[string]string
}

// Containers lists the containers, running or not, that match label, which is
// a label filter as docker ps --filter label= takes: KEY or KEY=VALUE.
func (e *Engine) Containers(ctx context.Context, label string) ([]Container, error) {
	res, err := e.c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: make(client.Filters).Add("label", label)})
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	var cs []Container
	for _, c := range res.Items {
		var name string
		if len(c.Names) > 0 {
			name = strings.TrimPrefix(c.Names[0], "/")
		}
		cs = append(cs, Container{ID: c.ID, Name: name, Labels: c.Labels})
	}
	return cs, nil
}

// HasNetwork reports whether the engine has a network named name.
func (e *Engine) HasNetwork(ctx context.Context, name string) (bool, error) {
	_, err := e.c.NetworkInspect(ctx, name, client.NetworkInspectOptions{})
	if cerrdefs.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("inspect network %s: %w", name, err)
	}
	return true, nil
}

// A Spec says how to run a container.
type Spec struct {
	Name        string // the container's name; "" lets the engine choose one
	Image       string
	Entrypoint  []string // replaces the image's ENTRYPOINT (and drops its CMD) when not empty
	Cmd         []string // replaces the image's CMD when not empty
	PIDMode     string   // "container:ID" joins that container's PID namespace, as docker run --pid
	Interactive bool     // keep stdin open and allocate a TTY, as docker run -it
	Init        bool     // run the engine's init (docker-init) as PID 1 in front of the command, as docker run --init
	Network     string   // network mode, such as "none"
	Memory      int64    // memory limit in bytes, 0 for none
	Labels      map[string]string
}

// Create creates a container without starting it and returns its ID.
func (e *Engine) Create(ctx context.Context, s Spec) (string, error) {
	host := &container.HostConfig{
		NetworkMode: container.NetworkMode(s.Network),
		Resources:   container.Resources{Memory: s.Memory},
		PidMode:     container.PidMode(s.PIDMode),
	}
	if s.Init { // as docker run: without --init the daemon's default applies
		host.Init = &s.Init
	}
	res, err := e.c.ContainerCreate(ctx, client.ContainerCreateOptions{
		Image: s.Image,
		Config: &container.Config{
			Entrypoint: s.Entrypoint,
			Cmd:        s.Cmd,
			Tty:        s.Interactive,
			OpenStdin:  s.Interactive,
			Labels:     s.Labels,
		},
		HostConfig: host,
		Name:       s.Name,
	})
	if err != nil {
		return "", fmt.Errorf("create container from %s: %w", s.Image, err)
	}
	return res.ID, nil
}

// Start starts a created container.
func (e *Engine) Start(ctx context.Context, id string) error {
	if _, err := e.c.ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		return fmt.Errorf("start container %.12s: %w", id, err)
	}
	return nil
}

// State is what the engine knows about a container.
type State struct {
	Running    bool
	Pid        int // PID 1 of the container, as the host sees it
	ExitCode   int
	OOMKilled  bool
	StopSignal string    // the image's STOPSIGNAL, "" for the default SIGTERM
	FinishedAt time.Time // when PID 1 last exited, by the engine's clock; zero if it has not
}

// Inspect reports a container's state.
func (e *Engine) Inspect(ctx context.Context, id string) (State, error) {
	res, err := e.c.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return State{}, fmt.Errorf("inspect container %.12s: %w", id, err)
	}
	c := res.Container
	var s State
	if c.State != nil {
		s = State{Running: c.State.Running, Pid: c.State.Pid, ExitCode: c.State.ExitCode, OOMKilled: c.State.OOMKilled}
		s.FinishedAt, _ = time.Parse(time.RFC3339Nano, c.State.FinishedAt) // zero when unset or malformed
	}
	if c.Config != nil {
		s.StopSignal = c.Config.StopSignal
	}
	return s, nil
}

// A Process is one row of docker top.
type Process struct {
	Pid int // as the host sees it
	Cmd string
}

// Top lists a running container's processes.
func (e *Engine) Top(ctx context.Context, id string) ([]Process, error) {
	res, err := e.c.ContainerTop(ctx, id, client.ContainerTopOptions{})
	if err != nil {
		return nil, fmt.Errorf("list processes of container %.12s: %w", id, err)
	}
	pidCol, cmdCol := -1, -1
	for i, t := range res.Titles {
		switch t {
		case "PID":
			pidCol = i
		case "CMD", "COMMAND":
			cmdCol = i
		}
	}
	if pidCol < 0 || cmdCol < 0 {
		return nil, fmt.Errorf("list processes of container %.12s: no PID or CMD column in %q", id, res.Titles)
	}
	var ps []Process
	for _, row := range res.Processes {
		pid, err := strconv.Atoi(row[pidCol])
		if err != nil {
			return nil, fmt.Errorf("list processes of container %.12s: bad PID %q", id, row[pidCol])
		}
		ps = append(ps, Process{Pid: pid, Cmd: row[cmdCol]})
	}
	return ps, nil
}

// Stop stops a container as docker stop -t does: the image's stop signal, then
// SIGKILL once grace has passed. It returns when the container has exited.
func (e *Engine) Stop(ctx context.Context, id string, grace time.Duration) error {
	secs := int(grace / time.Second)
	if _, err := e.c.ContainerStop(ctx, id, client.ContainerStopOptions{Timeout: &secs}); err != nil {
		return fmt.Errorf("stop container %.12s: %w", id, err)
	}
	return nil
}

// Logs writes everything the container wrote so far to its standard output and
// error to out, as it streams from the engine: out decides what to keep.
func (e *Engine) Logs(ctx context.Context, id string, tty bool, out io.Writer) error {
	r, err := e.c.ContainerLogs(ctx, id, client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		return fmt.Errorf("logs of container %.12s: %w", id, err)
	}
	defer r.Close()
	if tty { // a TTY's output is one raw stream; otherwise stdout and stderr are multiplexed
		_, err = io.Copy(out, r)
	} else {
		_, err = stdcopy.StdCopy(out, out, r)
	}
	if err != nil {
		return fmt.Errorf("logs of container %.12s: %w", id, err)
	}
	return nil
}

// Type writes text to the standard input of a container started with Interactive,
// as a user typing at docker run -it.
func (e *Engine) Type(ctx context.Context, id, text string) error {
	res, err := e.c.ContainerAttach(ctx, id, client.ContainerAttachOptions{Stream: true, Stdin: true})
	if err != nil {
		return fmt.Errorf("attach to container %.12s: %w", id, err)
	}
	defer res.Close()
	if _, err := io.Copy(res.Conn, strings.NewReader(text)); err != nil {
		return fmt.Errorf("write to container %.12s: %w", id, err)
	}
	return nil
}

// Exists reports whether the engine has the container id (an ID or a name).
func (e *Engine) Exists(ctx context.Context, id string) (bool, error) {
	_, err := e.c.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if cerrdefs.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("inspect container %.12s: %w", id, err)
	}
	return true, nil
}

// Remove deletes a container, killing it first if it still runs. A container that
// is already gone, or that another client is removing, is not an error.
func (e *Engine) Remove(ctx context.Context, id string) error {
	_, err := e.c.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	if err == nil || cerrdefs.IsNotFound(err) {
		return nil
	}
	if cerrdefs.IsConflict(err) && strings.Contains(err.Error(), "already in progress") {
		// Another client removes it (two verify runs sweeping the same
		// orphan): done once it is gone.
		for {
			if exists, existsErr := e.Exists(ctx, id); existsErr == nil && !exists {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("remove container %.12s: %w", id, err)
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return fmt.Errorf("remove container %.12s: %w", id, err)
}
