package dockerlint

import "testing"

func TestShellFormPID1(t *testing.T) {
	runRuleCases(t, ShellFormPID1, []ruleCase{
		{
			name:       "dash base, simple command",
			dockerfile: "FROM debian:12\nCMD /usr/local/bin/app --port 80\n",
			want:       []string{"2:error"},
			message:    []string{"base image debian:12 uses dash", "SIGKILL", "exec form"},
		},
		{
			name:       "dash base, explicit exec",
			dockerfile: "FROM debian:12\nCMD exec /usr/local/bin/app --port 80\n",
		},
		{
			name:       "exec form",
			dockerfile: "FROM debian:12\nCMD [\"/usr/local/bin/app\"]\n",
		},
		{
			name:       "bash base execs a single command",
			dockerfile: "FROM rockylinux:9\nCMD /usr/local/bin/app\n",
		},
		{
			name:       "bash base keeps PID 1 for a pipeline",
			dockerfile: "FROM centos:7\nCMD /usr/local/bin/app | tee /log\n",
			want:       []string{"2:error"},
			message:    []string{"centos:7 ships bash 4.2 as /bin/sh", "pipeline"},
		},
		{
			name:       "bash 4.2 forks the right side of &&",
			dockerfile: "FROM centos:7\nCMD setup && /usr/local/bin/app\n",
			want:       []string{"2:error"},
			message:    []string{"base image centos:7 ships bash 4.2 as /bin/sh", "the right side of && or ||"},
		},
		{
			name:       "bash 4.2 still execs a single command",
			dockerfile: "FROM centos:7\nCMD /usr/local/bin/app\n",
		},
		{
			name:       "bash 4.4 execs the right side of &&",
			dockerfile: "FROM rockylinux:8\nCMD setup && /usr/local/bin/app\n",
		},
		{
			name:       "bash 4.4 forks the end of a ; list",
			dockerfile: "FROM rockylinux:8\nCMD setup; /usr/local/bin/app\n",
			want:       []string{"2:error"},
			message:    []string{"base image rockylinux:8 ships bash 4.4 as /bin/sh", "the last command of a ; list"},
		},
		{
			name:       "bash 5.1 execs the end of a ; list",
			dockerfile: "FROM rockylinux:9\nCMD setup; /usr/local/bin/app\n",
		},
		{
			name:       "bash of a version the tag does not tell: a warning",
			dockerfile: "FROM rockylinux:custom-tag\nCMD setup; /usr/local/bin/app\n",
			want:       []string{"2:warning"},
			message:    []string{"rockylinux:custom-tag ships bash as /bin/sh", "which version", "if it is bash before 4.4"},
		},
		{
			name:       "bash of any version keeps PID 1 for a pipeline",
			dockerfile: "FROM rockylinux@sha256:0123\nCMD app | tee /log\n",
			want:       []string{"2:error"},
		},
		{
			name:       "bash of any version execs a single command",
			dockerfile: "FROM almalinux:my-build\nCMD /usr/local/bin/app\n",
		},
		{
			name:       "alpine execs under a redirection",
			dockerfile: "FROM alpine:3.20\nCMD /app > /log 2>&1\n",
		},
		{
			name:       "alpine tag of an official image",
			dockerfile: "FROM python:3.12-alpine\nCMD python app.py\n",
		},
		{
			name:       "command not last stays in every shell",
			dockerfile: "FROM alpine:3.20\nCMD app; true\n",
			want:       []string{"2:error"},
		},
		{
			name:       "unknown base is a warning",
			dockerfile: "FROM example.com/team/base:1\nCMD app\n",
			want:       []string{"2:warning"},
			message:    []string{"not in gracelint's table", "if it is dash"},
		},
		{
			name:       "unknown base, pipeline stays whatever the shell",
			dockerfile: "FROM example.com/team/base:1\nCMD app | tee log\n",
			want:       []string{"2:error"},
		},
		{
			name:       "SHELL bash on a dash base",
			dockerfile: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nCMD /usr/local/bin/app\n",
		},
		{
			name:       "SHELL bash with options still judged as bash",
			dockerfile: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD app | tee log\n",
			want:       []string{"3:error"},
			message:    []string{"runs bash explicitly"},
		},
		{
			name:       "SHELL set after CMD does not apply to it",
			dockerfile: "FROM debian:12\nCMD app\nSHELL [\"/bin/bash\", \"-c\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "escape directive with backtick continuations",
			dockerfile: "# escape=`\nFROM debian:12\nCMD /usr/local/bin/app `\n    --flag `\n    --other\n",
			want:       []string{"3:error"},
			message:    []string{`"/usr/local/bin/app     --flag     --other"`},
		},
		{
			name:       "multi-line continued CMD",
			dockerfile: "FROM ubuntu:24.04\nCMD set -e; \\\n    migrate; \\\n    exec server\n",
		},
		{
			name:       "multi-line continued CMD without exec",
			dockerfile: "FROM ubuntu:24.04\nRUN true\nCMD migrate && \\\n    server\n",
			want:       []string{"3:error"},
		},
		{
			name:       "final stage FROM an earlier stage inherits its shell-form CMD",
			dockerfile: "FROM debian:12 AS base\nCMD app\n\nFROM base\nENV X=1\n",
			want:       []string{"2:error"},
		},
		{
			name:       "final stage on a fresh base: build stages get no PID 1 finding",
			dockerfile: "FROM debian:12 AS build\nCMD make\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
		},
		{
			name:       "ARG default picks the base image",
			dockerfile: "ARG BASE=alpine:3.20\nFROM ${BASE}\nCMD app\n",
		},
		{
			name:       "ARG default picks a dash base",
			dockerfile: "ARG DEBIAN=12\nARG BASE=debian:${DEBIAN}\nFROM $BASE\nCMD app\n",
			want:       []string{"4:error"},
			message:    []string{"base image debian:12 uses dash"},
		},
		{
			name:       "ARG without default: shell unknown",
			dockerfile: "ARG BASE\nFROM ${BASE}\nCMD app\n",
			want:       []string{"3:warning"},
			message:    []string{"the base image ${BASE} depends on build arguments without a default (BASE)"},
		},
		{
			name:       "partly expanded reference is not looked up",
			dockerfile: "ARG TAG=1\nFROM ${REPO}:test-${TAG}-$X\nCMD app\n",
			want:       []string{"3:warning"},
			message:    []string{"without a default (REPO, X)"},
		},
		{
			name:       "invalid JSON falls back to shell form",
			dockerfile: "FROM debian:12\nCMD ['/usr/local/bin/app']\n",
			want:       []string{"2:error"},
			message: []string{"CMD ['/usr/local/bin/app'] is not a JSON array", `a program named "[/usr/local/bin/app]"`,
				`fix: write it as the JSON array it meant: CMD ["/usr/local/bin/app"]`},
		},
		{
			name:       "invalid JSON on an unknown base is still an error",
			dockerfile: "FROM example/base\nENTRYPOINT [\"/app\" \"-x\"]\n",
			want:       []string{"2:error"},
			message:    []string{"is not a JSON array", "/bin/sh -c"},
		},
		{
			name:       "JSON inside a string is shell form",
			dockerfile: "FROM debian:12\nCMD \"[\\\"/app\\\"]\"\n",
			want:       []string{"2:error"},
		},
		{
			name:       "tini in front of shell form",
			dockerfile: "FROM debian:12\nENTRYPOINT [\"/tini\", \"--\"]\nCMD /usr/local/bin/app\n",
			want:       []string{"3:error"},
			message:    []string{"tini is PID 1 and forwards SIGTERM", "killed without cleanup"},
		},
		{
			name:       "dumb-init with options in front of shell form",
			dockerfile: "FROM ubuntu:22.04\nENTRYPOINT [\"dumb-init\", \"--rewrite\", \"15:2\", \"--\"]\nCMD app\n",
			want:       []string{"3:error"},
			message:    []string{"dumb-init is PID 1 and sends SIGTERM to the shell's process group", "dumb-init exits with it"},
		},
		{
			name:       "dumb-init signalling its child alone",
			dockerfile: "FROM ubuntu:22.04\nENTRYPOINT [\"dumb-init\", \"--single-child\", \"--\"]\nCMD app\n",
			want:       []string{"3:error"},
			message:    []string{"dumb-init is PID 1 and forwards SIGTERM to that shell"},
		},
		{
			name:       "later ENTRYPOINT resets an inherited shell-form CMD",
			dockerfile: "FROM debian:12 AS base\nCMD app\nFROM base\nENTRYPOINT [\"/app\"]\n",
		},
		{
			name:       "ENTRYPOINT then CMD in the same stage keeps the CMD",
			dockerfile: "FROM debian:12\nCMD app\nENTRYPOINT [\"tini\", \"--\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "shell-form CMD handed to an entrypoint script that execs it",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\nCMD server --port 80\n",
			context:    map[string]string{"entrypoint.sh": "#!/bin/sh\nset -e\nchown app /data\nexec \"$@\"\n"},
			want:       []string{"4:error"},
			message:    []string{"entrypoint script", "execs /bin/sh"},
		},
		{
			name:       "ENTRYPOINT binary with a shell-form CMD is not a shell at PID 1",
			dockerfile: "FROM debian:12\nENTRYPOINT [\"/app\"]\nCMD verbose mode\n",
		},
		{
			name:       "shell-form ENTRYPOINT",
			dockerfile: "FROM debian:12\nENTRYPOINT /usr/local/bin/app\n",
			want:       []string{"2:error"},
			message:    []string{"fix: write it in exec form: ENTRYPOINT [\"/usr/local/bin/app\"]"},
		},
		{
			name:       "Windows image is out of scope",
			dockerfile: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nCMD Write-Host `\n  hi\n",
		},
		{
			name:       "scratch is GL104's",
			dockerfile: "FROM scratch\nCMD app\n",
		},
		{
			name:       "eval hides what runs",
			dockerfile: "FROM debian:12\nCMD eval \"$START\"\n",
		},
	})
}
