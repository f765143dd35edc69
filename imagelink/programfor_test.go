package imagelink

import (
	"path/filepath"
	"testing"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/internal/golint"
)

func TestProgramFor(t *testing.T) {
	root := t.TempDir()
	prog := func(dir string) golint.Program {
		return golint.Program{Dir: filepath.Join(root, dir), ModuleDir: root, Binary: filepath.Base(dir)}
	}
	programs := []golint.Program{prog("cmd/api"), prog("cmd/worker"), prog("tools/worker")}
	for _, tc := range []struct {
		name string
		main dockerlint.MainProcess
		want string // the program's directory, "" for none
	}{
		{"-o names the file", dockerlint.MainProcess{Build: &dockerlint.GoBuild{Packages: []string{filepath.Join(root, "cmd/api")}}}, "cmd/api"},
		{"a tree, by name", dockerlint.MainProcess{Build: &dockerlint.GoBuild{Packages: []string{filepath.Join(root, "cmd") + "/..."}, Binary: "worker"}}, "cmd/worker"},
		{"a tree, two of that name", dockerlint.MainProcess{Build: &dockerlint.GoBuild{Packages: []string{root + "/..."}, Binary: "worker"}}, ""},
		{"a name that is no package's", dockerlint.MainProcess{Build: &dockerlint.GoBuild{Packages: []string{filepath.Join(root, "cmd/api")}, Binary: "server"}}, ""},
		{"a package that is no program", dockerlint.MainProcess{Build: &dockerlint.GoBuild{Packages: []string{filepath.Join(root, "internal/x")}}}, ""},
		{"copied, one of that name", dockerlint.MainProcess{Dockerfile: filepath.Join(root, "Dockerfile"), Copied: filepath.Join(root, "bin/api")}, "cmd/api"},
		{"copied, two of that name", dockerlint.MainProcess{Dockerfile: filepath.Join(root, "Dockerfile"), Copied: filepath.Join(root, "bin/worker")}, ""},
		{"copied from outside the module", dockerlint.MainProcess{Dockerfile: "/elsewhere/Dockerfile", Copied: "/elsewhere/bin/api"}, ""},
	} {
		got := ""
		if p := programFor(&tc.main, programs); p != nil {
			got, _ = filepath.Rel(root, p.Dir)
		}
		if filepath.ToSlash(got) != tc.want {
			t.Errorf("%s: linked to %q, want %q", tc.name, got, tc.want)
		}
	}
}
