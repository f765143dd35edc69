package dockerlint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// maxScript bounds what is read of a file the image runs; entrypoint scripts are
// small, and a large file is a binary or data, not something to parse.
const maxScript = 1 << 20

// A script is a file the Dockerfile put into the image (from the build context or
// a heredoc) and that the container runs, with what its shell does at the end.
type script struct {
	name    string // the file as a message should name it
	verdict shell.ScriptVerdict
}

// script finds the file the image runs as prog among the COPY and ADD
// instructions and analyses it once. It returns nil when the file did not come
// from the build context or a heredoc, cannot be read, or does not parse (that
// last is reported as GL000 on the script).
func (p *pass) script(prog string) *script {
	if s, ok := p.scripts[prog]; ok {
		return s
	}
	var s *script
	if name, src, ok := p.findFile(prog); ok {
		v, err := p.analyzeScript(name, src)
		if err != nil {
			p.findings = append(p.findings, finding.New(rule.ParseError, name, errLine(err), 1, errLine(err), 1,
				fmt.Sprintf("script run by the image does not parse, so GL103 cannot judge it: %v", err)))
		} else {
			s = &script{name: name, verdict: v}
		}
	}
	if p.scripts == nil {
		p.scripts = map[string]*script{}
	}
	p.scripts[prog] = s
	return s
}

// analyzeScript is shell.AnalyzeScript, remembered by content when the pass
// shares verdicts with other files. Errors are not remembered: they name the file.
func (p *pass) analyzeScript(name string, src []byte) (shell.ScriptVerdict, error) {
	if p.verdicts != nil {
		if v, ok := p.verdicts.Load(string(src)); ok {
			return v.(shell.ScriptVerdict), nil
		}
	}
	v, err := shell.AnalyzeScript(name, src)
	if err == nil && p.verdicts != nil {
		p.verdicts.Store(string(src), v)
	}
	return v, err
}

// maxStageHops bounds how many COPY --from steps findFile follows back.
const maxStageHops = 4

// findFile locates prog (absolute, or a bare name found through PATH, matched by
// its base name) among the files the final image got from the build context or a
// heredoc, directly or through COPY --from of another stage.
func (p *pass) findFile(prog string) (name string, src []byte, ok bool) {
	return p.findIn(p.img, prog, 0)
}

// findIn looks for prog in img's copies; the last copy wins, as in the image.
func (p *pass) findIn(img *image, prog string, hops int) (string, []byte, bool) {
	for i := len(img.copies) - 1; i >= 0; i-- {
		c := &img.copies[i]
		if c.from != "" {
			if name, src, ok := p.findFromStage(c, prog, hops); ok {
				return name, src, true
			}
			continue
		}
		for _, h := range c.contents {
			if imagePathMatches(c.destFor(h.Path), prog) {
				return fmt.Sprintf("%s:%d (heredoc %s)", p.df.path, c.at.line, h.Path), []byte(h.Data), true
			}
		}
		for _, srcPath := range c.sources {
			if name, src, ok := p.findInSource(c, srcPath, prog); ok {
				return name, src, true
			}
		}
	}
	return "", nil, false
}

// findFromStage follows COPY --from=<stage>: a multi-stage build often copies the
// entrypoint script into a build stage from the context, then into the final one.
func (p *pass) findFromStage(c *copyInto, prog string, hops int) (string, []byte, bool) {
	j := stageIndex(p.df, c.from)
	if j < 0 || hops >= maxStageHops {
		return "", nil, false // an external image, whose files gracelint cannot see
	}
	stage := buildImage(p.df, j, p.opts.Images)
	for _, s := range c.sources {
		s = path.Join("/", s) // --from sources are paths from that stage's root
		var there string
		switch dir := strings.TrimSuffix(c.dest, "/") + "/"; {
		case imagePathMatches(c.destFor(path.Base(s)), prog):
			there = s
		case path.IsAbs(prog) && strings.HasPrefix(prog, dir):
			there = path.Join(s, strings.TrimPrefix(prog, dir)) // a directory copied into dest
		default:
			continue
		}
		if name, src, ok := p.findIn(stage, there, hops+1); ok {
			return name, src, true
		}
	}
	return "", nil, false
}

// findInSource matches prog against what one COPY source put into the image: a
// file, the files of a glob, or the tree of a directory.
func (p *pass) findInSource(c *copyInto, srcPath, prog string) (string, []byte, bool) {
	local := filepath.Join(p.context, filepath.FromSlash(srcPath))
	matches := []string{local}
	if strings.ContainsAny(srcPath, "*?[") {
		matches, _ = filepath.Glob(local)
	}
	for _, m := range matches {
		info, err := os.Stat(m)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if imagePathMatches(c.destFor(filepath.Base(m)), prog) {
				return readScript(m)
			}
			continue
		}
		// A directory source copies its contents into dest.
		dir := strings.TrimSuffix(c.dest, "/") + "/"
		if !path.IsAbs(prog) || !strings.HasPrefix(prog, dir) {
			continue
		}
		if name, src, ok := readScript(filepath.Join(m, filepath.FromSlash(strings.TrimPrefix(prog, dir)))); ok {
			return name, src, true
		}
	}
	return "", nil, false
}

// destFor is where a source whose base name is base lands in the image.
func (c *copyInto) destFor(base string) string {
	if strings.HasSuffix(c.dest, "/") {
		return c.dest + base
	}
	return c.dest
}

// imagePathMatches reports whether the file at imagePath is what runs as prog. A
// relative or bare prog is resolved through the working directory or PATH, which
// gracelint does not track, so its base name decides.
func imagePathMatches(imagePath, prog string) bool {
	if path.IsAbs(prog) {
		return path.Clean(prog) == imagePath
	}
	return path.Base(prog) == path.Base(imagePath)
}

// errLine is the line a shell parse error names, or 0.
func errLine(err error) int {
	var perr syntax.ParseError
	if errors.As(err, &perr) {
		return int(perr.Pos.Line())
	}
	return 0
}

func isRegular(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}

// readScript reads the file name when it can be a script: a regular file (a
// named pipe or a device would block or never end), not too large, not ELF.
func readScript(name string) (string, []byte, bool) {
	if !isRegular(name) {
		return "", nil, false
	}
	f, err := os.Open(name)
	if err != nil {
		return "", nil, false
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxScript+1))
	if err != nil || len(src) > maxScript || bytes.HasPrefix(src, elfMagic) {
		return "", nil, false // a program, not a script
	}
	return name, src, true
}
