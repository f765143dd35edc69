package config

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// positioned is how every error of parse starts: the file, then a line, and a
// column unless it is a YAML syntax error (go.yaml.in/yaml names only lines).
var positioned = regexp.MustCompile(`^\.gracelint\.yaml:[1-9][0-9]*(:[1-9][0-9]*)?: `)

// FuzzParse checks .gracelint.yaml parsing, seeded from testdata and the
// error cases of the tests: no input crashes or hangs it, every error names
// a position, and no error repeats more than a bounded part of the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"", "~\n", "disable: [GL999]\n", "severity:\n  GL101: loud\n", "images: [a]\n", "- GL101\n",
		"fail-on: error\n---\nfail-on: info\n", "\tdisable: []\n", "images: {\"[\": dash}\n",
		"a: &x [GL104]\ndisable: *x\n", "disable: &a [*a]\n", "<<: {disable: [GL104]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parse(FileName, data, rules)
		if err == nil {
			return
		}
		if !positioned.MatchString(err.Error()) {
			t.Fatalf("error without a position: %q", err)
		}
		if len(err.Error()) > 1000 {
			t.Fatalf("error of %d bytes repeats too much of the file: %.200q", len(err.Error()), err)
		}
	})
}
