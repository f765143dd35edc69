package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/gracelint/gracelint/internal/cli"
)

// gracelint's own image must pass gracelint: its Dockerfile has no finding at
// any severity.
func TestOwnDockerfileIsClean(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"-fail-on=info", filepath.Join("..", "..", "Dockerfile")}, &stdout, &stderr)
	if code != 0 || stdout.Len() > 0 {
		t.Errorf("gracelint ../../Dockerfile: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}
