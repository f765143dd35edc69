package dockerlint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEntrypointScriptNoExec(t *testing.T) {
	const noExec = "#!/bin/sh\nset -e\nchown -R app /data\n\"$@\"\n"
	const withExec = "#!/bin/sh\nset -e\nchown -R app /data\nexec \"$@\"\n"
	runRuleCases(t, EntrypointScriptNoExec, []ruleCase{
		{
			name:       "script copied from the context ends without exec",
			dockerfile: "FROM debian:12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"server\"]\n",
			context:    map[string]string{"docker-entrypoint.sh": noExec},
			want:       []string{"3:error"},
			message:    []string{"docker-entrypoint.sh:4", "without exec", "end the script with exec"},
		},
		{
			// Measured (internal/runtimetest gl103-tini): exit 143 after 0.07 s, no
			// cleanup, no SIGKILL.
			name:       "script run by tini",
			dockerfile: "FROM debian:12\nCOPY tini /tini\nCOPY init.sh /\nENTRYPOINT [\"/tini\", \"--\", \"/init.sh\"]\nCMD [\"server\"]\n",
			context:    map[string]string{"init.sh": noExec, "tini": ""},
			want:       []string{"4:error"},
			message:    []string{"init.sh:4", "tini is PID 1 and forwards SIGTERM to that shell, which dies of it", "the app is killed without cleanup"},
			absent:     []string{"SIGKILL", "grace period"},
		},
		{
			name:       "script run by dumb-init, which signals the process group",
			dockerfile: "FROM debian:12\nCOPY init.sh /\nENTRYPOINT [\"dumb-init\", \"/init.sh\"]\nCMD [\"server\"]\n",
			context:    map[string]string{"init.sh": noExec},
			want:       []string{"3:error"},
			message:    []string{"dumb-init is PID 1 and sends SIGTERM to the shell's process group"},
			absent:     []string{"SIGKILL"},
		},
		{
			name:       "exec \"$@\"",
			dockerfile: "FROM debian:12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"server\"]\n",
			context:    map[string]string{"docker-entrypoint.sh": withExec},
		},
		{
			name:       "exec gosu",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n",
			context:    map[string]string{"entrypoint.sh": "#!/bin/bash\nexec gosu app \"$@\"\n"},
		},
		{
			name:       "postgres-style _main function ending in exec",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\n",
			context: map[string]string{"entrypoint.sh": "#!/bin/bash\n_main() {\n  setup\n  exec \"$@\"\n}\n" +
				"if ! _is_sourced; then\n  _main \"$@\"\nfi\n"},
		},
		{
			name:       "function ending without exec",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\n",
			context:    map[string]string{"entrypoint.sh": "#!/bin/bash\n_main() {\n  setup\n  server \"$@\"\n}\n_main \"$@\"\n"},
			want:       []string{"3:error"},
			message:    []string{"entrypoint.sh:4"},
		},
		{
			name:       "trap TERM and wait forwards the signal",
			dockerfile: "FROM debian:12\nCOPY run.sh /run.sh\nCMD [\"/run.sh\"]\n",
			context:    map[string]string{"run.sh": "#!/bin/sh\nserver & pid=$!\ntrap 'kill -TERM $pid' TERM\nwait $pid\n"},
		},
		{
			name: "heredoc COPY of an entrypoint script",
			dockerfile: "FROM debian:12\nCOPY --chmod=755 <<EOF /entrypoint.sh\n#!/bin/sh\nsetup\nserver --port 80\nEOF\n" +
				"ENTRYPOINT [\"/entrypoint.sh\"]\n",
			want:    []string{"7:error"},
			message: []string{"Dockerfile:5: the last command \"server --port 80\""},
		},
		{
			name: "second heredoc of a COPY",
			dockerfile: "FROM debian:12\nCOPY <<A <<-B /bin/\nexec a\nA\n\t#!/bin/sh\n\tserver\n\tB\n" +
				"ENTRYPOINT [\"/bin/B\"]\n",
			want:    []string{"8:error"},
			message: []string{"Dockerfile:6: the last command \"server\""},
		},
		{
			name:       "heredoc COPY into a directory",
			dockerfile: "FROM debian:12\nCOPY <<start.sh /usr/local/bin/\nexec server\nstart.sh\nCMD [\"start.sh\"]\n",
		},
		{
			name:       "script run by a shell operand",
			dockerfile: "FROM alpine:3.20\nCOPY start.sh /app/\nCMD [\"sh\", \"/app/start.sh\"]\n",
			context:    map[string]string{"start.sh": "server\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "script run by a shell-form CMD",
			dockerfile: "FROM alpine:3.20\nWORKDIR /app\nCOPY start.sh .\nCMD /app/start.sh\n",
			context:    map[string]string{"start.sh": "server\n"},
			want:       []string{"4:error"},
		},
		{
			name:       "directory copy",
			dockerfile: "FROM alpine:3.20\nCOPY scripts/ /opt/scripts/\nENTRYPOINT [\"/opt/scripts/run.sh\"]\n",
			context:    map[string]string{"scripts/run.sh": "server\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "glob copy",
			dockerfile: "FROM alpine:3.20\nCOPY *.sh /usr/bin/\nENTRYPOINT [\"run.sh\"]\n",
			context:    map[string]string{"run.sh": "server\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "last copy wins",
			dockerfile: "FROM alpine:3.20\nCOPY old.sh /run.sh\nCOPY new.sh /run.sh\nENTRYPOINT [\"/run.sh\"]\n",
			context:    map[string]string{"old.sh": "server\n", "new.sh": "exec server\n"},
		},
		{
			name:       "behind tini",
			dockerfile: "FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"tini\", \"--\", \"/run.sh\"]\n",
			context:    map[string]string{"run.sh": "server\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "copied from another stage: not read",
			dockerfile: "FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /run.sh /run.sh\nENTRYPOINT [\"/run.sh\"]\n",
			context:    map[string]string{"run.sh": "server\n"},
		},
		{
			name: "copied into a build stage from the context, then into the final image",
			dockerfile: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n" +
				"FROM alpine:3.20\nCOPY --from=build /src/scripts/run.sh /usr/local/bin/\nENTRYPOINT [\"run.sh\"]\n",
			context: map[string]string{"scripts/run.sh": "server\n"},
			want:    []string{"7:error"},
		},
		{
			name: "a directory of a numbered stage",
			dockerfile: "FROM alpine:3.20\nCOPY scripts /opt/scripts\n" +
				"FROM alpine:3.20\nCOPY --from=0 /opt/scripts/ /bin/\nENTRYPOINT [\"/bin/run.sh\"]\n",
			context: map[string]string{"scripts/run.sh": "server\n"},
			want:    []string{"5:error"},
		},
		{
			name:       "from an external image",
			dockerfile: "FROM alpine:3.20\nCOPY --from=example/tools:1 /run.sh /run.sh\nENTRYPOINT [\"/run.sh\"]\n",
			context:    map[string]string{"run.sh": "server\n"},
		},
		{
			name:       "script for another interpreter",
			dockerfile: "FROM python:3.12\nCOPY run.py /\nENTRYPOINT [\"/run.py\"]\n",
			context:    map[string]string{"run.py": "#!/usr/bin/env python3\nimport os\nos.execvp('app', ['app'])\n"},
		},
		{
			name:       "script for bash through env -S",
			dockerfile: "FROM debian:12\nCOPY run /\nENTRYPOINT [\"/run\"]\n",
			context:    map[string]string{"run": "#!/usr/bin/env -S bash -e\nserver\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "script for busybox sh",
			dockerfile: "FROM busybox\nCOPY run /\nENTRYPOINT [\"/run\"]\n",
			context:    map[string]string{"run": "#!/bin/busybox sh\nserver\n"},
			want:       []string{"3:error"},
		},
		{
			name:       "script missing from the context",
			dockerfile: "FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n",
		},
		{
			name:       "sourcing another file cannot be judged",
			dockerfile: "FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n",
			context:    map[string]string{"run.sh": ". /other.sh\n"},
		},
	})
}

func TestEntrypointScriptParseError(t *testing.T) {
	fs := lintCase(t, "FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n", map[string]string{"run.sh": "if then\n"}, nil)
	if len(fs) != 1 || fs[0].Rule.ID != "GL000" || fs[0].Line != 1 || filepath.Base(fs[0].File) != "run.sh" {
		t.Fatalf("findings = %v, want one GL000 on the script's line 1", describe(fs))
	}
	if strings.Contains(fs[0].Message, "run.sh") {
		t.Errorf("message %q repeats the file the finding is on", fs[0].Message)
	}

	// A heredoc script is text of the Dockerfile: the error is on its line there.
	fs = lintCase(t, "FROM alpine:3.20\nCOPY <<EOF /run.sh\nsetup\n  fi\nEOF\nENTRYPOINT [\"/run.sh\"]\n", nil, nil)
	if len(fs) != 1 || fs[0].Rule.ID != "GL000" || filepath.Base(fs[0].File) != "Dockerfile" || fs[0].Line != 4 || fs[0].Column != 3 {
		t.Fatalf("findings = %v in %v, want one GL000 at Dockerfile:4:3", describe(fs), fs[0].File)
	}
}

func TestEntrypointScriptPathInMessage(t *testing.T) {
	// The message names the script as the report names files: ./ and relative
	// to the working directory.
	dir := filepath.Dir(writeContext(t, "FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n", map[string]string{"run.sh": "server\n"}))
	t.Chdir(filepath.Dir(dir))
	rel := filepath.Join(filepath.Base(dir), "Dockerfile")
	src, _ := os.ReadFile(rel)
	fs := Lint(rel, src, nil)
	want := "./" + filepath.Base(dir) + "/run.sh:1: "
	if len(fs) != 1 || !strings.HasPrefix(fs[0].Message, want) {
		t.Fatalf("findings = %v, want a GL103 message starting %q", describe(fs), want)
	}
}
