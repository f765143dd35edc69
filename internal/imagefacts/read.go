package imagefacts

import (
	"archive/tar"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// shellNames are the file names whose content is searched for a shell's
// markers: what /bin/sh links to in every known image family.
var shellNames = map[string]bool{"sh": true, "bash": true, "dash": true, "ash": true, "busybox": true}

// defaultPath is Docker's PATH for a config without one.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// maxScripts bounds how many words of the ENTRYPOINT are looked up as scripts.
const maxScripts = 4

// Read reads the facts of img: its config, then its layers from the top, only
// as far down as the answers are. The origin fields (Ref, Digest, Origin) are
// the caller's.
func Read(img v1.Image) (*Facts, error) {
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	c := cf.Config
	f := &Facts{
		Platform:   platformOf(cf),
		Entrypoint: c.Entrypoint,
		Cmd:        c.Cmd,
		Shell:      c.Shell,
		StopSignal: c.StopSignal,
		WorkingDir: c.WorkingDir,
		Path:       defaultPath,
	}
	for _, kv := range c.Env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			f.Path = v
		}
	}
	words := scriptWords(f.Entrypoint, f.Cmd)
	dirs := strings.Split(f.Path, ":")
	interest := func(p string) bool {
		base := path.Base(p)
		if shellNames[base] {
			return true
		}
		for _, w := range words {
			if path.Base(w) == base {
				return true
			}
		}
		return false
	}
	fs, err := newRootfs(img, interest)
	if err != nil {
		return nil, err
	}
	if err := f.readSh(fs); err != nil {
		return nil, err
	}
	for _, w := range words {
		for _, p := range candidates(w, f.WorkingDir, dirs) {
			at, e, err := fs.resolve(p)
			if err != nil {
				return nil, err
			}
			if e == nil {
				continue
			}
			if e.typ == tar.TypeReg && e.probe != nil && e.probe.script != nil {
				if f.Scripts == nil {
					f.Scripts = map[string]Script{}
				}
				f.Scripts[w] = Script{Path: "/" + at, Content: e.probe.script}
			}
			break // the first file on PATH is the one that runs
		}
	}
	return f, nil
}

// readSh finds what /bin/sh is.
func (f *Facts) readSh(fs *rootfs) error {
	at, e, err := fs.resolve("/bin/sh")
	if err != nil {
		return err
	}
	f.Sh = ShNone
	if e == nil || e.typ != tar.TypeReg && e.typ != tar.TypeLink {
		return nil
	}
	f.ShPath = "/" + at
	f.Sh = ShUnknown
	switch base := path.Base(at); {
	case e.probe != nil && e.probe.bashVersion != "":
		f.Sh, f.BashVersion = ShBash, e.probe.bashVersion
	case e.probe != nil && e.probe.busybox:
		f.Sh = ShBusyBox
	case base == "bash":
		f.Sh = ShBash
	case base == "dash":
		f.Sh = ShDash
	case base == "busybox":
		f.Sh = ShBusyBox
	}
	return nil
}

// scriptWords are the words of the command that may name a script: the
// ENTRYPOINT's (or, without one, the CMD's) words that are not options.
func scriptWords(entrypoint, cmd []string) []string {
	argv := entrypoint
	if len(argv) == 0 {
		argv = cmd
	}
	var words []string
	for _, a := range argv {
		if len(words) == maxScripts {
			break
		}
		if a == "" || strings.HasPrefix(a, "-") || strings.ContainsAny(a, " \t\n$;&|") {
			continue // an option, or a shell string rather than a file name
		}
		words = append(words, a)
	}
	return words
}

// candidates are the paths at which the program word runs from: itself when it
// has a slash (relative to the working directory), else each PATH directory.
func candidates(word, workdir string, dirs []string) []string {
	if strings.Contains(word, "/") {
		if !path.IsAbs(word) {
			word = path.Join("/", workdir, word)
		}
		return []string{word}
	}
	var ps []string
	for _, d := range dirs {
		if path.IsAbs(d) {
			ps = append(ps, path.Join(d, word))
		}
	}
	return ps
}

func platformOf(cf *v1.ConfigFile) string {
	p := cf.OS + "/" + cf.Architecture
	if cf.Variant != "" {
		p += "/" + cf.Variant
	}
	return p
}
