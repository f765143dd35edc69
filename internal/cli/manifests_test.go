package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const shellPod = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: debian:12
      command: ["sh", "-c", "app"]
`

func TestLintManifestsOnAWalk(t *testing.T) {
	dir := files(t,
		"deploy/pod.yaml", shellPod,
		"compose.yaml", "services:\n  web:\n    image: debian:12\n    entrypoint: [\"sh\", \"-c\", \"app\"]\n",
		"compose.override.yaml", "services:\n  web:\n    stop_grace_period: 0s\n",
		"chart/templates/pod.yaml", strings.Replace(shellPod, "name: p", "name: {{ .Release.Name }}", 1),
		".github/workflows/ci.yml", "on: push\n")
	code, out, errOut := run(t, dir, "-no-color", "./...")
	for _, want := range []string{
		"./compose.override.yaml:3:5: error: service web: stop_grace_period: 0s",
		"./compose.yaml:4:5: error: service web: image debian:12",
		"./deploy/pod.yaml:8:7: error: container app of Pod p:",
		"(GL301 manifest-shell-pid1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s%s", want, out, errOut)
		}
	}
	if strings.Contains(out, "chart/") || code != exitFindings {
		t.Errorf("status %d (want %d), and a Helm template is skipped on a walk:\n%s", code, exitFindings, out)
	}

	code, out, _ = run(t, dir, "-no-color", "chart/templates/pod.yaml")
	if code != exitFindings || !strings.Contains(out, "chart/templates/pod.yaml: error: a Helm template") || !strings.Contains(out, "| gracelint -") {
		t.Errorf("a named Helm template: status %d, output:\n%s", code, out)
	}
}

func TestLintStdin(t *testing.T) {
	dir := t.TempDir()
	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n" + shellPod)
	code, out, errOut := run(t, dir, "-no-color", "-")
	if code != exitFindings || !strings.HasPrefix(out, "<stdin>:12:7: error: container app of Pod p") {
		t.Errorf("status %d, output:\n%s%s", code, out, errOut)
	}
	stdin = strings.NewReader(shellPod)
	if code, _, errOut := run(t, dir, "-fix", "-"); code != exitUsage || !strings.Contains(errOut, "standard input") {
		t.Errorf("-fix with -: status %d, %s", code, errOut)
	}
}

func TestFixManifest(t *testing.T) {
	dir := files(t, "pod.yaml", shellPod)
	if code, out, errOut := run(t, dir, "-fix", "pod.yaml"); code != exitClean {
		t.Errorf("-fix: status %d:\n%s%s", code, out, errOut)
	}
	got, err := os.ReadFile(filepath.Join(dir, "pod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(shellPod, `"app"`, `"exec app"`, 1); string(got) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
}
