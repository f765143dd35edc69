package dockerlint

import "testing"

func TestShellWrapperPID1(t *testing.T) {
	runRuleCases(t, ShellWrapperPID1, []ruleCase{
		{
			name:       "explicit bash is the image's bash 4.2",
			dockerfile: "FROM centos:7\nCMD [\"/bin/bash\", \"-c\", \"setup; app\"]\n",
			want:       []string{"2:error"},
			message:    []string{"runs bash", "centos:7 ships bash 4.2"},
		},
		{
			name:       "explicit bash on a bash 5.1 image",
			dockerfile: "FROM rockylinux:9\nCMD [\"bash\", \"-c\", \"setup; app\"]\n",
		},
		{
			name:       "sh -c on a dash base",
			dockerfile: "FROM debian:12\nCMD [\"sh\", \"-c\", \"/usr/local/bin/app --port 80\"]\n",
			want:       []string{"2:error"},
			message:    []string{"base image debian:12 uses dash", "fix: run the app without a shell, in exec form: CMD [\"/usr/local/bin/app\", \"--port\", \"80\"]"},
		},
		{
			name:       "sh -c with exec",
			dockerfile: "FROM debian:12\nCMD [\"sh\", \"-c\", \"exec /usr/local/bin/app\"]\n",
		},
		{
			name:       "bash -c single command execs",
			dockerfile: "FROM debian:12\nCMD [\"/bin/bash\", \"-c\", \"/usr/local/bin/app\"]\n",
		},
		{
			name:       "bash -ec with a pipeline",
			dockerfile: "FROM debian:12\nCMD [\"/bin/bash\", \"-ec\", \"app | tee log\"]\n",
			want:       []string{"2:error"},
			message:    []string{"runs bash explicitly", "pipeline"},
		},
		{
			name:       "bash --norc is not -c: a script operand",
			dockerfile: "FROM debian:12\nCMD [\"bash\", \"--norc\", \"/start.sh\"]\n",
		},
		{
			name:       "ENTRYPOINT sh -c fed by CMD",
			dockerfile: "FROM ubuntu:24.04\nENTRYPOINT [\"sh\", \"-c\"]\nCMD [\"/usr/local/bin/app\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "ENTRYPOINT sh -c with no string",
			dockerfile: "FROM ubuntu:24.04\nENTRYPOINT [\"sh\", \"-c\"]\n",
		},
		{
			name:       "alpine sh -c execs the last command",
			dockerfile: "FROM alpine:3.20\nCMD [\"sh\", \"-c\", \"migrate && server\"]\n",
		},
		{
			name:       "alpine sh -c with a trailing newline keeps ash as PID 1",
			dockerfile: "FROM alpine:3.20\nCMD [\"/bin/sh\", \"-c\", \"/usr/local/bin/app\\n\"]\n",
			want:       []string{"2:error"},
			message:    []string{"busybox ash runs \"/usr/local/bin/app\" as a child", "a newline follows it"},
		},
		{
			name:       "bash -c with one trailing newline still execs",
			dockerfile: "FROM rockylinux:9\nCMD [\"bash\", \"-c\", \"/usr/local/bin/app\\n\"]\n",
		},
		{
			name:       "bash -c with a comment line after the command",
			dockerfile: "FROM rockylinux:9\nCMD [\"bash\", \"-c\", \"/usr/local/bin/app\\n# started\"]\n",
			want:       []string{"2:error"},
			message:    []string{"bash runs \"/usr/local/bin/app\" as a child", "a blank or comment line follows it"},
		},
		{
			name:       "busybox sh",
			dockerfile: "FROM debian:12\nCMD [\"busybox\", \"sh\", \"-c\", \"app; true\"]\n",
			want:       []string{"2:error"},
			message:    []string{"busybox sh explicitly"},
		},
		{
			name:       "BusyBox sh on the PATH of a distroless debug image",
			dockerfile: "FROM gcr.io/distroless/base-debian12:debug\nCMD [\"sh\", \"-c\", \"/app | tee /log\"]\n",
			want:       []string{"2:error"},
			message:    []string{"base image gcr.io/distroless/base-debian12:debug has no /bin/sh, but sh on its PATH is BusyBox's", "pipeline"},
		},
		{
			name:       "tini in front of sh -c",
			dockerfile: "FROM debian:12\nENTRYPOINT [\"tini\", \"-g\", \"--\", \"sh\", \"-c\", \"app\"]\n",
			want:       []string{"2:error"},
			message:    []string{"tini is PID 1 and sends SIGTERM to the shell's process group"},
		},
		{
			name:       "gosu in front of sh -c",
			dockerfile: "FROM debian:12\nCMD [\"gosu\", \"app\", \"sh\", \"-c\", \"server\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "unknown base",
			dockerfile: "FROM internal/base\nCMD [\"sh\", \"-c\", \"app\"]\n",
			want:       []string{"2:warning"},
		},
		{
			name:       "a shell that is not /bin/sh",
			dockerfile: "FROM debian:12\nCMD [\"/busybox/sh\", \"-c\", \"app\"]\n",
			want:       []string{"2:warning"},
			message:    []string{"/busybox/sh is not the image's /bin/sh"},
		},
		{
			name:       "shell form is GL101's",
			dockerfile: "FROM debian:12\nCMD app\n",
		},
		{
			name:       "a program that is not a shell",
			dockerfile: "FROM debian:12\nCMD [\"python\", \"-c\", \"print(1)\"]\n",
		},
	})
}
