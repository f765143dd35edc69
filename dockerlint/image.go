package dockerlint

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/shell"
)

// An image is the container configuration that the default target (the last
// stage) produces, resolved through its FROM <stage> chain the way docker build
// dispatches it.
type image struct {
	base      string         // external base image reference with ARGs expanded; "" if it expands to nothing
	family    shell.Family   // Unknown when it is not certain
	families  []shell.Family // what /bin/sh may be: family alone when it is known
	familyWhy string         // why family, in words a message can quote
	windows   bool           // Windows containers have no SIGTERM story: PID 1 rules do not apply
	// busyboxOnPath: there is no /bin/sh, but sh and ash on PATH are BusyBox's
	// (the :debug tags of the distroless images, with /busybox on PATH).
	busyboxOnPath bool

	entrypoint *command // nil when unset or ENTRYPOINT []
	cmd        *command // nil when unset or reset by a later ENTRYPOINT
	stopSignal *stopSignal
	copies     []copyInto // COPY and ADD along the chain, in build order
	runs       []runStep  // RUN along the chain, in build order
	workdir    string     // the working directory the container starts in

	facts   *imagefacts.Facts // what was read from the base image itself; nil if nothing
	baseAt  span              // the FROM line of the stage built on the external base
	baseErr error             // the base reference does not parse
}

// A runStep is one RUN: its command line and the directory it runs in.
type runStep struct {
	argv      []string // exec form, or the shell-form string as one element
	shellForm bool
	workdir   string
	at        span
}

// A command is a CMD or ENTRYPOINT as Docker stores it in the image config.
type command struct {
	name      string   // "CMD" or "ENTRYPOINT"
	argv      []string // shell form already carries its SHELL in front, as in the image config
	shellForm bool
	at        span
	inherited bool // from the base image's config; at is the FROM line
}

type stopSignal struct {
	signal  string // its build arguments expanded when they have defaults
	written string // as the Dockerfile writes it
	at      span
	// inherited: from the base image's config; at is the FROM line
	inherited bool
}

// String is the signal as a message should name it: as written, and what it
// expands to when that differs.
func (s *stopSignal) String() string {
	if s.written != s.signal {
		return s.written + " (" + s.signal + ")"
	}
	return s.signal
}

// A copyInto is one COPY or ADD: what went where in the image.
type copyInto struct {
	sources  []string                     // paths in the build context or in the --from stage
	contents []instructions.SourceContent // heredoc bodies, named by their delimiter
	dest     string                       // absolute destination; ends in "/" when it is a directory
	from     string                       // --from value; "" for the build context
	at       span
}

// maxStageHops bounds how many COPY --from steps are followed back to find
// where a file of the image came from.
const maxStageHops = 4

// defaultShell is what Docker prepends to shell-form commands on Linux.
var defaultShell = []string{"/bin/sh", "-c"}

// rootDirs are destinations that can replace the image's /bin/sh.
var rootDirs = map[string]bool{"/": true, "/bin/": true, "/bin/sh": true, "/usr/": true}

// buildImage resolves stage i of df; the default target is the last one.
func buildImage(df *dockerfile, i int, images []config.Image) *image {
	return buildImageOn(df, i, images, nil)
}

// buildImageOn is buildImage reading what the base image brings with resolver
// (nil: gracelint's table only).
func buildImageOn(df *dockerfile, i int, images []config.Image, resolver BaseResolver) *image {
	img := &image{}
	chain, unset := img.chain(df, i)
	root := chain[0]
	img.baseAt = df.spanOf(root.Location)
	img.family, img.families, img.familyWhy = baseShell(img.base, images)
	if len(unset) > 0 {
		img.family, img.families = shell.Unknown, anyShell
		img.familyWhy = fmt.Sprintf("the base image %s depends on build arguments without a default (%s), so its /bin/sh is unknown",
			root.BaseName, strings.Join(unset, ", "))
	} else if resolver != nil {
		overridden := override(img.base, images) != nil
		sure := overridden || img.family != shell.Unknown && chainRuns(chain)
		img.facts, img.baseErr = resolver.Resolve(img.base, root.Platform, sure)
		if img.facts != nil && !overridden {
			img.family, img.families, img.familyWhy = resolvedShell(img.base, img.facts)
		}
	}
	img.windows = isWindowsImage(img.base)
	img.busyboxOnPath = img.family == shell.None && isDistrolessDebug(img.base)

	shellArgv := defaultShell
	workdir := "/"                  // a stage inherits the WORKDIR of the stage it is FROM
	vars := stageEnv{env: argEnv{}} // ENV is inherited from the stage a stage is FROM, ARG is not
	if f := img.facts; f != nil {
		img.windows = img.windows || strings.HasPrefix(f.Platform, "windows/")
		if len(f.Shell) > 0 {
			shellArgv = f.Shell
		}
		if f.WorkingDir != "" {
			workdir = path.Join("/", f.WorkingDir)
		}
		img.entrypoint = inheritedCommand("ENTRYPOINT", f.Entrypoint, shellArgv, img.baseAt)
		img.cmd = inheritedCommand("CMD", f.Cmd, shellArgv, img.baseAt)
		if f.StopSignal != "" {
			img.stopSignal = &stopSignal{signal: f.StopSignal, at: img.baseAt, inherited: true}
		}
	}
	for _, st := range chain {
		cmdSetHere := false // Docker resets an inherited CMD on ENTRYPOINT unless this stage set CMD
		vars.args = argEnv{}
		for _, c := range st.Commands {
			at := df.spanOf(c.Location())
			switch c := c.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if kv.Value != nil {
						vars.args[kv.Key], _, _ = df.expander.expand(*kv.Value, vars, "ARG", at)
					} else if v, ok := metaArgs(df)[kv.Key]; ok {
						vars.args[kv.Key] = v // ARG NAME takes the default of the ARG before FROM
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					vars.env[kv.Key], _, _ = df.expander.expand(kv.Value, vars, "ENV", at)
				}
			case *instructions.ShellCommand:
				shellArgv = c.Shell
				if isWindowsShell(c.Shell) {
					img.windows = true
				}
			case *instructions.CmdCommand:
				img.cmd = newCommand("CMD", c.ShellDependantCmdLine, shellArgv, at)
				cmdSetHere = true
			case *instructions.EntrypointCommand:
				img.entrypoint = newCommand("ENTRYPOINT", c.ShellDependantCmdLine, shellArgv, at)
				if !cmdSetHere {
					img.cmd = nil
				}
			case *instructions.StopSignalCommand:
				img.stopSignal = &stopSignal{signal: c.Signal, written: c.Signal, at: at}
				if sig, unset, ok := df.expander.expand(c.Signal, vars, "STOPSIGNAL", at); ok && len(unset) == 0 {
					img.stopSignal.signal = sig // a value given only by --build-arg stays as written
				}
			case *instructions.WorkdirCommand:
				workdir = path.Join(workdir, c.Path)
			case *instructions.CopyCommand:
				img.addCopy(c.SourcesAndDest, c.From, workdir, at)
			case *instructions.AddCommand:
				img.addCopy(c.SourcesAndDest, "", workdir, at)
			case *instructions.RunCommand:
				img.runs = append(img.runs, runStep{argv: runArgs(c), shellForm: c.PrependShell, workdir: workdir, at: at})
			}
		}
	}
	img.workdir = workdir
	if r := img.rootfs(); r != nil && img.family == shell.None {
		img.family, img.families = shell.Unknown, anyShell
		img.familyWhy = fmt.Sprintf("base image %s has no /bin/sh, but line %d copies files into %s, which may bring one",
			img.base, r.at.line, r.dest)
	}
	return img
}

// chainRuns reports whether the stages set what the container runs, so that
// the base image's ENTRYPOINT and CMD cannot be all it runs.
func chainRuns(chain []*instructions.Stage) bool {
	for _, st := range chain {
		for _, c := range st.Commands {
			switch c.(type) {
			case *instructions.CmdCommand, *instructions.EntrypointCommand:
				return true
			}
		}
	}
	return false
}

// inheritedCommand is the base image's ENTRYPOINT or CMD as its config stores
// it. It is shell form when it is the base's SHELL and one string, as docker
// build stores a shell-form command.
func inheritedCommand(name string, argv, shellArgv []string, at span) *command {
	if len(argv) == 0 {
		return nil
	}
	shellForm := len(argv) == len(shellArgv)+1
	for i := 0; shellForm && i < len(shellArgv); i++ {
		shellForm = argv[i] == shellArgv[i]
	}
	return &command{name: name, argv: argv, shellForm: shellForm, at: at, inherited: true}
}

// baseScript is the script named prog that the base image's ENTRYPOINT (or
// CMD) runs, as read from the image.
func (img *image) baseScript(prog string) (source, bool) {
	if img.facts == nil {
		return source{}, false
	}
	s, ok := img.facts.Scripts[prog]
	if !ok {
		return source{}, false
	}
	return source{file: s.Path, src: s.Content, image: fmt.Sprintf("base image %s, %s", img.base, img.facts.Source())}, true
}

// shipsBash reports whether the image's /bin/sh is bash, of whichever release.
func (img *image) shipsBash() bool {
	for _, f := range img.families {
		if !f.IsBash() {
			return false
		}
	}
	return len(img.families) > 0
}

// chain returns the stages from the one on an external base to stage i, following
// FROM <stage>, records the external base reference, and returns the build
// arguments without a default that it needed.
func (img *image) chain(df *dockerfile, i int) ([]*instructions.Stage, []string) {
	args := metaArgs(df)
	var chain []*instructions.Stage
	for {
		st := &df.stages[i]
		chain = append([]*instructions.Stage{st}, chain...)
		ref, unset, _ := df.expander.expand(st.BaseName, args, "FROM", df.spanOf(st.Location))
		sort.Strings(unset)
		j := earlierStage(df, i, ref)
		if j < 0 {
			img.base = ref
			return chain, unset
		}
		i = j
	}
}

// stageIndex is the index of the stage a COPY --from names (by name or number),
// or -1 for an external image.
func stageIndex(df *dockerfile, from string) int {
	if n, err := strconv.Atoi(from); err == nil {
		if n >= 0 && n < len(df.stages) {
			return n
		}
		return -1
	}
	return earlierStage(df, len(df.stages), from)
}

// earlierStage is the index of the stage before i named ref, or -1. Only earlier
// stages count, as in docker build, which also rules out cycles.
func earlierStage(df *dockerfile, i int, ref string) int {
	for j := i - 1; j >= 0; j-- {
		if df.stages[j].Name != "" && strings.EqualFold(df.stages[j].Name, ref) {
			return j
		}
	}
	return -1
}

// metaArgs are the ARGs before the first FROM with their defaults, each expanded
// with the ones before it, as docker build does without --build-arg; computed
// once per file.
func metaArgs(df *dockerfile) argEnv {
	if df.meta != nil {
		return df.meta
	}
	env := argEnv{}
	for _, a := range df.metaArgs {
		at := df.spanOf(a.Location())
		for _, kv := range a.Args {
			if kv.Value != nil {
				env[kv.Key], _, _ = df.expander.expand(*kv.Value, env, "ARG", at)
			}
		}
	}
	df.meta = env
	return env
}

// stageEnv is what a stage's instructions expand with: its ENV values (its
// own and those of the stages it is FROM), which win over its ARGs.
type stageEnv struct{ env, args argEnv }

func (e stageEnv) Get(k string) (string, bool) {
	if v, ok := e.env[k]; ok {
		return v, true
	}
	return e.args.Get(k)
}

func (e stageEnv) Keys() []string { return append(e.env.Keys(), e.args.Keys()...) }

// argEnv is a set of build arguments for BuildKit's word expander.
type argEnv map[string]string

func (e argEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }

func (e argEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	return keys
}

// runArgs is what a RUN hands to its shell or runs, its heredocs resolved as
// docker build does (dockerfile2llb's dispatchRun): RUN <<EOF runs the body
// as the shell string, and RUN cmd <<EOF ... gets the bodies appended.
func runArgs(c *instructions.RunCommand) []string {
	if len(c.Files) == 0 || len(c.CmdLine) != 1 || !c.PrependShell {
		return c.CmdLine
	}
	if parser.MustParseHeredoc(c.CmdLine[0]) == nil {
		full := c.CmdLine[0]
		for _, f := range c.Files {
			full += "\n" + f.Data + f.Name
		}
		return []string{full}
	}
	data := c.Files[0].Data
	if c.Files[0].Chomp {
		data = parser.ChompHeredocContent(data)
	}
	if !isShellScript([]byte(data)) {
		return nil // run by the interpreter its #! names
	}
	return []string{data}
}

// newCommand stores a CMD or ENTRYPOINT the way Docker does: shell form becomes
// SHELL + the joined string; ENTRYPOINT [] unsets it.
func newCommand(name string, cl instructions.ShellDependantCmdLine, shellArgv []string, at span) *command {
	if len(cl.CmdLine) == 0 && name == "ENTRYPOINT" {
		return nil
	}
	argv := cl.CmdLine
	if cl.PrependShell {
		argv = append(append([]string(nil), shellArgv...), strings.Join(cl.CmdLine, " "))
	}
	return &command{name: name, argv: argv, shellForm: cl.PrependShell, at: at}
}

func (img *image) addCopy(sd instructions.SourcesAndDest, from, workdir string, at span) {
	dest := sd.DestPath
	if !path.IsAbs(dest) {
		dest = path.Join(workdir, dest)
		if strings.HasSuffix(sd.DestPath, "/") || sd.DestPath == "." {
			dest += "/"
		}
	}
	if len(sd.SourcePaths)+len(sd.SourceContents) > 1 && !strings.HasSuffix(dest, "/") {
		dest += "/" // several sources can only go into a directory
	}
	img.copies = append(img.copies, copyInto{sources: sd.SourcePaths, contents: sd.SourceContents, dest: dest, from: from, at: at})
}

// rootfs returns the COPY or ADD that may have put a different /bin/sh into the
// image (a root filesystem into /, or files into /bin), if any.
func (img *image) rootfs() *copyInto {
	for i := range img.copies {
		c := &img.copies[i]
		d := c.dest
		if !strings.HasSuffix(d, "/") && d != "/bin/sh" {
			d += "/"
		}
		if rootDirs[d] {
			return c
		}
	}
	return nil
}

// isWindowsImage recognises Microsoft's Windows base images and the Windows tags
// of official images.
func isWindowsImage(ref string) bool {
	name, tag := splitReference(ref)
	return strings.HasPrefix(name, "mcr.microsoft.com/windows") ||
		strings.Contains(tag, "windowsservercore") || strings.Contains(tag, "nanoserver")
}

func isWindowsShell(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	switch strings.ToLower(strings.TrimSuffix(path.Base(strings.ReplaceAll(argv[0], `\`, "/")), ".exe")) {
	case "cmd", "powershell", "pwsh":
		return true
	}
	return false
}
