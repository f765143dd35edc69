package pid1prog

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/linuxsig"
)

// files is a build context seen from the image: path in the image -> content.
type files map[string]string

func (fs files) read(p string) (string, []byte, bool) {
	src, ok := fs[p]
	return "ctx" + p, []byte(src), ok
}

func TestJudge(t *testing.T) {
	app := files{
		"/app/server.js":       "const http = require('http');\nhttp.createServer().listen(8080);\n",
		"/app/handled.js":      "process.on('SIGTERM', () => process.exit(0));\n",
		"/app/commented.js":    "// process.on('SIGTERM', () => process.exit(0));\nconst s = \"process.on('SIGTERM')\";\n",
		"/app/array.js":        "const signals = ['SIGINT', 'SIGTERM'];\nsignals.forEach((s) => process.once(s, stop));\n",
		"/app/intonly.js":      "process.on('SIGINT', stop);\nprocess.on('exit', log);\n",
		"/app/main.js":         "import { start } from './lib/shutdown';\nstart();\n",
		"/app/lib/shutdown.js": "export function start() { process.on(\"SIGTERM\", stop); }\n",
		"/app/terminus.js":     "const { createTerminus } = require('@godaddy/terminus');\n",
		"/app/nest.ts":         "app.enableShutdownHooks();\n",
		"/srv/app.py":          "import time\nwhile True:\n    time.sleep(1)\n",
		"/srv/handled.py":      "import signal, sys\nsignal.signal(signal.SIGTERM, lambda s, f: sys.exit(0))\n",
		"/srv/from.py":         "from signal import signal, SIGTERM\nsignal(SIGTERM, handler)\n",
		"/srv/loop.py":         "import asyncio, signal\nloop.add_signal_handler(signal.SIGTERM, stop.set)\n",
		"/srv/ign.py":          "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n",
		"/srv/docstring.py":    "'''signal.signal(signal.SIGTERM, h)'''\n# signal.signal(signal.SIGTERM, h)\nx = 1\n",
		"/srv/each.py":         "import signal\nfor s in (signal.SIGINT, signal.SIGTERM):\n    signal.signal(s, h)\n",
		"/srv/uv.py":           "import uvicorn\nuvicorn.run(app)\n",
		"/srv/main.py":         "from .handlers import install\nfrom pkg import helpers\ninstall()\n",
		"/srv/handlers.py":     "import signal\ndef install():\n    signal.signal(signal.SIGTERM, h)\n",
		"/srv/pkg/helpers.py":  "x = 1\n",
		"/srv/mod/__main__.py": "print('hi')\n",
		"/srv/web_debug.py":    "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', debug=True)\n",
		"/srv/web.py":          "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0')\n",
	}
	term, sigint := linuxsig.SIGTERM, linuxsig.SIGINT
	tests := []struct {
		argv    []string
		dir     string
		sig     int
		kind    Kind
		ignores bool
		says    string
	}{
		{[]string{"sleep", "infinity"}, "/", term, KeepAlive, true, "sleep installs no signal handler"},
		{[]string{"/bin/sleep", "3600"}, "/", sigint, KeepAlive, true, "drops SIGINT"},
		{[]string{"tail", "-f", "/dev/null"}, "/", term, KeepAlive, true, ""},
		{[]string{"tail", "-n0", "-F", "/var/log/app.log"}, "/", term, KeepAlive, true, ""},
		{[]string{"tail", "--follow=name", "log"}, "/", term, KeepAlive, true, ""},
		{[]string{"tail", "-n", "5", "log"}, "/", term, Other, false, ""},
		{[]string{"cat"}, "/", term, KeepAlive, true, ""},
		{[]string{"cat", "/etc/motd"}, "/", term, Other, false, ""},
		{[]string{"wait"}, "/", term, KeepAlive, true, ""},
		{[]string{"sleep", "infinity"}, "/", linuxsig.SIGQUIT, Other, false, ""}, // not measured
		{[]string{"npm", "start"}, "/", term, PackageManager, true, `CMD ["node", "server.js"]`},
		{[]string{"npm", "--silent", "run", "serve"}, "/", term, PackageManager, true, "npm --silent run serve as PID 1"},
		{[]string{"yarn", "start"}, "/", term, Other, false, ""}, // not measured
		{[]string{"npm", "ci"}, "/", term, Other, false, ""},
		{[]string{"npm", "start"}, "/", sigint, Other, false, ""},
		{[]string{"node", "server.js"}, "/app", term, Interpreter, true, "process.on('SIGTERM', () => server.close"},
		{[]string{"node", "server.js"}, "/app", sigint, Interpreter, true, "installs no SIGINT handler"},
		{[]string{"node", "--enable-source-maps", "/app/handled.js"}, "/", term, Interpreter, false, ""},
		{[]string{"node", "commented.js"}, "/app", term, Interpreter, true, ""},
		{[]string{"node", "array.js"}, "/app", term, Interpreter, false, ""},
		{[]string{"node", "intonly.js"}, "/app", term, Interpreter, true, ""},
		{[]string{"node", "intonly.js"}, "/app", sigint, Interpreter, false, ""},
		{[]string{"node", "main.js"}, "/app", term, Interpreter, false, ""},
		{[]string{"node", "terminus.js"}, "/app", term, Interpreter, false, ""},
		{[]string{"node", "nest.ts"}, "/app", term, Interpreter, false, ""},
		{[]string{"node", "-r", "dotenv/config", "missing.js"}, "/app", term, Interpreter, false, ""}, // not in the context
		{[]string{"node"}, "/app", term, Other, false, ""},
		{[]string{"node", "-e", "setInterval(() => {}, 1000)"}, "/", term, Interpreter, true, "its -e code"},
		{[]string{"python3", "app.py"}, "/srv", term, Interpreter, true, "signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))"},
		{[]string{"python3", "app.py"}, "/srv", sigint, Interpreter, false, ""}, // KeyboardInterrupt
		{[]string{"python", "-u", "handled.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3.11", "from.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "loop.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "ign.py"}, "/srv", term, Interpreter, true, ""},
		{[]string{"python3", "docstring.py"}, "/srv", term, Interpreter, true, ""},
		{[]string{"python3", "each.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "uv.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "main.py"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "web_debug.py"}, "/srv", term, Interpreter, false, ""}, // its reloader may handle SIGTERM
		{[]string{"python3", "web.py"}, "/srv", term, Interpreter, true, ""},
		{[]string{"python3", "-m", "mod"}, "/srv", term, Interpreter, true, "python3 -m mod"},
		{[]string{"python3", "-m", "gunicorn", "app:app"}, "/srv", term, Interpreter, false, ""},
		{[]string{"python3", "-m", "http.server"}, "/srv", term, Interpreter, false, ""}, // the standard library is not in the context
		{[]string{"python3", "-c", "import time; time.sleep(1e9)"}, "/", term, Interpreter, true, "its -c code"},
		{[]string{"python3", "-W", "ignore", "/srv/app.py"}, "/", term, Interpreter, true, ""},
		{[]string{"pythonista", "app.py"}, "/srv", term, Other, false, ""},
		{[]string{"/usr/local/bin/app"}, "/", term, Other, false, ""},
		{nil, "/", term, Other, false, ""},
	}
	for _, tc := range tests {
		v := Judge(tc.argv, tc.dir, tc.sig, app.read)
		name := strings.Join(tc.argv, " ")
		if v.Kind != tc.kind || v.Ignores != tc.ignores {
			t.Errorf("%s (signal %d): kind %d, ignores %v; want %d, %v", name, tc.sig, v.Kind, v.Ignores, tc.kind, tc.ignores)
			continue
		}
		if v.Ignores && (v.Why == "" || v.Program == "") {
			t.Errorf("%s: a verdict that ignores must say why and name the program: %+v", name, v)
		}
		if v.Ignores && v.Kind != KeepAlive && v.Fix == "" {
			t.Errorf("%s: no fix: %+v", name, v)
		}
		if tc.says != "" && !strings.Contains(v.Program+"\n"+v.Why+"\n"+v.Fix, tc.says) {
			t.Errorf("%s: verdict does not say %q: %+v", name, tc.says, v)
		}
	}
}

// The entry file's name is what the Reader calls it.
func TestJudgeNamesSource(t *testing.T) {
	v := Judge([]string{"node", "server.js"}, "/app", linuxsig.SIGTERM, files{"/app/server.js": ""}.read)
	if v.Source != "ctx/app/server.js" {
		t.Errorf("source %q, want ctx/app/server.js", v.Source)
	}
}

// A program whose modules load each other is read once per file, and at most
// maxFiles files are read.
func TestJudgeBoundsFiles(t *testing.T) {
	fs := files{"/a/a.js": "require('./b');", "/a/b.js": "require('./a');"}
	reads := 0
	read := func(p string) (string, []byte, bool) { reads++; return fs.read(p) }
	Judge([]string{"node", "a.js"}, "/a", linuxsig.SIGTERM, read)
	if reads > 12 {
		t.Errorf("%d reads for two files that load each other", reads)
	}
	chain := files{}
	for i := range 200 {
		chain["/c/m"+strconv.Itoa(i)+".js"] = "require('./m" + strconv.Itoa(i+1) + "');"
	}
	reads = 0
	read = func(p string) (string, []byte, bool) { reads++; return chain.read(p) }
	if v := Judge([]string{"node", "m0.js"}, "/c", linuxsig.SIGTERM, read); !v.Ignores {
		t.Errorf("a long chain without a handler: %+v", v)
	}
	if reads > maxFiles {
		t.Errorf("%d reads, want at most %d", reads, maxFiles)
	}
}
