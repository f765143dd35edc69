package dockerlint

import (
	"testing"

	"github.com/gracelint/gracelint/internal/shell"
)

func TestExportedImageConfig(t *testing.T) {
	src := []byte("FROM golang:1.26 AS build\nCMD [\"go\"]\n\nFROM debian:12\nSTOPSIGNAL SIGINT\nENTRYPOINT /app --flag\n")
	c, err := ImageConfig("Dockerfile", src, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Entrypoint == nil || !c.Entrypoint.ShellForm || c.Entrypoint.From.Line != 6 || c.Cmd != nil || c.StopSignal.Value != "SIGINT" || c.Shell.Family != shell.Dash {
		t.Errorf("final stage: %+v", c)
	}
	c, err = ImageConfig("Dockerfile", src, "build", nil)
	if err != nil || c.Entrypoint != nil || c.Cmd == nil || c.Cmd.Argv[0] != "go" || c.Cmd.From.Line != 2 {
		t.Errorf("stage build: %+v, %v", c, err)
	}
	if _, err := ImageConfig("Dockerfile", src, "nope", nil); err == nil {
		t.Error("a missing target is not an error")
	}
}
