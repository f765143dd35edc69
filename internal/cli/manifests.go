package cli

import (
	"io"
	"os"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/discover"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/manifest/skaffold"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/manifestlint"
)

// stdin is where "gracelint -" reads its manifest stream.
var stdin io.Reader = os.Stdin

// lintManifests lints the compose projects, Kubernetes manifests and Helm
// templates the patterns found, and standard input when asked. It returns how
// many manifest files could not be read, and fails when standard input cannot
// be read whole.
func lintManifests(t *discover.Targets, cfg *config.Config) ([]finding.Finding, int, error) {
	opts := &manifestlint.Options{Images: cfg.Images}
	var findings []finding.Finding
	for _, name := range t.Skaffold {
		artifacts, err := skaffold.Read(name)
		if err != nil {
			findings = append(findings, finding.New(rule.ParseError, err.At.File, err.At.Line, err.At.Col, err.At.Line, err.At.Col, err.Msg))
			continue
		}
		opts.Artifacts = append(opts.Artifacts, artifacts...)
	}
	fs, unreadable := manifestlint.LintFiles(t.Manifests, t.Compose, opts)
	findings = append(findings, fs...)
	for _, name := range t.Templates {
		findings = append(findings, finding.New(rule.ParseError, name, 0, 0, 0, 0,
			"a Helm template is not YAML until it is rendered: lint what it renders, helm template RELEASE CHART | gracelint -"))
	}
	if t.Stdin {
		src, err := regularfile.ReadFrom(stdin, manifest.StdinName, manifest.MaxSize)
		if err != nil {
			return nil, 0, err
		}
		findings = append(findings, manifestlint.LintKubernetes(manifest.StdinName, src, opts)...)
	}
	return findings, unreadable, nil
}
