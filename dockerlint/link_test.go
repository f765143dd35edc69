package dockerlint

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// goRepo is a build context with two Go commands, an entrypoint script and a
// binary built before docker build.
var goRepo = map[string]string{
	"go.mod":               "module example.com/svc\n",
	"cmd/api/main.go":      "package main\n",
	"cmd/worker/main.go":   "package main\n",
	"entrypoint.sh":        "#!/bin/sh\nset -e\nexec /usr/local/bin/api \"$@\"\n",
	"exec-args.sh":         "#!/bin/sh\nexec \"$@\"\n",
	"bin/prebuilt":         "\x7fELF\x02\x01\x01",
	"scripts/api":          "#!/bin/sh\necho not a program\n",
	"docs/readme.txt":      "text\n",
	"deploy/Dockerfile.in": "",
}

// describeProcess is what a MainProcess says, paths relative to the context.
func describeProcess(dir string, m *MainProcess) string {
	if m == nil {
		return "no link"
	}
	s := fmt.Sprintf("%s by line %d, %s(%d) line %d", m.Program, m.Line, m.StopSignalName, m.StopSignal, m.StopSignalLine)
	if b := m.Build; b != nil {
		var pkgs []string
		for _, p := range b.Packages {
			rel, _ := filepath.Rel(dir, p)
			pkgs = append(pkgs, filepath.ToSlash(rel))
		}
		s += fmt.Sprintf("; built line %d from %s as %q", b.Line, strings.Join(pkgs, " "), b.Binary)
	}
	if m.Copied != "" {
		rel, _ := filepath.Rel(dir, m.Copied)
		s += "; copied " + filepath.ToSlash(rel)
	}
	return s
}

func TestMainProcess(t *testing.T) {
	const build = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\n"
	for _, tc := range []struct {
		name, dockerfile, want string
	}{
		{"multi-stage -o file", build + "RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags \"-s -w -X main.v=$V\" -o /out/api ./cmd/api\n" +
			"FROM scratch\nCOPY --from=build /out/api /usr/local/bin/api\nENTRYPOINT [\"/usr/local/bin/api\"]\n",
			`/usr/local/bin/api by line 7, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"STOPSIGNAL", build + "RUN go build -o /out/api ./cmd/api\nFROM scratch\nCOPY --from=build /out/api /api\nSTOPSIGNAL SIGINT\nCMD [\"/api\"]\n",
			`/api by line 8, SIGINT(2) line 7; built line 4 from cmd/api as ""`},
		{"-o directory", build + "RUN go build -o /out/ ./cmd/...\nFROM alpine:3.19\nCOPY --from=build /out/ /usr/local/bin/\nCMD [\"worker\"]\n",
			`worker by line 7, SIGTERM(15) line 0; built line 4 from cmd/... as "worker"`},
		{"directory copied from the stage", build + "RUN go build -o /out/ ./cmd/api ./cmd/worker\nFROM scratch\nCOPY --from=build /out /app\nWORKDIR /app\nCMD [\"./api\"]\n",
			`./api by line 8, SIGTERM(15) line 0; built line 4 from cmd/api cmd/worker as "api"`},
		{"cd and go build without -o", build + "RUN cd cmd/api && go build\nFROM scratch\nCOPY --from=build /src/cmd/api/api /api\nCMD [\"/api\"]\n",
			`/api by line 7, SIGTERM(15) line 0; built line 4 from cmd/api as "api"`},
		{"RUN heredoc", build + "RUN <<EOF\nset -e\nCGO_ENABLED=0 go build -o /out/api ./cmd/api\nEOF\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n",
			`/api by line 10, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"RUN heredoc with a shell #!", build + "RUN <<-EOF\n\t#!/bin/sh\n\tcd cmd/api && go build -o /out/api\n\tEOF\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n",
			`/api by line 10, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"RUN with a heredoc argument", build + "RUN sh <<EOF\ngo build -o /out/api ./cmd/api\nEOF\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n",
			"no link"},
		{"RUN heredoc for another interpreter", build + "RUN <<EOF\n#!/usr/bin/env python3\nprint('go build -o /out/api ./cmd/api')\nEOF\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n",
			"no link"},
		{"go install", build + "RUN go install ./cmd/worker\nFROM scratch\nCOPY --from=build /go/bin/worker /worker\nCMD [\"/worker\"]\n",
			`/worker by line 7, SIGTERM(15) line 0; built line 4 from cmd/worker as "worker"`},
		{"exec form RUN and COPY of the sources", "FROM golang:1.26 AS build\nWORKDIR /go/src/app\nCOPY go.mod ./\nCOPY cmd/ ./cmd/\n" +
			"RUN [\"go\", \"build\", \"-o\", \"/bin/api\", \"./cmd/api\"]\nFROM scratch\nCOPY --from=build /bin/api /bin/api\nCMD [\"/bin/api\"]\n",
			`/bin/api by line 8, SIGTERM(15) line 0; built line 5 from cmd/api as ""`},
		{"single stage", build + "RUN go build -o /usr/local/bin/api ./cmd/api\nCMD [\"api\"]\n",
			`api by line 5, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"entrypoint script that execs the program", build + "RUN go build -o /out/api ./cmd/api\nFROM alpine:3.19\nCOPY --from=build /out/api /usr/local/bin/api\n" +
			"COPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"--port\", \"8080\"]\n",
			`/usr/local/bin/api by line 8, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"entrypoint script that execs its arguments", build + "RUN go build -o /out/api ./cmd/api\nFROM alpine:3.19\nCOPY --from=build /out/api /usr/local/bin/api\n" +
			"COPY exec-args.sh /\nENTRYPOINT [\"/exec-args.sh\"]\nCMD [\"api\"]\n",
			`api by line 9, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"shell form that busybox execs", build + "RUN go build -o /out/api ./cmd/api\nFROM alpine:3.19\nCOPY --from=build /out/api /api\nCMD /api --port 8080\n",
			`/api by line 7, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"shell form that every bash release execs", build + "RUN go build -o /out/api ./cmd/api\nFROM rockylinux:custom\nCOPY --from=build /out/api /api\nCMD /api --port 8080\n",
			`/api by line 7, SIGTERM(15) line 0; built line 4 from cmd/api as ""`},
		{"binary built outside Docker", "FROM scratch\nCOPY bin/prebuilt /usr/local/bin/\nENTRYPOINT [\"/usr/local/bin/prebuilt\"]\n",
			`/usr/local/bin/prebuilt by line 3, SIGTERM(15) line 0; copied bin/prebuilt`},
		{"binary to be built outside Docker", "FROM scratch\nCOPY bin/api /api\nENTRYPOINT [\"/api\"]\n",
			`/api by line 3, SIGTERM(15) line 0; copied bin/api`},

		// No link, said nothing about.
		{"shell form that dash does not exec", build + "RUN go build -o /out/api ./cmd/api\nFROM debian:12\nCOPY --from=build /out/api /api\nCMD /api\n", "no link"},
		{"shell form that bash before 5.1 does not exec", build + "RUN go build -o /out/api ./cmd/api\nFROM rockylinux:custom\nCOPY --from=build /out/api /api\nCMD cd / ; /api\n", "no link"},
		{"a script from the context", "FROM alpine:3.19\nCOPY scripts/api /usr/local/bin/api\nCMD [\"api\"]\n", "no link"},
		{"a directory from the context", "FROM alpine:3.19\nCOPY cmd/api /usr/local/bin/api\nCMD [\"api\"]\n", "no link"},
		{"a program from another image", "FROM alpine:3.19\nCOPY --from=redis:7 /usr/local/bin/redis-server /usr/local/bin/\nCMD [\"redis-server\"]\n", "no link"},
		{"a program of the base image", "FROM nginx:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "no link"},
		{"a remote module", "FROM golang:1.26 AS build\nRUN go install github.com/acme/tool/cmd/api@latest\nFROM scratch\nCOPY --from=build /go/bin/api /api\nCMD [\"/api\"]\n", "no link"},
		{"sources not from the context", "FROM golang:1.26 AS build\nWORKDIR /src\nRUN git clone https://example.com/x.git . && go build -o /out/api ./cmd/api\n" +
			"FROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n", "no link"},
		{"-o names another file", build + "RUN go build -o /out/other ./cmd/api\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n", "no link"},
		{"an unknown go flag", build + "RUN go build -frobnicate -o /out/api ./cmd/api\nFROM scratch\nCOPY --from=build /out/api /api\nCMD [\"/api\"]\n", "no link"},
		{"STOPSIGNAL from a build argument", build + "RUN go build -o /out/api ./cmd/api\nFROM scratch\nARG SIG\nCOPY --from=build /out/api /api\nSTOPSIGNAL $SIG\nCMD [\"/api\"]\n", "no link"},
		{"wrapper the script execs", build + "RUN go build -o /out/api ./cmd/api\nFROM alpine:3.19\nCOPY --from=build /out/api /api\n" +
			"COPY gosu.sh /\nENTRYPOINT [\"/gosu.sh\"]\nCMD [\"/api\"]\n", "no link"},
		{"a heredoc", "FROM alpine:3.19\nCOPY <<EOF /api\n#!/bin/sh\necho hi\nEOF\nCMD [\"/api\"]\n", "no link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"gosu.sh": "#!/bin/sh\nexec gosu app \"$@\"\n"}
			for k, v := range goRepo {
				files[k] = v
			}
			path := writeContext(t, tc.dockerfile, files)
			dir := filepath.Dir(path)
			_, mains, _ := LintImages([]string{path}, nil)
			var m *MainProcess
			if len(mains) > 0 {
				m = mains[0]
			}
			if got := describeProcess(dir, m); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
