package discover

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A walk takes a Dockerfile.* or *.dockerfile name for a Dockerfile unless its
// suffix names another kind of file; then only when its content starts like a
// Dockerfile. A file named explicitly is linted whatever it holds.
func TestResolveSniffsDockerfileLookalikes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Dockerfile.prod":                         "RUN true\n", // suffix unknown: a Dockerfile by its name
		"static/js/highlightjs/dockerfile.min.js": "hljs.registerLanguage('dockerfile',function(){return{}});\n",
		"Dockerfile.sh":                           "#!/bin/sh\ndocker build -t app .\n",
		"Dockerfile.j2":                           "{% if base %}\nFROM {{ base }}\n{% endif %}\n",
		"Dockerfile.bak":                          "# syntax=docker/dockerfile:1\n\n# the old one\nARG BASE=alpine\nARG \\\n  V=1\nFROM $BASE\n",
		"Dockerfile.yaml":                         "from: x\n",
		"deploy/DOCKERFILE.TXT":                   "from alpine\n", // instructions are case-insensitive
		"deploy/Containerfile.json":               `{"FROM": "x"}`,
		"api.dockerfile":                          "FROM scratch\n",
		"web.Dockerfile.orig":                     "FROM scratch\n", // not a Dockerfile name at all
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	got, err := Resolve([]string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Dockerfile.bak", "Dockerfile.prod", "api.dockerfile", "deploy/DOCKERFILE.TXT"}
	if !slices.Equal(got.Dockerfiles, want) {
		t.Errorf("Resolve(./...) = %q, want %q", got.Dockerfiles, want)
	}
	got, err = Resolve([]string{"Dockerfile.sh", "static/js/highlightjs/dockerfile.min.js"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Dockerfile.sh", "static/js/highlightjs/dockerfile.min.js"}; !slices.Equal(got.Dockerfiles, want) {
		t.Errorf("explicit names: Resolve = %q, want %q", got.Dockerfiles, want)
	}
}

func TestStartsLikeDockerfile(t *testing.T) {
	for content, want := range map[string]bool{
		"FROM alpine\n":                                   true,
		"\n\n  from alpine AS build\n":                    true,
		"# syntax=docker/dockerfile:1\n#escape=`\nFROM x": true,
		"ARG A=1\nARG B\nFROM x\n":                        true,
		"ARG A=\\\n  1\nFROM x\n":                         true,
		"ARG A=1\nRUN x\n":                                false,
		"RUN x\n":                                         false,
		"#!/bin/sh\nexec app\n":                           false, // a comment, then not FROM
		"":                                                false,
		"FROMAGE\n":                                       false,
		"\xef\xbb\xbfFROM x\n":                            true, // a byte-order mark, as BuildKit allows
	} {
		if got := startsLikeDockerfile([]byte(content)); got != want {
			t.Errorf("startsLikeDockerfile(%q) = %v, want %v", content, got, want)
		}
	}
}
