package dockerlint

import (
	"fmt"
	"testing"
)

// TestImageConfig checks ENTRYPOINT and CMD as Docker stores them in the image
// config: shell form behind the SHELL in effect at that instruction, an inherited
// CMD reset by a later stage's ENTRYPOINT, ENTRYPOINT [] unsetting it.
func TestImageConfig(t *testing.T) {
	for _, c := range []struct {
		name, src       string
		entrypoint, cmd string // fmt.Sprint of argv, "<nil>" when unset
	}{
		{"shell form", "FROM debian\nCMD app  --x\n", "<nil>", "[/bin/sh -c app  --x]"},
		{"exec form", "FROM debian\nENTRYPOINT [\"a\", \"b c\"]\nCMD [\"d\"]\n", "[a b c]", "[d]"},
		{"SHELL at the time", "FROM debian\nSHELL [\"bash\", \"-c\"]\nCMD app\nSHELL [\"zsh\", \"-c\"]\n", "<nil>", "[bash -c app]"},
		{"SHELL inherited", "FROM debian AS a\nSHELL [\"bash\", \"-c\"]\nFROM a\nENTRYPOINT app\n", "[bash -c app]", "<nil>"},
		{"inherited CMD reset", "FROM debian AS a\nCMD [\"x\"]\nFROM a\nENTRYPOINT [\"e\"]\n", "[e]", "<nil>"},
		{"CMD before ENTRYPOINT in one stage kept", "FROM debian\nCMD [\"x\"]\nENTRYPOINT [\"e\"]\n", "[e]", "[x]"},
		{"ENTRYPOINT [] unsets", "FROM debian AS a\nENTRYPOINT [\"e\"]\nFROM a\nENTRYPOINT []\nCMD [\"x\"]\n", "<nil>", "[x]"},
		{"stage names are case-insensitive", "FROM debian AS Base\nCMD [\"x\"]\nFROM base\n", "<nil>", "[x]"},
		{"later stage of the same name is not a parent", "FROM debian\nCMD [\"x\"]\nFROM y\nFROM alpine AS y\n", "<nil>", "<nil>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			df, perr := parse("Dockerfile", []byte(c.src))
			if perr != nil {
				t.Fatal(perr)
			}
			img := buildImage(df, len(df.stages)-1, nil)
			if got := argvOf(img.entrypoint); got != c.entrypoint {
				t.Errorf("ENTRYPOINT = %s, want %s", got, c.entrypoint)
			}
			if got := argvOf(img.cmd); got != c.cmd {
				t.Errorf("CMD = %s, want %s", got, c.cmd)
			}
		})
	}
}

func argvOf(c *command) string {
	if c == nil {
		return "<nil>"
	}
	return fmt.Sprint(c.argv)
}

func TestBaseThroughStages(t *testing.T) {
	src := "ARG V=3.20\nFROM alpine:${V} AS a\nFROM a AS b\nFROM b\n"
	df, perr := parse("Dockerfile", []byte(src))
	if perr != nil {
		t.Fatal(perr)
	}
	img := buildImage(df, len(df.stages)-1, nil)
	if img.base != "alpine:3.20" {
		t.Errorf("base = %q, want alpine:3.20", img.base)
	}
}
