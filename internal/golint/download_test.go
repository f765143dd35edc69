package golint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles writes files (path: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// A dependency the go command cannot download (GOPROXY=off here; a 403 or a
// module missing from the proxy elsewhere) is one finding on its require line
// in go.mod, in the go command's own words, not a "does not type-check" GL000
// on every package that imports it, directly or not. The packages that do not
// need it are linted as usual.
func TestDependencyNotDownloaded(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire (\n\texample.com/ok v1.0.0 // indirect\n\texample.com/unreachable/sdk v1.2.3\n)\n",
		"go.sum": "example.com/unreachable/sdk v1.2.3 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
			"example.com/unreachable/sdk v1.2.3/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		"store/store.go":  "package store\n\nimport \"example.com/unreachable/sdk/s3\"\n\nfunc Put() { s3.Put() }\n",
		"cmd/api/main.go": "package main\n\nimport \"example.com/shop/store\"\n\nfunc main() { store.Put() }\n",
		"cmd/sig/main.go": "package main\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n)\n\nfunc main() {\n\tsignal.Notify(make(chan os.Signal, 1))\n}\n",
	})
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOMODCACHE", t.TempDir()) // nothing cached
	got := lint(t, Config{Dir: dir})
	if len(got) != 2 {
		t.Fatalf("got %d findings, want the download failure and cmd/sig's own:\n%s", len(got), strings.Join(got, "\n"))
	}
	if want := "cmd/sig/main.go:9:2: GLT01 signal.Notify call"; !slices.Contains(got, want) {
		t.Errorf("missing %q among %q", want, got)
	}
	i := slices.IndexFunc(got, func(s string) bool { return strings.HasPrefix(s, "go.mod:7:2: GL000 ") })
	if i < 0 {
		t.Fatalf("no GL000 on go.mod's require line of the module: %q", got)
	}
	for _, w := range []string{"example.com/unreachable/sdk v1.2.3", "module lookup disabled by GOPROXY=off",
		"example.com/shop/store", "not checked", "go mod download"} {
		if !strings.Contains(got[i], w) {
			t.Errorf("%q lacks %q", got[i], w)
		}
	}
}
