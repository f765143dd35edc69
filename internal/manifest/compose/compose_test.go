package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/manifest"
)

func describe(c manifest.Container) string {
	l := c.Layer
	s := fmt.Sprintf("%s in %s", c.Owner, filepath.Base(c.File))
	if l.Image.Set {
		s += fmt.Sprintf(" image=%s@%d", l.Image.Value, l.Image.From.Line)
	}
	if l.Entrypoint != nil {
		s += fmt.Sprintf(" entrypoint=%q@%d:%d", l.Entrypoint.Argv, l.Entrypoint.From.Line, l.Entrypoint.From.Col)
		if c.Words[l.Entrypoint] != nil {
			s += "(words)"
		}
	}
	if l.Cmd != nil {
		s += fmt.Sprintf(" command=%q@%s:%d", l.Cmd.Argv, filepath.Base(l.Cmd.From.File), l.Cmd.From.Line)
	}
	if l.StopSignal.Set {
		s += fmt.Sprintf(" stop_signal=%s@%s:%d", l.StopSignal.Value, filepath.Base(l.StopSignal.From.File), l.StopSignal.From.Line)
	}
	if l.Grace.Set {
		s += fmt.Sprintf(" grace=%s@%s:%d", l.Grace.Value, filepath.Base(l.Grace.From.File), l.Grace.From.Line)
	}
	if l.Init.Set {
		s += fmt.Sprintf(" init=%v@%d", l.Init.Value, l.Init.From.Line)
	}
	if b := c.Build; b != nil {
		s += fmt.Sprintf(" build=%s,%s,%q,target=%s@%d", filepath.Base(b.Context), filepath.Base(b.Dockerfile), b.Inline, b.Target, b.At.Line)
	}
	return s
}

func TestReadProject(t *testing.T) {
	t.Setenv("TAG", "v2")
	t.Setenv("PORT", "") // set, if empty: the environment wins over .env
	os.Unsetenv("PORT")
	dir := filepath.Join("testdata", "project")
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	files := Project(dir, names)
	if want := []string{filepath.Join(dir, "compose.yaml"), filepath.Join(dir, "compose.override.yaml")}; !reflect.DeepEqual(files, want) {
		t.Fatalf("Project = %q, want %q", files, want)
	}
	cs, errs := Read(files)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var got []string
	for _, c := range cs {
		got = append(got, describe(c))
	}
	want := []string{
		`service api in compose.yaml entrypoint=["/bin/sh" "-c" "app"]@11:5(words) init=true@12 build=api,Dockerfile,"",target=final@8`,
		"service inline in compose.yaml build=project,.,\"FROM alpine\\nCMD app\\n\",target=@18",
		// .env gives REGISTRY and PORT, the environment TAG; the override's values win.
		`service web in compose.yaml image=registry.example.com/web:v2@4 command=["sh" "-c" "migrate && exec app --port 8080"]@compose.yaml:5 stop_signal=SIGKILL@compose.override.yaml:3 grace=0s@compose.override.yaml:4`,
		// extends copies web's settings of the same file, before the override
		// is merged (as docker compose does), and they are reported on the
		// service; its own command is on its line; its profile is enabled.
		`service worker in compose.yaml image=registry.example.com/web:v2@13 command=["worker" "--queue" "jobs"]@compose.yaml:15 grace=1m30s@compose.yaml:13`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ dir, want string }{
		{"broken", "compose.yaml:4:5: does not load"},
		{"badyaml", "compose.yaml:4:1: does not parse as YAML"},
	} {
		_, errs := Read([]string{filepath.Join("testdata", tt.dir, "compose.yaml")})
		var got []string
		for _, e := range errs {
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", e.At.File, e.At.Line, e.At.Col, e.Msg))
		}
		if len(got) != 1 || !strings.Contains(got[0], tt.want) {
			t.Errorf("%s: errors %q, want one containing %q", tt.dir, got, tt.want)
		}
	}
}
