package dockerlint

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/shell"
)

// fakeResolver answers from a table of facts, as imagefacts.Resolver would
// from an image, and records what it was asked.
type fakeResolver struct {
	facts map[string]*imagefacts.Facts
	mu    sync.Mutex
	asked []string // "ref sure=bool"
}

func (r *fakeResolver) Resolve(ref, _ string, sure bool) (*imagefacts.Facts, error) {
	if _, err := name.ParseReference(ref); err != nil {
		return nil, &imagefacts.RefError{Ref: ref, Err: err}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked = append(r.asked, fmt.Sprintf("%s sure=%t", ref, sure))
	return r.facts[ref], nil
}

const engineDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// acmeBase is a company base image no table knows: dash as /bin/sh, with an
// entrypoint script.
func acmeBase(script string) *imagefacts.Facts {
	f := &imagefacts.Facts{Ref: "acme.example/base:3", Digest: engineDigest, Origin: imagefacts.Origin{Kind: imagefacts.FromEngine},
		Platform: "linux/amd64", Sh: imagefacts.ShDash, ShPath: "/usr/bin/dash", Path: "/usr/local/bin:/usr/bin"}
	if script != "" {
		f.Entrypoint = []string{"docker-entrypoint.sh"}
		f.Scripts = map[string]imagefacts.Script{"docker-entrypoint.sh": {Path: "/usr/local/bin/docker-entrypoint.sh", Content: []byte(script)}}
	}
	return f
}

func TestResolvedBaseImage(t *testing.T) {
	const execs = "#!/bin/sh\nset -e\nexec \"$@\"\n"
	const stays = "#!/bin/sh\nset -e\n\"$@\"\n"
	bash := &imagefacts.Facts{Ref: "acme.example/bash:1", Digest: engineDigest, Origin: imagefacts.Origin{Kind: imagefacts.FromRegistry, Where: "acme.example"},
		Sh: imagefacts.ShBash, ShPath: "/usr/bin/bash", BashVersion: "4.2.46"}
	bashShell := acmeBase("")
	bashShell.Shell = []string{"/bin/bash", "-c"}
	for _, c := range []struct {
		name       string
		facts      *imagefacts.Facts
		dockerfile string
		want       []string // "line:severity:rule"
		message    []string // in the first finding
	}{
		{"unknown base without facts: a warning", nil, "FROM acme.example/base:3\nCMD app --flag\n",
			[]string{"2:warning:GL101"}, []string{"not in gracelint's table"}},
		{"dash read from the engine: an error", acmeBase(""), "FROM acme.example/base:3\nCMD app --flag\n",
			[]string{"2:error:GL101"}, []string{"uses dash as /bin/sh (/usr/bin/dash, read from the image in the local engine (sha256:0123456789ab))"}},
		{"bash 4.2 read from a registry", bash, "FROM acme.example/bash:1\nCMD setup && app\n",
			[]string{"2:error:GL101"}, []string{"ships bash 4.2.46 as /bin/sh (/usr/bin/bash, read from acme.example)", "right side of && or ||"}},
		{"inherited entrypoint script without exec", acmeBase(stays), "FROM acme.example/base:3\nCMD [\"app\"]\n",
			[]string{"1:error:GL103"}, []string{"/usr/local/bin/docker-entrypoint.sh:3 (base image acme.example/base:3, read from the image in the local engine"}},
		{"inherited entrypoint script with exec", acmeBase(execs), "FROM acme.example/base:3\nCMD [\"app\"]\n", nil, nil},
		{"shell-form CMD handed to an inherited entrypoint", acmeBase(execs), "FROM acme.example/base:3\nCMD app --flag\n",
			[]string{"2:error:GL101"}, []string{"the entrypoint script /usr/local/bin/docker-entrypoint.sh (base image acme.example/base:3", "uses dash"}},
		{"an ENTRYPOINT of the Dockerfile replaces the inherited one", acmeBase(stays), "FROM acme.example/base:3\nENTRYPOINT [\"app\"]\n", nil, nil},
		{"inherited SHELL makes shell form bash's", bashShell, "FROM acme.example/base:3\nCMD app --flag\n", nil, nil},
		{"a reference that does not parse", nil, "FROM Acme.example/Base:3\nCMD [\"app\"]\n",
			[]string{"1:error:GL000"}, []string{"FROM Acme.example/Base:3: the image reference does not parse"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &fakeResolver{facts: map[string]*imagefacts.Facts{}}
			if c.facts != nil {
				r.facts[c.facts.Ref] = c.facts
			}
			all := lintCase(t, c.dockerfile, nil, &Options{Resolver: r, Rules: defaultOptions.Rules})
			var got []string
			for _, f := range all {
				got = append(got, fmt.Sprintf("%d:%s:%s", f.Line, f.Severity, f.Rule.ID))
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Fatalf("findings = %v, want %v\n%v", got, c.want, describe(all))
			}
			for _, sub := range c.message {
				if !strings.Contains(all[0].Message, sub) {
					t.Errorf("message %q does not contain %q", all[0].Message, sub)
				}
			}
		})
	}
}

// TestResolvedConfig: the base's STOPSIGNAL, WORKDIR and CMD are the image's
// until the Dockerfile sets its own.
func TestResolvedConfig(t *testing.T) {
	f := acmeBase("")
	f.StopSignal, f.WorkingDir, f.Cmd = "SIGQUIT", "/srv", []string{"nginx", "-g", "daemon off;"}
	r := &fakeResolver{facts: map[string]*imagefacts.Facts{f.Ref: f}}
	df, _ := parse("Dockerfile", []byte("FROM acme.example/base:3\nWORKDIR app\n"))
	img := buildImageOn(df, 0, nil, r)
	if img.stopSignal == nil || img.stopSignal.signal != "SIGQUIT" || !img.stopSignal.inherited || img.workdir != "/srv/app" ||
		img.cmd == nil || img.cmd.argv[0] != "nginx" || img.family != shell.Dash {
		t.Errorf("image = %+v", img)
	}
	df, _ = parse("Dockerfile", []byte("FROM acme.example/base:3\nSTOPSIGNAL SIGTERM\nENTRYPOINT [\"app\"]\n"))
	img = buildImageOn(df, 0, nil, r)
	if img.stopSignal.signal != "SIGTERM" || img.stopSignal.inherited || img.cmd != nil {
		t.Errorf("the Dockerfile's own STOPSIGNAL and ENTRYPOINT: image = %+v", img)
	}
	// .gracelint.yaml's word on the shell wins over the image's files.
	img = buildImageOn(df, 0, []config.Image{{Pattern: "acme.example/base*", Shell: shell.Ash}}, r)
	if img.family != shell.Ash {
		t.Errorf("override: family %v", img.family)
	}
	// The table is sure of debian:12 with a CMD of its own; not of a base that runs nothing of the Dockerfile's.
	r.asked = nil
	for _, src := range []string{"FROM debian:12\nCMD app\n", "FROM debian:12\n", "FROM acme.example/base:3\nCMD app\n"} {
		df, _ := parse("Dockerfile", []byte(src))
		buildImageOn(df, 0, nil, r)
	}
	if want := "debian:12 sure=true debian:12 sure=false acme.example/base:3 sure=false"; strings.Join(r.asked, " ") != want {
		t.Errorf("asked %q, want %q", r.asked, want)
	}
}
