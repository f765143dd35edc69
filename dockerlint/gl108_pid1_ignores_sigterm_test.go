package dockerlint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPID1IgnoresSigterm(t *testing.T) {
	const noHandlerJS = "const http = require('http');\nhttp.createServer((q, r) => r.end('ok')).listen(8080);\n"
	const handlerJS = noHandlerJS + "process.on('SIGTERM', () => process.exit(0));\n"
	const noHandlerPy = "import time\nwhile True:\n    time.sleep(1)\n"
	runRuleCases(t, PID1IgnoresSigterm, []ruleCase{
		{
			name:       "sleep infinity in exec form",
			dockerfile: "FROM debian:12\nCMD [\"sleep\", \"infinity\"]\n",
			want:       []string{"2:error"},
			message:    []string{"sleep infinity is PID 1", "exit 137", `ENTRYPOINT ["tini", "--"]`},
		},
		{
			name:       "tail -f /dev/null",
			dockerfile: "FROM debian:12\nCMD [\"tail\", \"-f\", \"/dev/null\"]\n",
			want:       []string{"2:error"},
		},
		{
			name:       "tail without -f ends by itself",
			dockerfile: "FROM debian:12\nCMD [\"tail\", \"-n\", \"5\", \"/etc/motd\"]\n",
		},
		{
			name:       "an init wrapper forwards the signal to sleep, which dies of it",
			dockerfile: "FROM debian:12\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"sleep\", \"infinity\"]\n",
		},
		{
			name:       "ash execs sleep after the app in the background",
			dockerfile: "FROM alpine:3.19\nCOPY app /usr/local/bin/app\nCMD app & sleep infinity\n",
			want:       []string{"3:error"},
			message:    []string{`execs "sleep infinity"`, "run app in the foreground", "exec sleep infinity would not help"},
		},
		{
			name:       "dash stays PID 1 for sleep after the app in the background: GL108, not GL102",
			dockerfile: "FROM debian:12\nCMD [\"sh\", \"-c\", \"app & sleep infinity\"]\n",
			want:       []string{"2:error"},
			message:    []string{`sh stays PID 1 running "sleep infinity"`, "the shell at PID 1 has no handler"},
		},
		{
			name:       "a shell gracelint cannot tell stays or execs tail: either way nothing acts on SIGTERM",
			dockerfile: "FROM example.com/base:1\nCMD [\"sh\", \"-c\", \"setup; tail -f /dev/null\"]\n",
			want:       []string{"2:error"},
			message:    []string{"depending on which shell it is", `running "tail -f /dev/null"`, "or execs it"},
		},
		{
			name:       "an endless sleep loop",
			dockerfile: "FROM debian:12\nCMD while :; do sleep 60; done\n",
			want:       []string{"2:error"},
		},
		{
			name:       "a retry loop that ends is not a keep-alive",
			dockerfile: "FROM debian:12\nCMD [\"sh\", \"-c\", \"until ping -c1 db; do sleep 1; done\"]\n",
		},
		{
			name:       "script that ends with exec tail -F",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n",
			context:    map[string]string{"entrypoint.sh": "#!/bin/sh\n/usr/local/bin/app &\nexec tail -F /var/log/app.log\n"},
			want:       []string{"3:error"},
			message:    []string{"entrypoint.sh:3 ends with exec tail -F /var/log/app.log", `trap 'kill -TERM "$pid"' TERM`},
		},
		{
			name:       "script that ends with tail -f, without exec: GL108, not GL103",
			dockerfile: "FROM debian:12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n",
			context:    map[string]string{"entrypoint.sh": "#!/bin/sh\n/usr/local/bin/app &\ntail -f /var/log/app.log\n"},
			want:       []string{"3:error"},
			message:    []string{"entrypoint.sh:3", "exec would only make tail -f /var/log/app.log PID 1"},
		},
		{
			name:       "script that forwards TERM and waits",
			dockerfile: "FROM debian:12\nCOPY run.sh /run.sh\nCMD [\"/run.sh\"]\n",
			context:    map[string]string{"run.sh": "#!/bin/sh\napp & pid=$!\ntrap 'kill -TERM $pid' TERM\nwait $pid\n"},
		},
		{
			name:       "npm start",
			dockerfile: "FROM node:18\nWORKDIR /app\nCOPY . .\nCMD [\"npm\", \"start\"]\n",
			context:    map[string]string{"server.js": handlerJS},
			want:       []string{"4:error"},
			message:    []string{"npm start is PID 1", `CMD ["node", "server.js"]`},
		},
		{
			name:       "npm ci is not a server",
			dockerfile: "FROM node:18\nCMD [\"npm\", \"ci\"]\n",
		},
		{
			name:       "node without a handler, through WORKDIR and COPY . .",
			dockerfile: "FROM node:18\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
			context:    map[string]string{"server.js": noHandlerJS},
			want:       []string{"4:error"},
			message:    []string{"node server.js is PID 1", "process.on('SIGTERM', () => server.close(() => process.exit(0)))", "server.js)"},
		},
		{
			name:       "node with a handler",
			dockerfile: "FROM node:18\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
			context:    map[string]string{"server.js": handlerJS},
		},
		{
			name:       "node whose program is not in the build context",
			dockerfile: "FROM node:18\nRUN npm install -g some-server\nCMD [\"node\", \"/usr/lib/node_modules/some-server/index.js\"]\n",
		},
		{
			name:       "node without a handler, STOPSIGNAL SIGINT",
			dockerfile: "FROM node:18\nCOPY server.js /srv/\nSTOPSIGNAL SIGINT\nCMD [\"node\", \"/srv/server.js\"]\n",
			context:    map[string]string{"server.js": noHandlerJS},
			want:       []string{"4:error"},
			message:    []string{"no SIGINT handler", "docker stop's SIGINT (STOPSIGNAL) has no effect"},
		},
		{
			name:       "python without a handler, bash execs it",
			dockerfile: "FROM rockylinux:9\nWORKDIR /srv\nCOPY app.py .\nCMD python3 app.py\n",
			context:    map[string]string{"app.py": noHandlerPy},
			want:       []string{"4:error"},
			message:    []string{`execs "python3 app.py"`, "signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))"},
		},
		{
			name:       "python without a handler, STOPSIGNAL SIGINT raises KeyboardInterrupt",
			dockerfile: "FROM python:3.11\nWORKDIR /srv\nCOPY app.py .\nSTOPSIGNAL SIGINT\nCMD [\"python3\", \"app.py\"]\n",
			context:    map[string]string{"app.py": noHandlerPy},
		},
		{
			name:       "python with a handler in a local module",
			dockerfile: "FROM python:3.11\nWORKDIR /srv\nCOPY . .\nCMD [\"python3\", \"app.py\"]\n",
			context: map[string]string{"app.py": "import shutdown\nshutdown.install()\n" + noHandlerPy,
				"shutdown.py": "import signal, sys\ndef install():\n    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\n"},
		},
		{
			name:       "dash keeps the shell for node: GL101's finding, not GL108's",
			dockerfile: "FROM node:18\nWORKDIR /app\nCOPY . .\nCMD node server.js\n",
			context:    map[string]string{"server.js": noHandlerJS},
		},
		{
			name:       "STOPSIGNAL from a build argument without a default is not guessed",
			dockerfile: "FROM debian:12\nARG SIG\nSTOPSIGNAL $SIG\nCMD [\"sleep\", \"infinity\"]\n",
		},
	})
}

// GL101, GL102 and GL103 would say "exec it" of a keep-alive command: the one
// finding is GL108's.
func TestKeepAliveReportedOnce(t *testing.T) {
	for _, c := range []struct{ dockerfile, script string }{
		{"FROM debian:12\nCMD app & sleep infinity\n", ""},
		{"FROM debian:12\nCMD [\"sh\", \"-c\", \"app & tail -f /dev/null\"]\n", ""},
		{"FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT [\"/e.sh\"]\n", "#!/bin/sh\napp &\ntail -f /var/log/app.log\n"},
	} {
		ctx := map[string]string{}
		if c.script != "" {
			ctx["e.sh"] = c.script
		}
		fs := lintCase(t, c.dockerfile, ctx, nil)
		if len(fs) != 1 || fs[0].Rule != PID1IgnoresSigterm {
			t.Errorf("%q: want one GL108 finding, got %v", c.dockerfile, describe(fs))
		}
		for _, f := range fs {
			if strings.Contains(f.Message, "end the script with exec") || strings.Contains(f.Message, "last command with exec") {
				t.Errorf("advice to exec a keep-alive command: %s", f.Message)
			}
		}
	}
}

// gl108InCorpus are GL108's findings over the shared corpus, each read and
// found real: npm as PID 1 in three docker/awesome-compose images, and Kong's
// test image, whose sh -c string ends with tail -f /dev/null.
var gl108InCorpus = []string{
	"Kong__docker-kong/kong-build-tools/test/Dockerfile.test:53",
	"docker__awesome-compose/nginx-nodejs-redis/web/Dockerfile:9",
	"docker__awesome-compose/react-express-mongodb/backend/Dockerfile:31",
	"docker__awesome-compose/react-express-mongodb/frontend/Dockerfile:41",
}

func TestPID1IgnoresSigtermCorpus(t *testing.T) {
	dir, paths := corpusDockerfiles(t)
	fs, _ := LintFiles(paths, nil)
	var got []string
	for _, f := range fs {
		if f.Rule == PID1IgnoresSigterm {
			rel, _ := filepath.Rel(dir, f.File)
			got = append(got, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), f.Line))
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, gl108InCorpus) {
		t.Errorf("GL108 over the corpus: %q\nwant (each read by hand) %q", got, gl108InCorpus)
	}
}
