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
		{Pattern: "internal/bash4-base", Shell: shell.Bash4},
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
		{"centos:7", shell.Bash4},
		{"rockylinux/rockylinux:9", shell.Bash},
		{"registry.access.redhat.com/ubi9/ubi-minimal:9.4", shell.Bash},
		{"redhat/ubi9", shell.Bash},
		{"amazonlinux:2023", shell.Bash},
		{"internal/bash4-base:1", shell.Bash4},
		{"scratch", shell.None},
		{"gcr.io/distroless/static-debian12:nonroot", shell.None},
		{"gcr.io/distroless/java17", shell.None},
		{"myregistry.local:5000/debian:12", shell.Unknown}, // a private mirror is not Docker Hub's debian
		{"traefik:v3", shell.Unknown},
		{"", shell.Unknown},
		{"registry.example.com/base-python:3", shell.Ash},
		{"docker.io/myorg/debianish:latest", shell.Dash},
		{"debian:sid", shell.Bash},
		{"arm32v7/alpine:3", shell.Ash},
		{"arm64v8/debian:12", shell.Dash},
		{"docker.io/arm32v6/busybox", shell.Ash},
		{"i386/ubuntu", shell.Dash},
		{"ppc64le/python:3.12", shell.Dash},
		{"s390x/node:20", shell.Dash},
		{"riscv64/debian:sid", shell.Dash},
		{"amd64/centos:7", shell.Bash4},
		{"library/debian:12", shell.Dash},
		{"docker.io/library/debian:12@sha256:0123456789abcdef", shell.Dash},
		{"Debian:12", shell.Dash},
		{"arm32v7/myorg/base", shell.Unknown}, // not an official image's name
		{"resin/rpi-raspbian:stretch", shell.Dash},
		{"balenalib/raspberrypi3-debian:bookworm", shell.Dash},
		{"balenalib/aarch64-alpine-node:18", shell.Ash},
		{"bitnami/minideb:bookworm", shell.Dash},
	} {
		got, _, why := baseShell(c.ref, overrides)
		if got != c.want {
			t.Errorf("baseShell(%q) = %v (%s), want %v", c.ref, got, why, c.want)
		}
		if c.ref != "" && !strings.Contains(why, c.ref) {
			t.Errorf("baseShell(%q) reason %q does not name the image", c.ref, why)
		}
		if c.want != shell.Unknown && !strings.Contains(why, "gracelint's table") && !strings.Contains(why, ".gracelint.yaml") {
			t.Errorf("baseShell(%q) reason %q does not say where it came from", c.ref, why)
		}
	}
}

// TestBashRelease checks which bash the table reads from the names and tags of
// bash-based images (the releases' own package lists), and that it does not
// guess where the reference does not say.
func TestBashRelease(t *testing.T) {
	for _, c := range []struct {
		ref     string
		want    shell.Family // Unknown: the reference does not say which bash
		version string       // as the reason names it
	}{
		{"centos:centos6", shell.Bash4, "bash 4.1"},
		{"centos:6.10", shell.Bash4, "bash 4.1"},
		{"centos:7", shell.Bash4, "bash 4.2"},
		{"centos:centos7.9.2009", shell.Bash4, "bash 4.2"},
		{"centos:8", shell.Bash44, "bash 4.4"},
		{"centos", shell.Bash44, "bash 4.4"},
		{"centos:latest", shell.Bash44, "bash 4.4"},
		{"quay.io/centos/centos:stream8", shell.Bash44, "bash 4.4"},
		{"quay.io/centos/centos:stream9", shell.Bash, "bash 5.1"},
		{"quay.io/centos/centos:stream10", shell.Bash, "bash 5.2"},
		{"quay.io/centos/centos", shell.Unknown, ""},
		{"rockylinux:8", shell.Bash44, "bash 4.4"},
		{"rockylinux:8.9-minimal", shell.Bash44, "bash 4.4"},
		{"rockylinux/rockylinux:9", shell.Bash, "bash 5.1"},
		{"rockylinux:9-ubi", shell.Bash, "bash 5.1"},
		{"rockylinux:custom-tag", shell.Unknown, ""},
		{"rockylinux@sha256:0123", shell.Unknown, ""},
		{"almalinux:8", shell.Bash44, "bash 4.4"},
		{"almalinux:9.4", shell.Bash, "bash 5.1"},
		{"almalinux", shell.Unknown, ""},
		{"oraclelinux:7-slim", shell.Bash4, "bash 4.2"},
		{"oraclelinux:8", shell.Bash44, "bash 4.4"},
		{"oraclelinux:9", shell.Bash, "bash 5.1"},
		{"redhat/ubi8", shell.Bash44, "bash 4.4"},
		{"redhat/ubi8-minimal:8.10", shell.Bash44, "bash 4.4"},
		{"redhat/ubi9:latest", shell.Bash, "bash 5.1"},
		{"registry.access.redhat.com/ubi7/ubi:7.9", shell.Bash4, "bash 4.2"},
		{"registry.access.redhat.com/ubi8/ubi-minimal", shell.Bash44, "bash 4.4"},
		{"registry.access.redhat.com/ubi9", shell.Bash, "bash 5.1"},
		{"registry.access.redhat.com/rhel7", shell.Bash4, "bash 4.2"},
		{"registry.redhat.io/ubi8/ubi", shell.Bash44, "bash 4.4"},
		{"registry.redhat.io/rhel9/rhel-bootc", shell.Bash, "bash 5.1"},
		{"amazonlinux:1", shell.Bash4, "bash 4.2"},
		{"amazonlinux:2018.03", shell.Bash4, "bash 4.2"},
		{"amazonlinux:2", shell.Bash4, "bash 4.2"},
		{"public.ecr.aws/amazonlinux/amazonlinux:2.0.20240610.1", shell.Bash4, "bash 4.2"},
		{"amazonlinux:2023", shell.Bash, "bash 5.2"},
		{"amazonlinux", shell.Bash, "bash 5.2"},
		{"amazonlinux:custom", shell.Unknown, ""},
		{"fedora:40", shell.Bash, "bash 5.2 or later"},
		{"fedora", shell.Bash, "bash 5.2 or later"},
		{"fedora:rawhide", shell.Bash, "bash 5.2 or later"},
		{"registry.fedoraproject.org/fedora-minimal:41", shell.Bash, "bash 5.2 or later"},
		{"fedora:33", shell.Unknown, ""},
	} {
		got, maybe, why := baseShell(c.ref, nil)
		if got != c.want {
			t.Errorf("baseShell(%q) = %v (%s), want %v", c.ref, got, why, c.want)
			continue
		}
		if got != shell.Unknown {
			if want := "base image " + c.ref + " ships " + c.version + " as /bin/sh"; !strings.Contains(why, want) {
				t.Errorf("baseShell(%q) reason %q, want it to say %q", c.ref, why, want)
			}
			continue
		}
		if !strings.Contains(why, "ships bash as /bin/sh") || !strings.Contains(why, "which version") {
			t.Errorf("baseShell(%q) reason %q, want it to say the bash version is not known", c.ref, why)
		}
		for _, f := range maybe {
			if !f.IsBash() {
				t.Errorf("baseShell(%q) may be %v, want only bash releases", c.ref, f)
			}
		}
		if len(maybe) < 2 {
			t.Errorf("baseShell(%q) may be %v, want the bash releases it leaves open", c.ref, maybe)
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
