// Package discover turns command-line patterns into the Dockerfiles, compose
// projects and Kubernetes manifests to lint and the Go package patterns to load.
package discover

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gracelint/gracelint/internal/findup"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// Targets is what one run looks at.
type Targets struct {
	Dockerfiles []string // cleaned paths as the user would write them, sorted, no duplicates
	GoPatterns  []string // patterns for go/packages, in the user's order, no duplicates
	// Unreadable are files named on the command line that exist but are no
	// regular file (a FIFO, a device, a socket): reading one could block forever,
	// so it is reported rather than read, and the run goes on. So are files in
	// a folder the user may not search.
	Unreadable []Unreadable
	// Skipped are directories under a "..." walk that could not be read (a
	// container volume owned by another user): what they hold was not looked at.
	Skipped []Unreadable
	// Manifests are Kubernetes manifest files: YAML whose documents have an
	// apiVersion and a workload kind. Compose are compose projects, each the
	// files docker compose would merge, the main one first.
	Manifests []string
	Compose   [][]string
	// Skaffold are skaffold.yaml files: which image names they build from
	// which Dockerfile, for the manifests below them.
	Skaffold []string
	// Templates are Helm templates named on the command line: not YAML until
	// rendered. A walk skips them.
	Templates []string
	// Stdin: "-" asks for a Kubernetes manifest stream on standard input.
	Stdin bool
	// NestedModules are the directories of modules below a walk's root that
	// the walk's module does not include (each has its own go.mod) and that
	// no pattern names: their Go code is not linted. Sorted, slash-separated,
	// as the user would write them.
	NestedModules []string
	// Trees are the directories "..." patterns walk; Dirs those other patterns
	// look in, without their subdirectories: where -fix may rewrite files.
	Trees, Dirs []string
}

// ManifestFiles are the Kubernetes manifests and the files of every compose
// project: the manifests a run reads and -fix may change.
func (t *Targets) ManifestFiles() []string {
	return slices.Concat(append([][]string{t.Manifests}, t.Compose...)...)
}

// An Unreadable file is one that was not read, and why.
type Unreadable struct {
	Path string
	Err  error
}

// skipDirs are never entered by a "..." walk; an explicit path still names them.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// Resolve expands patterns: "dir/..." walks dir, "dir" looks in dir only, a file is
// linted as a Dockerfile whatever its name (a .go file names its package instead, a
// .yaml or .yml file is a manifest), and "-" reads a manifest stream from standard
// input. A pattern that names nothing on disk is an error.
func Resolve(patterns []string) (*Targets, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	t := &Targets{}
	for _, p := range patterns {
		if err := t.add(p); err != nil {
			return nil, err
		}
	}
	slices.Sort(t.Dockerfiles)
	t.Dockerfiles = slices.Compact(t.Dockerfiles)
	slices.Sort(t.Manifests)
	t.Manifests = slices.Compact(t.Manifests)
	slices.SortFunc(t.Compose, slices.Compare)
	t.Compose = slices.CompactFunc(t.Compose, slices.Equal)
	t.NestedModules = slices.DeleteFunc(t.NestedModules, t.named)
	slices.Sort(t.NestedModules)
	t.NestedModules = slices.Compact(t.NestedModules)
	return t, nil
}

// named reports whether a Go pattern names the module in dir, or something in
// it: the user knows it is there.
func (t *Targets) named(dir string) bool {
	return slices.ContainsFunc(t.GoPatterns, func(p string) bool {
		root, ok := walkRoot(p)
		if !ok {
			root = p
		}
		rel, err := filepath.Rel(filepath.FromSlash(dir), root)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	})
}

func (t *Targets) add(pattern string) error {
	if pattern == Stdin {
		t.Stdin = true
		return nil
	}
	if root, ok := walkRoot(pattern); ok {
		if _, err := os.Stat(root); err != nil {
			return missing(pattern, err)
		}
		t.addGo(strings.TrimSuffix(goDirPattern(root), "/") + "/...")
		t.Trees = append(t.Trees, root)
		composeDirs := map[string][]string{}
		defer t.addComposeDirs(composeDirs)
		var modules []string // directories below root with a go.mod
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root || d == nil || !d.IsDir() {
					return err
				}
				t.Skipped = append(t.Skipped, Unreadable{path, err})
				return filepath.SkipDir
			}
			if d.IsDir() {
				if path != root && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Name() == "go.mod" && filepath.Dir(path) != filepath.Clean(root) {
				modules = append(modules, filepath.Dir(path))
			}
			switch {
			case lintable(path, d) && MaybeDockerfile(path):
				t.Dockerfiles = append(t.Dockerfiles, path)
			case isYAML(d.Name()) && lintable(path, d):
				t.addYAML(path, composeDirs)
			}
			return nil
		})
		t.addModules(root, modules)
		return err
	}
	info, err := os.Stat(pattern)
	if err != nil {
		if _, lerr := os.Lstat(pattern); lerr == nil {
			// A dangling symbolic link: there is a file, and reading it fails,
			// which is a finding about that file, not a reason to stop.
			t.Dockerfiles = append(t.Dockerfiles, filepath.Clean(pattern))
			return nil
		}
		if errors.Is(err, fs.ErrPermission) {
			// A file in a folder this user cannot search: it may well exist,
			// and not reading it is a finding about it.
			t.Unreadable = append(t.Unreadable, Unreadable{filepath.Clean(pattern), err})
			return nil
		}
		return missing(pattern, err)
	}
	clean := filepath.Clean(pattern)
	switch {
	case info.IsDir():
		t.addGo(goDirPattern(clean))
		t.Dirs = append(t.Dirs, clean)
		entries, err := os.ReadDir(clean)
		if err != nil {
			return err
		}
		composeDirs := map[string][]string{}
		for _, e := range entries {
			path := filepath.Join(clean, e.Name())
			switch {
			case lintable(path, e) && MaybeDockerfile(path):
				t.Dockerfiles = append(t.Dockerfiles, path)
			case isYAML(e.Name()) && lintable(path, e):
				t.addYAML(path, composeDirs)
			}
		}
		t.addComposeDirs(composeDirs)
	case !info.Mode().IsRegular():
		// Reading a FIFO or device would block or never end.
		t.Unreadable = append(t.Unreadable, Unreadable{clean, fmt.Errorf("%s is not a regular file (%s)", clean, info.Mode().Type())})
	case strings.HasSuffix(clean, ".go"):
		t.addGo(goDirPattern(filepath.Dir(clean)))
		t.Dirs = append(t.Dirs, filepath.Dir(clean))
	case isYAML(clean):
		t.addNamedYAML(clean)
	default:
		t.Dockerfiles = append(t.Dockerfiles, clean)
	}
	return nil
}

// addModules handles the modules a walk of root found below it. A "..."
// pattern, as go vet reads it, stops at a nested module. When root is in no
// module (remark42 keeps its module in backend/), that would lint no Go code
// at all: every module found is walked as a pattern of its own. When root is
// in a module, they are NestedModules; a workspace lists its modules itself.
func (t *Targets) addModules(root string, modules []string) {
	mod, _ := findup.Nearest(root, "go.work", "go.mod") // unreadable: as if none
	switch {
	case mod == "":
		for _, dir := range modules {
			t.addGo(goDirPattern(dir) + string(filepath.Separator) + "...")
		}
	case filepath.Base(mod) == "go.mod":
		for _, dir := range modules {
			t.NestedModules = append(t.NestedModules, filepath.ToSlash(dir))
		}
	}
}

// lintable reports whether a directory entry found by a walk is a file to read:
// a regular file, or a symbolic link to one (Dockerfile -> docker/Dockerfile.prod,
// which docker build follows). A dangling link is kept so that it is reported as
// unreadable; links to directories, FIFOs and devices are not files to lint.
func lintable(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := os.Stat(path)
	return err != nil || info.Mode().IsRegular()
}

// A MissingError is the error for a pattern that names nothing on disk. The
// caller knows whether a pattern starting with "-" was a flag given too late.
type MissingError struct {
	Pattern string
	Err     error
}

func (e *MissingError) Error() string {
	if errors.Is(e.Err, fs.ErrNotExist) {
		return e.Pattern + ": no such file or directory"
	}
	return e.Err.Error()
}

func (e *MissingError) Unwrap() error { return e.Err }

func missing(pattern string, err error) error {
	return &MissingError{Pattern: pattern, Err: err}
}

func (t *Targets) addGo(p string) {
	if !slices.Contains(t.GoPatterns, p) {
		t.GoPatterns = append(t.GoPatterns, p)
	}
}

// goDirPattern makes a directory a relative package pattern: go/packages reads a
// bare "dir" as an import path, "./dir" as a directory.
// walkRoot is the directory a "dir/..." pattern walks: "..." and "./..." walk
// ".", "/..." walks "/". ok is false for a pattern without "...".
func walkRoot(pattern string) (root string, ok bool) {
	root, ok = strings.CutSuffix(filepath.ToSlash(pattern), "...")
	if !ok {
		return "", false
	}
	if root != "/" {
		root = strings.TrimSuffix(root, "/")
	}
	if root == "" {
		root = "."
	}
	return filepath.FromSlash(root), true
}

func goDirPattern(dir string) string {
	sep := string(filepath.Separator)
	if filepath.IsAbs(dir) || dir == "." || dir == ".." || strings.HasPrefix(dir, "."+sep) || strings.HasPrefix(dir, ".."+sep) {
		return dir
	}
	return "." + string(filepath.Separator) + dir
}

// IsDockerfile reports whether a file name is one docker build or podman would
// pick up as a Dockerfile, or one named after that convention, whatever the
// file holds: Dockerfile.* and *.dockerfile names whose suffix names another
// kind of file (dockerfile.min.js, Dockerfile.sh) are not; see
// MaybeDockerfile.
func IsDockerfile(name string) bool {
	return nameKind(name) == dockerfileName
}

// MaybeDockerfile reports whether the file at path, found by a walk or staged
// for commit, is one to lint as a Dockerfile: by its name (IsDockerfile), or,
// for a Dockerfile.* name with another kind of file's suffix (Dockerfile.bak,
// Dockerfile.j2), by its content starting like a Dockerfile. Only the start of
// the file is read.
func MaybeDockerfile(path string) bool {
	switch nameKind(filepath.Base(path)) {
	case dockerfileName:
		return true
	case lookalikeName:
		return sniffDockerfile(path)
	}
	return false
}

type nameClass int

const (
	otherName      nameClass = iota // not a Dockerfile
	dockerfileName                  // a Dockerfile by its name
	lookalikeName                   // a Dockerfile only if its content says so
)

// otherExts are suffixes of files that are not Dockerfiles although their name
// starts with Dockerfile.: scripts, templates, web assets, backups, documents.
var otherExts = []string{
	".js", ".mjs", ".cjs", ".ts", ".css", ".html", ".htm", ".map",
	".sh", ".bash", ".ps1", ".bat", ".py", ".go", ".rb", ".pl", ".php", ".java", ".rs",
	".json", ".yaml", ".yml", ".toml", ".xml", ".ini", ".conf", ".cfg", ".env",
	".txt", ".md", ".rst", ".adoc", ".bak", ".orig", ".rej", ".swp", ".old", ".tmp", ".diff", ".patch",
	".tmpl", ".template", ".tpl", ".j2", ".jinja", ".jinja2", ".erb", ".mustache", ".hbs", ".in",
	".lock", ".sum", ".mod", ".gz", ".zip", ".tar",
}

// nameKind sorts a file name: Dockerfile and Containerfile, in any case, and
// *.dockerfile are Dockerfiles; Dockerfile.* and Containerfile.* are unless
// their last suffix is one of otherExts; .dockerignore files never are.
func nameKind(name string) nameClass {
	lower := strings.ToLower(name)
	switch {
	case lower == "dockerfile" || lower == "containerfile" || strings.HasSuffix(lower, ".dockerfile"):
		return dockerfileName
	case strings.HasSuffix(lower, ".dockerignore"):
		return otherName
	case strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile."):
		if slices.Contains(otherExts, filepath.Ext(lower)) {
			return lookalikeName
		}
		return dockerfileName
	}
	return otherName
}

// sniffLimit is how much of a lookalike is read: enough for a licence header,
// parser directives and a few ARGs before the first FROM.
const sniffLimit = 8 << 10

// sniffDockerfile reports whether the file at path starts like a Dockerfile. An
// unreadable file is not one (an explicit name still reports why it cannot be
// read).
func sniffDockerfile(path string) bool {
	f, err := regularfile.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, sniffLimit)
	n, _ := io.ReadFull(f, head)
	return startsLikeDockerfile(head[:n])
}

// startsLikeDockerfile reports whether the first instruction of head, after
// blank lines, comments and parser directives, and ARGs (the only instruction
// allowed before FROM), is FROM.
func startsLikeDockerfile(head []byte) bool {
	text := strings.TrimPrefix(string(head), "\ufeff")
	continued := false // the line before ended in a backslash: an ARG goes on
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if continued || line == "" || strings.HasPrefix(line, "#") {
			continued = continued && (strings.HasSuffix(line, "\\") || strings.HasSuffix(line, "`"))
			continue
		}
		continued = strings.HasSuffix(line, "\\") || strings.HasSuffix(line, "`")
		word, _, _ := strings.Cut(line, " ")
		word, _, _ = strings.Cut(word, "\t")
		switch strings.ToUpper(word) {
		case "ARG":
			continue
		case "FROM":
			return true
		}
		return false
	}
	return false
}
