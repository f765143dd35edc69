package kube

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func read(t *testing.T, name string) ([]string, []string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	cs, errs := Read(name, src)
	var got, bad []string
	for _, c := range cs {
		l := c.Layer
		s := fmt.Sprintf("%s/%s image=%s@%d:%d", c.Owner, c.Name, l.Image.Value, l.Image.From.Line, l.Image.From.Col)
		if l.Entrypoint != nil {
			s += fmt.Sprintf(" command=%q@%d:%d", l.Entrypoint.Argv, l.Entrypoint.From.Line, l.Entrypoint.From.Col)
		}
		if l.Cmd != nil {
			s += fmt.Sprintf(" args=%q@%d", l.Cmd.Argv, l.Cmd.From.Line)
		}
		if l.Grace.Set {
			s += fmt.Sprintf(" grace=%s@%d", l.Grace.Value, l.Grace.From.Line)
		}
		if l.SharePID.Set {
			s += fmt.Sprintf(" sharePID=%v@%d", l.SharePID.Value, l.SharePID.From.Line)
		}
		if l.StopSignal.Set {
			s += fmt.Sprintf(" stopSignal=%s@%d", l.StopSignal.Value, l.StopSignal.From.Line)
		}
		if c.PreStop != nil {
			s += fmt.Sprintf(" preStop=%q@%d", c.PreStop.Argv, c.PreStop.From.Line)
		}
		if c.Completes {
			s += " completes"
		}
		if l.Entrypoint != nil && c.Words[l.Entrypoint] != nil {
			s += " words"
		}
		got = append(got, s)
	}
	for _, e := range errs {
		bad = append(bad, fmt.Sprintf("%d:%d: %s", e.At.Line, e.At.Col, e.Msg))
	}
	return got, bad
}

func TestReadMultiDocument(t *testing.T) {
	got, bad := read(t, "multi.yaml")
	want := []string{
		`Deployment web/migrate image=debian:12@20:11 command=["/bin/sh" "-c" "migrate"]@21:11 grace=0s@16 sharePID=true@17 completes words`,
		`Deployment web/proxy image=envoy@23:11 grace=0s@16 sharePID=true@17`,
		// $(PORT) and $(HOST) are the kubelet's, $(UNSET) stays as written, $$ is a $.
		`Deployment web/app image=alpine:3.20@27:11 command=["/bin/sh" "-c" "app --port=8080 --host=HOST --x=$(UNSET) --y=$(PORT)"]@33:11 args=["one"]@37 grace=0s@16 sharePID=true@17 stopSignal=SIGUSR1@39 preStop=["sh" "-c" "sleep 5"]@42 words`,
		`CronJob nightly/backup image=ko://example.com/cmd/backup@56:15 args=["--all"]@57 completes`,
	}
	if !reflect.DeepEqual(got, want) || len(bad) > 0 {
		t.Errorf("got\n%s\nerrors %q\nwant\n%s", strings.Join(got, "\n"), bad, strings.Join(want, "\n"))
	}
}

func TestReadList(t *testing.T) {
	got, bad := read(t, "list.yaml")
	want := []string{
		`Pod one/a image=busybox@9:21 command=["sh" "-c" "exec app"]@9:37 words`,
		`StatefulSet db/db image=postgres:16@21:15`,
	}
	if !reflect.DeepEqual(got, want) || len(bad) > 0 {
		t.Errorf("got\n%s\nerrors %q\nwant\n%s", strings.Join(got, "\n"), bad, strings.Join(want, "\n"))
	}
}

func TestReadGoesOnAfterABadDocument(t *testing.T) {
	got, bad := read(t, "bad.yaml")
	if want := []string{`Pod good/b image=nginx@12:26`}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(bad) != 2 || !strings.HasPrefix(bad[0], "1:1: Pod does not decode") || !strings.HasPrefix(bad[1], "16:") {
		t.Errorf("errors %q, want the first document's type error at 1:1 and the third's YAML error at line 16", bad)
	}
}
