package shell

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSimpleCommands(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want []string // "dir: word word", a non-literal word as ?
	}{
		{"go build -o /out/app ./cmd/app", []string{"/src: go build -o /out/app ./cmd/app"}},
		{"CGO_ENABLED=0 GOOS=linux go build -o /out/app ./cmd/app && strip /out/app",
			[]string{"/src: go build -o /out/app ./cmd/app", "/src: strip /out/app"}},
		{"env CGO_ENABLED=0 go install ./cmd/...", []string{"/src: go install ./cmd/..."}},
		{"cd cmd/app; go build -ldflags \"-X main.v=$V\" -o /app .", []string{"/src/cmd/app: go build -ldflags ? -o /app ."}},
		{"cd /other && go build\ngo vet ./...", []string{"/other: go build", "/other: go vet ./..."}},
		{"go mod download\ncd $DIR && go build .", []string{"/src: go mod download"}},
		{"go build . || true", nil},
		{"go build . | tee log; go build ./x", nil},
		{"if true; then go build .; fi", nil},
		{"go build -o '/out dir/app' .", []string{"/src: go build -o /out dir/app ."}},
	} {
		cmds, err := SimpleCommands(tc.cmd, "/src")
		if err != nil {
			t.Fatalf("%q: %v", tc.cmd, err)
		}
		var got []string
		for _, c := range cmds {
			var words []string
			for _, w := range c.Words {
				if !w.Literal {
					w.Text = "?"
				}
				words = append(words, w.Text)
			}
			got = append(got, fmt.Sprintf("%s: %s", c.Dir, strings.Join(words, " ")))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.cmd, got, tc.want)
		}
	}
	if _, err := SimpleCommands("go build (", "/"); err == nil {
		t.Error("a string that does not parse: want an error")
	}
}

func TestScriptProgram(t *testing.T) {
	for src, want := range map[string]string{
		"#!/bin/sh\nset -e\nexec /usr/local/bin/app --serve \"$@\"\n":                      "/usr/local/bin/app",
		"#!/bin/sh\nexec \"$@\"\n":                                                         "",
		"#!/bin/sh\nif [ -n \"$DEBUG\" ]; then exec /bin/dlv; else exec /bin/app; fi\n":    "",
		"#!/bin/sh\ncase \"$1\" in a) exec /bin/app;; *) exec /bin/app --default;; esac\n": "/bin/app",
		"#!/bin/sh\n/usr/local/bin/app\n":                                                  "", // no exec: the script stays
	} {
		v, err := AnalyzeScript("entrypoint.sh", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if v.Program != want {
			t.Errorf("%q: Program %q, want %q", src, v.Program, want)
		}
	}
}
