package dockerlint

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/linuxsig"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/shell"
)

// A MainProcess is the program a Dockerfile's image runs as its main process,
// how docker stop signals it, and where the program came from: the model that
// links a Dockerfile to the Go program it ships. Build or Copied is set.
type MainProcess struct {
	Dockerfile string
	Program    string // the file the main process runs, as the image names it

	Line, Col, EndLine, EndCol int // the ENTRYPOINT or CMD that starts it

	StopSignal     int    // the Linux signal number docker stop sends first
	StopSignalName string // as the Dockerfile writes it; "SIGTERM" by default
	StopSignalLine int    // the STOPSIGNAL line; 0 for the default

	Build  *GoBuild // built by the go command in a stage of the Dockerfile
	Copied string   // copied from the build context: the absolute path of that file, built outside Docker

	ignores *ignores
}

// A GoBuild is the RUN whose go build or go install wrote the program.
type GoBuild struct {
	Line int
	// Packages are the absolute directories of the packages built, as they are
	// in the build context; one ending in "/..." stands for every package below.
	Packages []string
	// Binary is the name the program must have to be the one built: its file
	// name when the go command names the file after the package, "" when -o
	// names the file itself.
	Binary string
}

// Ignores reports whether a "# gracelint ignore=" comment of the Dockerfile
// silences f, a finding on one of its lines.
func (m *MainProcess) Ignores(f finding.Finding) bool { return m.ignores.silenced(f) }

// mainProcess traces the program the final image runs back to where it came
// from, or returns nil: when it runs no program gracelint can name, when the
// stop signal is not a plain signal (GL106 judges those), and whenever the
// origin is not certain. It never guesses.
func (p *pass) mainProcess(ig *ignores) *MainProcess {
	l := p.run
	if l == nil {
		return nil
	}
	prog, ok := p.programOf(l)
	if !ok {
		return nil
	}
	from := l.from
	if l.script != nil && prog != l.argv[0] {
		from = l.scriptFrom // the script starts the program
	}
	m := &MainProcess{Dockerfile: p.df.path, Program: prog,
		Line: from.at.line, Col: from.at.col, EndLine: from.at.endLine, EndCol: from.at.endCol,
		StopSignal: linuxsig.SIGTERM, StopSignalName: "SIGTERM", ignores: ig}
	if s := p.img.stopSignal; s != nil {
		sig, ok := linuxsig.Parse(s.signal)
		if strings.Contains(s.signal, "$") || !ok || sig == linuxsig.SIGKILL || sig == linuxsig.SIGSTOP {
			return nil
		}
		m.StopSignal, m.StopSignalName, m.StopSignalLine = sig, s.signal, s.at.line
	}
	switch {
	case path.IsAbs(prog):
		prog = path.Clean(prog) // /srv/../../x is /x in the image
	case strings.Contains(prog, "/"):
		prog = path.Join(p.img.workdir, prog) // exec form runs a relative path from the working directory
	}
	m.Build, m.Copied = p.originOf(p.img, prog, 0)
	if m.Build == nil && m.Copied == "" {
		return nil
	}
	return m
}

// programOf is the program PID 1 ends up running: the launch's first word, or
// what the entrypoint script or a shell's -c string execs. It gives up on
// wrappers whose command it cannot see.
func (p *pass) programOf(l *launch) (string, bool) {
	prog := l.argv[0]
	if l.script != nil && l.script.verdict.Program != "" {
		prog = l.script.verdict.Program // exec /usr/local/bin/app "$@"
		if isWrapper(prog) {
			return "", false
		}
	}
	if sh, ok := p.img.shellOf(l.argv); ok && prog == l.argv[0] {
		if !sh.dashC || sh.script < 0 {
			return "", false
		}
		var ok bool
		if prog, ok = sh.program(l.argv[sh.script]); !ok {
			return "", false // the shell stays PID 1 (GL101) or nobody knows what runs
		}
	}
	if s := p.script(prog); s != nil {
		// ENTRYPOINT ["/entrypoint.sh"] with no arguments to hand over.
		prog = s.verdict.Program
		if !s.verdict.Execs || isWrapper(prog) {
			return "", false
		}
	}
	return prog, prog != "" && !strings.HasPrefix(prog, "-") && !isWrapper(prog)
}

// isWrapper reports whether prog runs another program that its own arguments name.
func isWrapper(prog string) bool {
	base := path.Base(prog)
	return isShellProgram(prog) || inits[base] || userSwitchers[base]
}

// A step is a COPY or a RUN of a stage chain, for walking them in build order.
type step struct {
	copy *copyInto
	run  *runStep
}

func (s step) line() int {
	if s.copy != nil {
		return s.copy.at.line
	}
	return s.run.at.line
}

// stepsBefore returns img's COPYs and RUNs before line (0: all), latest first.
func (img *image) stepsBefore(line int) []step {
	var out []step
	c, r := len(img.copies)-1, len(img.runs)-1
	for c >= 0 || r >= 0 {
		var s step
		if r < 0 || c >= 0 && img.copies[c].at.line > img.runs[r].at.line {
			s = step{copy: &img.copies[c]}
			c--
		} else {
			s = step{run: &img.runs[r]}
			r--
		}
		if line == 0 || s.line() < line {
			out = append(out, s)
		}
	}
	return out
}

// originOf finds what put file into img: the last COPY that can have, or a RUN
// of the go command that wrote it.
func (p *pass) originOf(img *image, file string, hops int) (*GoBuild, string) {
	for _, s := range img.stepsBefore(0) {
		if s.run != nil {
			if b := p.goBuildOf(img, s.run, file); b != nil {
				return b, ""
			}
			continue
		}
		c := s.copy
		for _, h := range c.contents {
			if imagePathMatches(c.destFor(h.Path), file) {
				return nil, "" // a heredoc is a script, not a program
			}
		}
		for _, src := range c.sources {
			there, exact := c.pathIn(src, file)
			switch {
			case there == "":
				continue
			case c.from != "":
				j := stageIndex(p.df, c.from)
				if j < 0 || hops >= maxStageHops {
					return nil, "" // an external image's file
				}
				return p.originOf(buildImage(p.df, j, p.opts.Images), path.Join("/", there), hops+1)
			case strings.ContainsAny(src, "*?["):
				return nil, ""
			}
			host, ok := p.contextBinary(there, exact)
			switch {
			case ok:
				return nil, host
			case exact:
				return nil, "" // this COPY put the file there, and it is no Go program
			}
		}
	}
	return nil, ""
}

// pathIn is where file, a file of the image, was in the copy's source src:
// src itself when src landed on file (exact), or a path below src when src is a
// directory copied into the destination; "" when the copy cannot have put it there.
func (c *copyInto) pathIn(src, file string) (there string, exact bool) {
	dir := strings.TrimSuffix(c.dest, "/") + "/"
	switch {
	case imagePathMatches(c.destFor(path.Base(src)), file):
		return src, true
	case path.IsAbs(file) && strings.HasPrefix(file, dir):
		return path.Join(src, strings.TrimPrefix(file, dir)), false
	case !strings.Contains(file, "/") && pathDirs[dir]:
		return path.Join(src, file), false // found through PATH
	}
	return "", false
}

// pathDirs are the directories of the PATH that Linux base images set.
var pathDirs = map[string]bool{"/usr/local/sbin/": true, "/usr/local/bin/": true, "/usr/sbin/": true, "/usr/bin/": true, "/sbin/": true, "/bin/": true}

// contextBinary is the host path of rel in the build context when it can be a
// program built outside Docker: absent (built before docker build runs) when
// the COPY names it, or an ELF executable; never a directory or a script.
func (p *pass) contextBinary(rel string, named bool) (string, bool) {
	host, ok := p.inContext(rel)
	if !ok {
		return "", false
	}
	host, err := filepath.Abs(host)
	if err != nil {
		return "", false
	}
	info, err := os.Stat(host)
	if err != nil {
		return host, named && os.IsNotExist(err)
	}
	if info.IsDir() {
		return host, false
	}
	f, err := regularfile.Open(host) // a named pipe would block the read below
	if err != nil {
		return host, false
	}
	defer f.Close()
	magic := make([]byte, 4)
	n, _ := f.Read(magic)
	return host, bytes.Equal(magic[:n], elfMagic)
}

// elfMagic starts every Linux executable.
var elfMagic = []byte("\x7fELF")

// goBuildOf returns the go build or go install of r that wrote file, if any.
func (p *pass) goBuildOf(img *image, r *runStep, file string) *GoBuild {
	var cmds []shell.SimpleCommand
	if r.shellForm {
		var err error
		if cmds, err = shell.SimpleCommands(strings.Join(r.argv, " "), r.workdir); err != nil {
			return nil
		}
	} else {
		c := shell.SimpleCommand{Dir: r.workdir}
		for _, a := range r.argv {
			c.Words = append(c.Words, shell.Word{Text: a, Literal: true})
		}
		cmds = append(cmds, c)
	}
	for i := len(cmds) - 1; i >= 0; i-- {
		gc, ok := parseGoCommand(cmds[i])
		if !ok {
			continue
		}
		binary, ok := gc.writes(file)
		if !ok {
			continue
		}
		b := &GoBuild{Line: r.at.line, Binary: binary}
		for _, pkg := range gc.packages {
			tree := strings.HasSuffix(pkg, "/...")
			dir, ok := p.hostDir(img, strings.TrimSuffix(pkg, "/..."), r.at.line, 0)
			if !ok {
				return nil // built from sources that are not in the build context
			}
			if tree {
				dir += "/..."
			}
			b.Packages = append(b.Packages, dir)
		}
		return b
	}
	return nil
}

// hostDir maps dir, a directory of img at the RUN on line, to the directory of
// the build context a COPY put there, following COPY --from.
func (p *pass) hostDir(img *image, dir string, line, hops int) (string, bool) {
	for _, s := range img.stepsBefore(line) {
		c := s.copy
		if c == nil {
			continue
		}
		for _, src := range c.sources {
			there, _ := c.pathIn(src, dir)
			if strings.TrimSuffix(c.dest, "/") == dir {
				there = src // a directory copied into dir
			}
			switch {
			case there == "" || strings.ContainsAny(src, "*?["):
				continue
			case c.from != "":
				j := stageIndex(p.df, c.from)
				if j < 0 || hops >= maxStageHops {
					return "", false
				}
				return p.hostDir(buildImage(p.df, j, p.opts.Images), path.Join("/", there), 0, hops+1)
			}
			host, ok := p.inContext(there)
			if !ok {
				continue
			}
			host, err := filepath.Abs(host)
			if info, statErr := os.Stat(host); err == nil && statErr == nil && info.IsDir() {
				return host, true
			}
		}
	}
	return "", false
}

// A goCommand is a go build or go install, read from its words.
type goCommand struct {
	install  bool
	dir      string   // where it runs (after -C)
	output   string   // -o, resolved against dir; "" if none
	packages []string // resolved against dir; "/..." kept
}

// goValueFlags are the build flags that take a value; any flag not known here
// or in goBoolFlags makes the command unreadable.
var goValueFlags = map[string]bool{
	"C": true, "o": true, "p": true, "asmflags": true, "buildmode": true, "compiler": true,
	"gccgoflags": true, "gcflags": true, "installsuffix": true, "ldflags": true, "mod": true,
	"modfile": true, "overlay": true, "pgo": true, "pkgdir": true, "tags": true, "toolexec": true,
	"covermode": true, "coverpkg": true,
}

var goBoolFlags = map[string]bool{
	"a": true, "n": true, "race": true, "msan": true, "asan": true, "cover": true, "v": true,
	"work": true, "x": true, "linkshared": true, "trimpath": true, "buildvcs": true, "modcacherw": true,
}

// parseGoCommand reads c as go build or go install of packages of the build
// context: relative package paths only, since an import path or a path@version
// may name code from anywhere.
func parseGoCommand(c shell.SimpleCommand) (goCommand, bool) {
	w := c.Words
	if len(w) < 2 || w[0] != (shell.Word{Text: "go", Literal: true}) || !w[1].Literal || w[1].Text != "build" && w[1].Text != "install" {
		return goCommand{}, false
	}
	gc := goCommand{install: w[1].Text == "install", dir: c.Dir}
	var pkgs []string
	for i := 2; i < len(w); i++ {
		if !w[i].Literal {
			return goCommand{}, false
		}
		if !strings.HasPrefix(w[i].Text, "-") {
			pkgs = append(pkgs, w[i].Text)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(w[i].Text, "-"), "=")
		switch {
		case goBoolFlags[name]:
		case goValueFlags[name]:
			if !hasValue {
				i++
				if i == len(w) || !w[i].Literal && (name == "o" || name == "C") {
					return goCommand{}, false
				}
				value = w[i].Text // -ldflags "-X main.v=$V" may expand: it decides nothing here
			}
			switch name {
			case "o":
				gc.output = value
			case "C":
				gc.dir = resolve(gc.dir, value)
			}
		default:
			return goCommand{}, false
		}
	}
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	for _, pkg := range pkgs {
		if pkg != "." && pkg != ".." && !strings.HasPrefix(pkg, "./") && !strings.HasPrefix(pkg, "../") {
			return goCommand{}, false
		}
		tree := strings.HasSuffix(pkg, "/...")
		pkg = resolve(gc.dir, strings.TrimSuffix(pkg, "/..."))
		if tree {
			pkg += "/..."
		}
		gc.packages = append(gc.packages, pkg)
	}
	if gc.output != "" {
		trailing := strings.HasSuffix(gc.output, "/")
		gc.output = resolve(gc.dir, gc.output)
		if trailing {
			gc.output += "/"
		}
	}
	return gc, true
}

func resolve(dir, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// installDirs are where go install puts programs in the official golang images
// (GOPATH=/go) and for root with the default GOPATH.
var installDirs = map[string]bool{"/go/bin": true, "/root/go/bin": true}

// writes reports whether the command writes file, and under which name
// constraint (see GoBuild.Binary).
func (gc goCommand) writes(file string) (binary string, ok bool) {
	single := len(gc.packages) == 1 && !strings.HasSuffix(gc.packages[0], "/...")
	abs := path.IsAbs(file)
	dir, base := path.Dir(file), path.Base(file)
	switch {
	case gc.install:
		return base, abs && installDirs[dir] || !abs && !strings.Contains(file, "/")
	case gc.output == "":
		// go build of one main package writes it to the working directory.
		return base, single && (dir == gc.dir || !abs && !strings.Contains(file, "/"))
	case strings.HasSuffix(gc.output, "/") || !single:
		return base, dir == strings.TrimSuffix(gc.output, "/") || !abs && !strings.Contains(file, "/")
	case file == gc.output || !abs && base == path.Base(gc.output):
		return "", true
	}
	// -o names a directory that already exists: the program goes inside.
	return base, dir == gc.output
}
