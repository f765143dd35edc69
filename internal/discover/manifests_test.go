package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// files creates files with their content under a fresh directory and chdirs
// into it.
func files(t *testing.T, content map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range content {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"

func TestResolveManifests(t *testing.T) {
	files(t, map[string]string{
		"compose.yaml":                    "services: {a: {image: x}}\n",
		"compose.override.yaml":           "services: {a: {init: true}}\n",
		"svc/docker-compose.yml":          "services: {b: {image: y}}\n",
		"svc/docker-compose.override.yml": "services: {b: {init: true}}\n",
		"svc/compose.override.yaml":       "services: {b: {init: false}}\n",
		"deploy/app.yaml":                 deployment,
		"deploy/list.yml":                 "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n",
		"deploy/config.yaml":              "apiVersion: v1\nkind: ConfigMap\n",
		".github/workflows/ci.yml":        "on: push\njobs: {}\n",
		"chart/templates/deploy.yaml":     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: {{ .Release.Name }}}\n",
		"testdata/pod.yaml":               deployment,
		"other/services.yaml":             "services: {c: {image: z}}\n",
	})
	got, err := Resolve([]string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"deploy/app.yaml", "deploy/list.yml"}; !reflect.DeepEqual(got.Manifests, want) {
		t.Errorf("walk: manifests %q, want %q (no ConfigMap, workflow, Helm template or testdata)", got.Manifests, want)
	}
	// docker compose prefers compose.override.yml, then compose.override.yaml,
	// then docker-compose.override.yml: one override per project.
	wantCompose := [][]string{{"compose.yaml", "compose.override.yaml"}, {"svc/docker-compose.yml", "svc/compose.override.yaml"}}
	if !reflect.DeepEqual(got.Compose, wantCompose) {
		t.Errorf("walk: compose %q, want %q", got.Compose, wantCompose)
	}
	if len(got.Templates) != 0 || got.Stdin {
		t.Errorf("walk: templates %q, stdin %v; a walk skips templates", got.Templates, got.Stdin)
	}

	got, err = Resolve([]string{"chart/templates/deploy.yaml", "other/services.yaml", "deploy/config.yaml", "svc/docker-compose.yml", "-"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Templates, []string{"chart/templates/deploy.yaml"}) || !got.Stdin ||
		!reflect.DeepEqual(got.Manifests, []string{"deploy/config.yaml"}) ||
		!reflect.DeepEqual(got.Compose, [][]string{{"other/services.yaml"}, {"svc/docker-compose.yml"}}) {
		t.Errorf("named: templates %q, stdin %v, manifests %q, compose %q", got.Templates, got.Stdin, got.Manifests, got.Compose)
	}
	got, err = Resolve([]string{"deploy"})
	if err != nil || !reflect.DeepEqual(got.Manifests, []string{"deploy/app.yaml", "deploy/list.yml"}) {
		t.Errorf("a directory: manifests %q, %v", got.Manifests, err)
	}
}

func TestSniff(t *testing.T) {
	for src, want := range map[string]yamlKind{
		deployment: workloads,
		"apiVersion: batch/v1\nkind: \"CronJob\" # nightly\n":                    workloads,
		"---\napiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Pod\r\n": workloads,
		"apiVersion: v1\nkind: Service\n":                                        otherYAML,
		"kind: Deployment\n":                                                     otherYAML, // no apiVersion
		"apiVersion: v1\nkind: PodTemplate\n":                                    otherYAML,
		"apiVersion: v1\nkind: Pod\nspec: {{ .Values.spec }}\n":                  template,
		"services:\n  a: {image: x}\n":                                           composeFile,
		"name: x\n":                                                              otherYAML,
	} {
		if got := sniffBytes([]byte(src)); got != want {
			t.Errorf("sniffBytes(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestLoneOverrideIsNoProject(t *testing.T) {
	files(t, map[string]string{"x/compose.override.yaml": "services: {a: {init: true}}\n"})
	got, err := Resolve([]string{"./..."})
	if err != nil || len(got.Compose) != 0 {
		t.Errorf("compose %q, %v; docker compose loads no override without its main file", got.Compose, err)
	}
}

func TestResolveSkaffold(t *testing.T) {
	files(t, map[string]string{"skaffold.yaml": "apiVersion: skaffold/v4beta11\nkind: Config\n", "k8s/app.yaml": deployment})
	got, err := Resolve([]string{"./..."})
	if err != nil || !reflect.DeepEqual(got.Skaffold, []string{"skaffold.yaml"}) || !reflect.DeepEqual(got.Manifests, []string{"k8s/app.yaml"}) {
		t.Errorf("skaffold %q, manifests %q, %v", got.Skaffold, got.Manifests, err)
	}
}
