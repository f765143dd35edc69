package dockerlint

import (
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/shell"
)

func TestBaseShell(t *testing.T) {
	overrides := []config.Image{
		{Pattern: "registry.example.com/base*", Shell: shell.Ash},
		{Pattern: "myorg/debianish", Shell: shell.Dash},
		{Pattern: "debian:sid", Shell: shell.Bash}, // a pattern with a tag overrides the table
	}
	for _, c := range []struct {
		ref  string
		want shell.Family
	}{
		{"debian:12", shell.Dash},
		{"debian", shell.Dash},
		{"docker.io/library/ubuntu:24.04", shell.Dash},
		{"python:3.12-slim-bookworm", shell.Dash},
		{"python:3.12-alpine3.20", shell.Ash},
		{"node@sha256:0123", shell.Dash},
		{"golang:1.26-alpine", shell.Ash},
		{"alpine", shell.Ash},
		{"busybox:1.36-musl", shell.Ash},
		{"centos:7", shell.Bash},
		{"rockylinux/rockylinux:9", shell.Bash},
		{"registry.access.redhat.com/ubi9/ubi-minimal:9.4", shell.Bash},
		{"redhat/ubi9", shell.Bash},
		{"amazonlinux:2023", shell.Bash},
		{"scratch", shell.None},
		{"gcr.io/distroless/static-debian12:nonroot", shell.None},
		{"gcr.io/distroless/java17", shell.None},
		{"myregistry.local:5000/debian:12", shell.Unknown}, // a private mirror is not Docker Hub's debian
		{"traefik:v3", shell.Unknown},
		{"", shell.Unknown},
		{"registry.example.com/base-python:3", shell.Ash},
		{"docker.io/myorg/debianish:latest", shell.Dash},
		{"debian:sid", shell.Bash},
	} {
		got, why := baseShell(c.ref, overrides)
		if got != c.want {
			t.Errorf("baseShell(%q) = %v (%s), want %v", c.ref, got, why, c.want)
		}
		if c.ref != "" && !strings.Contains(why, c.ref) {
			t.Errorf("baseShell(%q) reason %q does not name the image", c.ref, why)
		}
	}
}

func TestImagesOptionOverridesTable(t *testing.T) {
	src := "FROM internal/base:1\nCMD app\n"
	if fs := lintCase(t, src, nil, &Options{Images: []config.Image{{Pattern: "internal/base", Shell: shell.Bash}}}); len(fs) != 0 {
		t.Errorf("with internal/base as bash: findings = %v, want none", describe(fs))
	}
	fs := lintCase(t, src, nil, &Options{Images: []config.Image{{Pattern: "internal/*", Shell: shell.Dash}}})
	if len(fs) != 1 || fs[0].Rule != ShellFormPID1 || fs[0].Severity.String() != "error" ||
		!strings.Contains(fs[0].Message, `images: "internal/*" in .gracelint.yaml`) {
		t.Errorf("with internal/* as dash: findings = %v, want one GL101 error naming the config", describe(fs))
	}
}
