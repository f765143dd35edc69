package finding

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDisplayPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		{"run.sh", "./run.sh"},
		{"./sub/run.sh", "./sub/run.sh"},
		{filepath.Join(wd, "sub", "run.sh"), "./sub/run.sh"},
		{"../other/run.sh", "../other/run.sh"},
		{"/elsewhere/run.sh", "/elsewhere/run.sh"},
		{"..foo/run.sh", "./..foo/run.sh"},
		// Outside the working directory: relative while that is shorter, as go prints paths.
		{filepath.Join(filepath.Dir(wd), "other", "run.sh"), "../other/run.sh"},
	} {
		if got := DisplayPath(tt.in); got != tt.want {
			t.Errorf("DisplayPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
