package manifestlint

import (
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
)

// applyFixes applies the edits of every finding's first fix to src, which
// is the file name.
func applyFixes(t *testing.T, name string, src []byte, fs []finding.Finding) string {
	t.Helper()
	out := string(src)
	shift := 0
	for _, f := range fs {
		for _, fix := range f.Fixes[:min(1, len(f.Fixes))] {
			for _, e := range fix.Edits {
				if e.File != name {
					t.Fatalf("edit of %s, want %s", e.File, name)
				}
				out = out[:e.Start+shift] + e.New + out[e.End+shift:]
				shift += len(e.New) - (e.End - e.Start)
			}
		}
	}
	return out
}

func TestFixPutsExecInTheManifest(t *testing.T) {
	const name = "pod.yaml"
	src := `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    # keep this comment
    - name: plain
      image: debian:12
      command: [sh, -c, migrate && app --port=$(PORT)]
    - name: quoted
      image: debian:12
      command: ["sh", "-c", 'app']
    - name: block
      image: debian:12
      command:
        - /bin/sh
        - -c
        - |-
          set -e
          migrate
          /usr/local/bin/app   # the server
    - name: escaped
      image: debian:12
      command: ["sh", "-c", "app\t--x"]
    - name: folded
      image: debian:12
      command:
        - sh
        - -c
        - >-
          app
          --port 80
`
	want := `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    # keep this comment
    - name: plain
      image: debian:12
      command: [sh, -c, migrate && exec app --port=$(PORT)]
    - name: quoted
      image: debian:12
      command: ["sh", "-c", 'exec app']
    - name: block
      image: debian:12
      command:
        - /bin/sh
        - -c
        - |-
          set -e
          migrate
          exec /usr/local/bin/app   # the server
    - name: escaped
      image: debian:12
      command: ["sh", "-c", "app\t--x"]
    - name: folded
      image: debian:12
      command:
        - sh
        - -c
        - >-
          app
          --port 80
`
	fs := LintKubernetes(name, []byte(src), nil)
	if len(fs) != 5 {
		t.Fatalf("%d findings, want 5:%s", len(fs), messages(fs))
	}
	if got := applyFixes(t, name, []byte(src), fs); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s\nmessages:%s", got, want, messages(fs))
	}
	// Fixed, the file has nothing left to fix.
	again := LintKubernetes(name, []byte(want), nil)
	for _, f := range again {
		if len(f.Fixes) > 0 {
			t.Errorf("after the fix, still a fix: %s", f.Message)
		}
	}
	if len(again) != 2 {
		t.Errorf("after the fix, %d findings, want the 2 it could not fix:%s", len(again), messages(again))
	}
}
