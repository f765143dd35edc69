package dockerlint

import "testing"

func TestShellFormWithoutShell(t *testing.T) {
	runRuleCases(t, ShellFormWithoutShell, []ruleCase{
		{
			name:       "scratch with shell-form CMD",
			dockerfile: "FROM scratch\nCOPY app /app\nCMD /app --port 80\n",
			want:       []string{"3:error"},
			message:    []string{"but base image scratch has no /bin/sh (from gracelint's table): the container", "fails to start"},
		},
		{
			name:       "distroless with shell-form ENTRYPOINT",
			dockerfile: "FROM gcr.io/distroless/static-debian12:nonroot\nENTRYPOINT /app\n",
			want:       []string{"2:error"},
		},
		{
			name:       "exec form sh -c on scratch",
			dockerfile: "FROM scratch\nCMD [\"/bin/sh\", \"-c\", \"/app\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "SHELL bash on distroless",
			dockerfile: "FROM gcr.io/distroless/base\nSHELL [\"/bin/bash\", \"-c\"]\nCMD /app\n",
			want:       []string{"3:error"},
		},
		{
			name:       "sh on the PATH of a distroless debug image",
			dockerfile: "FROM gcr.io/distroless/base-debian12:debug\nCMD [\"sh\", \"-c\", \"exec /app\"]\n",
		},
		{
			name:       "shell form on a distroless debug image: still no /bin/sh",
			dockerfile: "FROM gcr.io/distroless/base-debian12:debug-nonroot\nCMD /app\n",
			want:       []string{"2:error"},
		},
		{
			name:       "bash on the PATH of a distroless debug image",
			dockerfile: "FROM gcr.io/distroless/base-debian12:debug\nCMD [\"bash\", \"-c\", \"/app\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "exec form on scratch",
			dockerfile: "FROM scratch\nCOPY app /app\nCMD [\"/app\"]\n",
		},
		{
			name:       "root filesystem added into /",
			dockerfile: "FROM scratch\nADD busybox.tar.xz /\nCMD sh\n",
		},
		{
			name:       "a shell copied into /bin",
			dockerfile: "FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nCMD sh -c app\n",
		},
		{
			name:       "multi-stage: final stage FROM a scratch stage",
			dockerfile: "FROM scratch AS base\nCOPY app /app\nFROM base\nCMD app\n",
			want:       []string{"4:error"},
		},
		{
			name:       "shell-form CMD in a build stage",
			dockerfile: "FROM scratch AS x\nCMD app\nFROM debian:12\nCMD [\"/app\"]\n",
		},
		{
			name:       "dash base",
			dockerfile: "FROM debian:12\nCMD app\n",
		},
	})
}
