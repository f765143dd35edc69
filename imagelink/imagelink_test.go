package imagelink_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/cli"
)

// lintShop runs gracelint -format=json on a copy of testdata/shop, a module
// with four commands and Dockerfiles that ship them, and returns each finding
// as "file:line severity RULE", and the messages by that key.
func lintShop(t *testing.T, dir string, args ...string) ([]string, map[string]string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := cli.Main(append([]string{"-format=json"}, args...), &stdout, &stderr); code > 1 {
		t.Fatalf("gracelint %q: exit %d: %s", args, code, stderr.String())
	}
	var report struct {
		Findings []struct {
			Rule, Severity, File, Message string
			Line                          int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("bad json: %v\n%s", err, stdout.String())
	}
	var got []string
	messages := map[string]string{}
	for _, f := range report.Findings {
		key := fmt.Sprintf("%s:%d %s %s", f.File, f.Line, f.Severity, f.Rule)
		got = append(got, key)
		messages[key] = f.Message
	}
	return got, messages
}

func copyShop(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/shop")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GRACELINT_CACHE", t.TempDir())
	return dir
}

// The Go findings of the shop without any image.
const (
	api    = "./cmd/api/main.go:12 error GL202"
	legacy = "./cmd/legacy/main.go:6 error GL201"
	stuck  = "./cmd/stuck/main.go:14 error GL205"
)

func TestLinkedVerdicts(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"the whole repository", nil, []string{
			// No STOPSIGNAL: the interrupt-only api is killed by SIGTERM.
			"./api.Dockerfile:7 error GL107",
			api, legacy, stuck,
			// GL201 of the program that entrypoint.sh execs, from a -o directory build.
			"./services.Dockerfile:10 error GL201",
			// GL205 of a binary built outside Docker, named after its directory.
			"./stuck.Dockerfile:4 error GL205",
			// api-ignored.Dockerfile: silenced by its ignore comment; remote and
			// redis.Dockerfile run programs of other modules: nothing.
		}},
		{"STOPSIGNAL SIGINT", []string{"./cmd/...", "api-sigint.Dockerfile"}, []string{
			"./cmd/api/main.go:12 info GL202", legacy, stuck,
		}},
		{"STOPSIGNAL SIGINT, but another image sends SIGTERM", []string{"./cmd/...", "api-sigint.Dockerfile", "api.Dockerfile"}, []string{
			"./api.Dockerfile:7 error GL107", api, legacy, stuck,
		}},
		{"a Dockerfile alone is never linked", []string{"api.Dockerfile", "services.Dockerfile", "stuck.Dockerfile"}, nil},
		{"a program not linted is never linked", []string{"./cmd/legacy", "api.Dockerfile"}, []string{legacy}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyShop(t)
			got, messages := lintShop(t, dir, tc.args...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// A warm run reads the Go results from the cache: same verdicts.
			if warm, _ := lintShop(t, dir, tc.args...); !slices.Equal(warm, got) {
				t.Errorf("from the cache, got\n%s\nwant\n%s", strings.Join(warm, "\n"), strings.Join(got, "\n"))
			}
			for key, want := range map[string][]string{
				"./api.Dockerfile:7 error GL107": {"SIGTERM (the default)", "/usr/local/bin/api (built from example.com/shop/cmd/api by the RUN on line 4)",
					"only to SIGINT at ./cmd/api/main.go:12:2", "add syscall.SIGTERM to that call, or set STOPSIGNAL SIGINT"},
				"./cmd/api/main.go:12 info GL202":      {"note: the image of ./api-sigint.Dockerfile (STOPSIGNAL SIGINT, line 7)"},
				"./services.Dockerfile:10 error GL201": {"the image runs /usr/local/bin/legacy, built from example.com/shop/cmd/legacy by the RUN on line 6: ./cmd/legacy/main.go:6:6: func main runs until stopped"},
				"./stuck.Dockerfile:4 error GL205":     {"the image runs /stuck, copied from ./bin/stuck, built from example.com/shop/cmd/stuck outside Docker: ./cmd/stuck/main.go:14:2: SIGTERM is delivered"},
			} {
				msg, ok := messages[key]
				for _, w := range want {
					if ok && !strings.Contains(msg, w) {
						t.Errorf("%s: message lacks %q:\n%s", key, w, msg)
					}
				}
			}
		})
	}
}
