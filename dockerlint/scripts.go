package dockerlint

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// maxScript bounds what is read of a file the image runs; entrypoint scripts are
// small, and a large file is a binary or data, not something to parse.
const maxScript = 1 << 20

// A script is a file the Dockerfile put into the image (from the build context or
// a heredoc) and that the container runs, with what its shell does at the end.
type script struct {
	source
	verdict shell.ScriptVerdict
}

// A source is where the text of a script is on the host: a file of the build
// context, or the body of a heredoc in the Dockerfile.
type source struct {
	file   string // the build context file, or the Dockerfile for a heredoc
	offset int    // lines of file before the script's line 1: a heredoc body's place
	src    []byte
	image  string // for a file of the base image (file is its path there): the image and where it was read
}

// where names line n of the script (1-based) as file:line, with the file
// written as findings write theirs.
func (s *source) where(n int) string {
	if s.image != "" {
		return fmt.Sprintf("%s:%d (%s)", s.file, s.offset+n, s.image)
	}
	return fmt.Sprintf("%s:%d", finding.DisplayPath(s.file), s.offset+n)
}

// name is the script's file as a message should write it; a heredoc is named
// by the line its body starts on.
func (s *source) name() string {
	if s.offset > 0 {
		return s.where(1)
	}
	if s.image != "" {
		return s.file + " (" + s.image + ")"
	}
	return finding.DisplayPath(s.file)
}

// script finds the file the image runs as prog among the COPY and ADD
// instructions and analyses it once. It returns nil when the file did not come
// from the build context or a heredoc, cannot be read, is written for another
// interpreter (#!/usr/bin/env python3), or does not parse (that last is
// reported as GL000 on the script).
func (p *pass) script(prog string) *script {
	if s, ok := p.scripts[prog]; ok {
		return s
	}
	var s *script
	if f, ok := p.findFile(prog); ok && isShellScript(f.src) {
		v, err := p.analyzeScript(f.src)
		if err != nil && f.image != "" {
			// A base image's script is not the user's to fix: gracelint only does not judge it.
		} else if err != nil {
			line, col, text := shell.ErrorPosition(err)
			if line > 0 {
				line += f.offset
			}
			p.findings = append(p.findings, finding.New(rule.ParseError, f.file, line, col, line, col,
				"script run by the image does not parse, so GL103 cannot judge it: "+text))
		} else {
			s = &script{source: f, verdict: v}
		}
	}
	if p.scripts == nil {
		p.scripts = map[string]*script{}
	}
	p.scripts[prog] = s
	return s
}

// isShellScript reports whether src is read by a POSIX shell the model knows:
// its #! line names one, directly or through env, or it has none (a file run as
// a shell's operand, sh /entrypoint.sh).
func isShellScript(src []byte) bool {
	line, ok := bytes.CutPrefix(src, []byte("#!"))
	if !ok {
		return true
	}
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	words := strings.Fields(string(line))
	if len(words) > 0 && path.Base(words[0]) == "env" {
		words = words[1:]
		for len(words) > 0 && (strings.HasPrefix(words[0], "-") || strings.Contains(words[0], "=")) {
			words = words[1:] // env -S, env VAR=value
		}
	}
	if len(words) == 0 {
		return false
	}
	return isShellProgram(words[0]) || path.Base(words[0]) == "busybox" && len(words) > 1 && (words[1] == "sh" || words[1] == "ash")
}

// analyzeScript is shell.AnalyzeScript, remembered by content when the pass
// shares verdicts with other files. Errors are not remembered.
func (p *pass) analyzeScript(src []byte) (shell.ScriptVerdict, error) {
	if p.verdicts != nil {
		if v, ok := p.verdicts.Load(string(src)); ok {
			return v.(shell.ScriptVerdict), nil
		}
	}
	v, err := shell.AnalyzeScript("", src)
	if err == nil && p.verdicts != nil {
		p.verdicts.Store(string(src), v)
	}
	return v, err
}

// findFile locates prog (absolute, or a bare name found through PATH, matched by
// its base name) among the files the final image got from the build context or a
// heredoc, directly or through COPY --from of another stage.
func (p *pass) findFile(prog string) (source, bool) {
	if path.IsAbs(prog) {
		prog = path.Clean(prog) // /app/../../x is /x in the image, not a file below /app
	}
	if f, ok := p.findIn(p.img, prog, 0); ok {
		return f, true
	}
	return p.img.baseScript(prog)
}

// findIn looks for prog in img's copies; the last copy wins, as in the image.
func (p *pass) findIn(img *image, prog string, hops int) (source, bool) {
	for i := len(img.copies) - 1; i >= 0; i-- {
		c := &img.copies[i]
		if c.from != "" {
			if f, ok := p.findFromStage(c, prog, hops); ok {
				return f, true
			}
			continue
		}
		for k, h := range c.contents {
			if imagePathMatches(c.destFor(h.Path), prog) {
				return source{file: p.df.path, offset: c.heredocStart(k) - 1, src: []byte(h.Data)}, true
			}
		}
		for _, srcPath := range c.sources {
			if f, ok := p.findInSource(c, srcPath, prog); ok {
				return f, true
			}
		}
	}
	return source{}, false
}

// heredocStart is the Dockerfile line on which the body of the copy's k-th
// heredoc starts. BuildKit keeps no position for it, but the bodies and their
// delimiter lines end the instruction, so it counts back from the last line.
func (c *copyInto) heredocStart(k int) int {
	line := c.at.endLine + 1
	for _, h := range c.contents[k:] {
		line -= strings.Count(h.Data, "\n") + 1 // the body and its delimiter line
		if h.Data != "" && !strings.HasSuffix(h.Data, "\n") {
			line--
		}
	}
	return line
}

// findFromStage follows COPY --from=<stage>: a multi-stage build often copies the
// entrypoint script into a build stage from the context, then into the final one.
func (p *pass) findFromStage(c *copyInto, prog string, hops int) (source, bool) {
	j := stageIndex(p.df, c.from)
	if j < 0 || hops >= maxStageHops {
		return source{}, false // an external image, whose files gracelint cannot see
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
		if f, ok := p.findIn(stage, there, hops+1); ok {
			return f, true
		}
	}
	return source{}, false
}

// findInSource matches prog against what one COPY source put into the image: a
// file, the files of a glob, or the tree of a directory. Every path is resolved
// inside the build context (inContext).
func (p *pass) findInSource(c *copyInto, srcPath, prog string) (source, bool) {
	var matches []string
	if strings.ContainsAny(srcPath, "*?[") {
		// The glob is matched below the context's root; each match is then
		// resolved again, as a link among them may point anywhere.
		globs, _ := filepath.Glob(filepath.Join(p.context, filepath.FromSlash(path.Join("/", srcPath))))
		for _, g := range globs {
			if rel, ok := p.contextRel(g); ok {
				matches = append(matches, rel)
			}
		}
	} else {
		matches = []string{srcPath}
	}
	for _, rel := range matches {
		m, ok := p.inContext(rel)
		if !ok {
			continue
		}
		info, err := os.Stat(m)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if imagePathMatches(c.destFor(path.Base(rel)), prog) {
				return readScript(m)
			}
			continue
		}
		// A directory source copies its contents into dest.
		dir := strings.TrimSuffix(c.dest, "/") + "/"
		if !path.IsAbs(prog) || !strings.HasPrefix(prog, dir) {
			continue
		}
		if inner, ok := p.inContext(path.Join(rel, strings.TrimPrefix(prog, dir))); ok {
			if f, ok := readScript(inner); ok {
				return f, true
			}
		}
	}
	return source{}, false
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

// readScript reads the file name when it can be a script: a regular file (a
// named pipe or a device would block or never end), not too large, not ELF.
func readScript(name string) (source, bool) {
	src, err := regularfile.Read(name, maxScript)
	if err != nil || bytes.HasPrefix(src, elfMagic) {
		return source{}, false // not a file, or a program rather than a script
	}
	return source{file: name, src: src}, true
}
