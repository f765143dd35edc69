package pid1prog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/linuxsig"
)

// FuzzScan checks that no program text crashes or hangs the scanners, and
// that a handler after code without strings or comments is always found.
func FuzzScan(f *testing.F) {
	for _, p := range []string{"../../testdata/runtime/gl108/node/*.js", "../../testdata/runtime/gl108/python/*.py"} {
		files, _ := filepath.Glob(p)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(src))
		}
	}
	f.Add("'''unterminated")
	f.Add("/* unterminated")
	f.Add("`template ${'SIGTERM'}`")
	f.Add("process.on(")
	f.Add("from . import")
	f.Fuzz(func(t *testing.T, src string) {
		for _, argv := range [][]string{{"node", "a.js"}, {"python3", "a.py"}} {
			read := files{"/" + argv[1]: src}.read
			Judge(argv, "/", linuxsig.SIGTERM, read)
			Judge(argv, "/", linuxsig.SIGINT, read)
		}
		// Code that ends cleanly (no open string or comment) followed by a
		// handler on its own line: the handler is seen.
		if !strings.ContainsAny(src, "'\"`/\\#") {
			v := Judge([]string{"node", "a.js"}, "/", linuxsig.SIGTERM,
				files{"/a.js": src + "\nprocess.on('SIGTERM', stop);\n"}.read)
			if v.Ignores {
				t.Errorf("handler after %q not seen", src)
			}
		}
	})
}
