package dockerlint

import (
	"fmt"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/container"
)

// ImageShell is what the /bin/sh of the image ref is, as far as gracelint's
// table of base images and images: in .gracelint.yaml tell.
func ImageShell(ref string, images []config.Image) container.Shell {
	f, fs, why := baseShell(ref, images)
	return container.Shell{Family: f, Families: fs, Why: why}
}

// ImageConfig is the configuration that the stage target of the Dockerfile
// src (the last stage when target is "") gives a container: its ENTRYPOINT,
// CMD, STOPSIGNAL and /bin/sh, each with its line. It fails when the file does
// not parse or has no such stage.
func ImageConfig(path string, src []byte, target string, images []config.Image) (container.Config, error) {
	df, perr := parse(path, src)
	if perr != nil {
		return container.Config{}, perr
	}
	i := len(df.stages) - 1
	if target != "" {
		if i = earlierStage(df, len(df.stages), target); i < 0 {
			return container.Config{}, fmt.Errorf("%s has no stage named %q", path, target)
		}
	}
	img := buildImage(df, i, images)
	c := container.Config{
		Image:           container.Setting[string]{Value: img.base, Set: true},
		Entrypoint:      img.entrypoint.container(path),
		Cmd:             img.cmd.container(path),
		EntrypointKnown: true,
		Shell:           container.Shell{Family: img.family, Families: img.families, Why: img.familyWhy},
	}
	if s := img.stopSignal; s != nil {
		c.StopSignal = container.Setting[string]{Value: s.signal, From: container.Source{File: path, Line: s.at.line, Col: s.at.col}, Set: true}
	}
	return c, nil
}

func (c *command) container(path string) *container.Command {
	if c == nil {
		return nil
	}
	return &container.Command{Argv: c.argv, ShellForm: c.shellForm, From: container.Source{File: path, Line: c.at.line, Col: c.at.col}}
}

// ExecInsertion is where exec must go in the -c string cmd so that its last
// command replaces the shell in every shell, or -1 and why there is no such
// place: the rule of the Dockerfile fixer, for fixers of other files.
func ExecInsertion(cmd string) (int, string) { return lastCommandStart(cmd) }
