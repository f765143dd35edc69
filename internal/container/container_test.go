package container

import (
	"reflect"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/shell"
)

func TestOverLayersAsDockerDoes(t *testing.T) {
	image := Config{
		Entrypoint:      &Command{Argv: []string{"/docker-entrypoint.sh"}},
		Cmd:             &Command{Argv: []string{"postgres"}},
		EntrypointKnown: true,
		StopSignal:      Setting[string]{Value: "SIGINT", Set: true},
	}
	tests := []struct {
		name string
		top  Config
		argv []string
		sig  string
	}{
		{"nothing set keeps the image", Config{}, []string{"/docker-entrypoint.sh", "postgres"}, "SIGINT"},
		{"a command replaces CMD only", Config{Cmd: &Command{Argv: []string{"sh", "-c", "app"}}},
			[]string{"/docker-entrypoint.sh", "sh", "-c", "app"}, "SIGINT"},
		{"an entrypoint clears CMD", Config{Entrypoint: &Command{Argv: []string{"/app"}}}, []string{"/app"}, "SIGINT"},
		{"both", Config{Entrypoint: &Command{Argv: []string{"/app"}}, Cmd: &Command{Argv: []string{"-v"}},
			StopSignal: Setting[string]{Value: "SIGTERM", Set: true}}, []string{"/app", "-v"}, "SIGTERM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.top.Over(image)
			argv, owner, certain := c.Argv()
			if !reflect.DeepEqual(argv, tt.argv) || len(owner) != len(argv) || !certain {
				t.Errorf("Argv() = %q (%d owners, certain %v), want %q", argv, len(owner), certain, tt.argv)
			}
			if c.StopSignal.Value != tt.sig {
				t.Errorf("stop signal %q, want %q", c.StopSignal.Value, tt.sig)
			}
		})
	}
}

func TestArgvIsUncertainWithoutTheImagesEntrypoint(t *testing.T) {
	c := Config{Cmd: &Command{Argv: []string{"sh", "-c", "app"}}}
	if _, _, certain := c.Argv(); certain {
		t.Error("a command over an unknown image is taken as the whole command line")
	}
	c.Grace = Setting[time.Duration]{Set: true}
	if _, _, certain := c.Over(Config{EntrypointKnown: true}).Argv(); !certain {
		t.Error("a command over an image known to have no ENTRYPOINT is not certain")
	}
}

func TestShellFormEntrypointIgnoresCmd(t *testing.T) {
	c := Config{
		Entrypoint: &Command{Argv: []string{"/bin/sh", "-c", "app"}, ShellForm: true},
		Cmd:        &Command{Argv: []string{"--port", "80"}},
	}
	if argv, _, _ := c.Argv(); !reflect.DeepEqual(argv, []string{"/bin/sh", "-c", "app"}) {
		t.Errorf("Argv() = %q, want the shell-form entrypoint alone", argv)
	}
}

func TestShellOf(t *testing.T) {
	img := Config{Shell: Named(shell.Dash, "base image debian:12 uses dash")}
	tests := []struct {
		argv     []string
		ok       bool
		families []shell.Family
		script   int
		dashC    bool
	}{
		{[]string{"sh", "-c", "app"}, true, []shell.Family{shell.Dash}, 2, true},
		{[]string{"/bin/sh", "-ec", "app"}, true, []shell.Family{shell.Dash}, 2, true},
		{[]string{"bash", "-c", "app"}, true, AnyBash, 2, true},
		{[]string{"/bin/ash", "-c", "app"}, true, []shell.Family{shell.Ash}, 2, true},
		{[]string{"busybox", "sh", "-c", "app"}, true, []shell.Family{shell.Ash}, 3, true},
		{[]string{"/opt/sh", "-c", "app"}, true, AnyShell, 2, true},
		{[]string{"sh", "/entrypoint.sh"}, true, []shell.Family{shell.Dash}, 1, false},
		{[]string{"/app", "-c", "x"}, false, nil, 0, false},
		{[]string{"busybox", "sleep", "1"}, false, nil, 0, false},
	}
	for _, tt := range tests {
		run, ok := img.ShellOf(tt.argv)
		if ok != tt.ok || (ok && (!reflect.DeepEqual(run.Shell.Families, tt.families) || run.Script != tt.script || run.DashC != tt.dashC)) {
			t.Errorf("ShellOf(%q) = %+v, %v; want families %v, script %d, -c %v, ok %v", tt.argv, run, ok, tt.families, tt.script, tt.dashC, tt.ok)
		}
	}
	bashImage := Config{Shell: Named(shell.Bash44, "base image rockylinux:8 ships bash 4.4")}
	if run, _ := bashImage.ShellOf([]string{"bash", "-c", "a; app"}); !reflect.DeepEqual(run.Shell.Families, []shell.Family{shell.Bash44}) {
		t.Errorf("bash in a bash image is %v, want the image's bash 4.4", run.Shell.Families)
	}
}

func TestStays(t *testing.T) {
	stays, ok := Stays(AnyShell, "app")
	if !ok || len(stays) != 1 || stays[0].Family != shell.Dash {
		t.Errorf(`Stays(any, "app") = %v, %v; want dash alone`, stays, ok)
	}
	if stays, ok := Stays(AnyShell, "exec app"); !ok || len(stays) != 0 {
		t.Errorf(`Stays(any, "exec app") = %v, %v; want none`, stays, ok)
	}
	if stays, ok := Stays(AnyShell, "app | tee log"); !ok || len(stays) != 3 {
		t.Errorf(`Stays(any, "app | tee log") = %v, %v; want every shell`, stays, ok)
	}
	if _, ok := Stays(AnyShell, "eval $CMD"); ok {
		t.Error("eval is judged")
	}
}
