package dockerlint

import "testing"

func TestShellEntrypointDropsArgs(t *testing.T) {
	runRuleCases(t, ShellEntrypointDropsArgs, []ruleCase{
		{
			name:       "shell-form ENTRYPOINT with a CMD",
			dockerfile: "FROM alpine:3.20\nENTRYPOINT /usr/local/bin/app\nCMD [\"--port\", \"80\"]\n",
			want:       []string{"2:warning"},
			message:    []string{"the CMD at line 3 and docker run arguments are ignored"},
		},
		{
			name:       "shell-form ENTRYPOINT alone",
			dockerfile: "FROM alpine:3.20\nENTRYPOINT exec /usr/local/bin/app\n",
			want:       []string{"2:warning"},
			message:    []string{"docker run arguments are ignored"},
		},
		{
			name:       "inherited from the stage the final one builds on",
			dockerfile: "FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nRUN true\n",
			want:       []string{"2:warning"},
		},
		{
			name:       "the stage's SHELL runs the string",
			dockerfile: "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nENTRYPOINT /usr/local/bin/app\n",
			want:       []string{"3:warning"},
			message:    []string{"runs only its own string under /bin/bash -o pipefail -c, so docker run arguments are ignored"},
		},
		{
			name:       "exec-form ENTRYPOINT",
			dockerfile: "FROM alpine:3.20\nENTRYPOINT [\"/usr/local/bin/app\"]\nCMD [\"--port\", \"80\"]\n",
		},
		{
			name:       "build stage only",
			dockerfile: "FROM alpine:3.20 AS build\nENTRYPOINT app\nFROM alpine:3.20\nENTRYPOINT [\"/app\"]\n",
		},
		{
			name:       "reset by ENTRYPOINT []",
			dockerfile: "FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nENTRYPOINT []\nCMD [\"/app\"]\n",
		},
	})
}
