package dockerlint

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// argBomb is issue 9's 42-line Dockerfile: each ARG doubles the one before,
// so A39 would be 4 TiB.
func argBomb() string {
	var b strings.Builder
	b.WriteString("ARG A0=01234567\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "ARG A%d=${A%d}${A%d}\n", i, i-1, i-1)
	}
	b.WriteString("FROM debian:${A39}\nCMD app\n")
	return b.String()
}

// lintBounded lints src and fails the test if that allocated more than
// 64 MiB: the expansion must stop at its bound.
func lintBounded(t *testing.T, src string) []finding.Finding {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fs := lintCase(t, src, nil, nil)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("linting allocated %d MiB, want the expansion bounded", alloc>>20)
	}
	return fs
}

func TestArgExpansionIsBounded(t *testing.T) {
	src := argBomb()
	if n := strings.Count(src, "\n"); n != 42 {
		t.Fatalf("the bomb has %d lines, want 42", n)
	}
	fs := lintBounded(t, src)
	// A16 is 512 KiB, and the 1 MiB of the whole file is spent by A17 (line 18).
	var gl000 []string
	for _, f := range fs {
		if f.Rule == rule.ParseError {
			gl000 = append(gl000, fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Message))
		}
	}
	if len(gl000) != 1 || !strings.HasPrefix(gl000[0], "18:1 expanding the build arguments of this line could produce more than 1048576 bytes") {
		t.Errorf("GL000 findings = %q, want one at line 18 saying where the bound was crossed", gl000)
	}
}

func TestArgExpansionWithinBound(t *testing.T) {
	// Below the bound nothing changes: the base image is expanded as before.
	df, perr := parse("Dockerfile", []byte("ARG V=12\nARG B=debian:${V}-slim\nFROM ${B}\nCMD app\n"))
	if perr != nil {
		t.Fatal(perr)
	}
	if img := buildImage(df, 0, nil); img.base != "debian:12-slim" || len(df.expander.problems) != 0 {
		t.Errorf("base = %q, problems %v; want debian:12-slim and none", img.base, df.expander.problems)
	}
}

func TestPatternReplacementIsBounded(t *testing.T) {
	// ${A//?/$B} puts B in place of every character of A: 30 kB each make
	// 900 MB (BuildKit reads lines of up to 64 KiB).
	a := strings.Repeat("a", 30000)
	src := "ARG A=" + a + "\nARG B=${A}\nARG C=${A//?/$B}\nFROM debian:${C}\n"
	fs := lintBounded(t, src)
	if len(fs) == 0 || fs[0].Rule != rule.ParseError || fs[0].Line != 3 {
		t.Errorf("findings = %v, want a GL000 on line 3", describe(fs))
	}
}

func TestNULInExpandedWords(t *testing.T) {
	// BuildKit's lexer reads words with text/scanner, whose default error
	// handler writes a line to standard error for each NUL. Each word with
	// NULs is one GL000 at the first of them, and nothing reaches stderr.
	src := "ARG X=a\x00b\x00c\nFROM debian\x00\x00\x00:12${X}\nENV Y=c\x00d$X\nARG Z=$X\nCMD [\"app\"]\n"
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	fs := lintCase(t, src, nil, nil)
	os.Stderr = stderr
	w.Close()
	written, _ := io.ReadAll(r)
	if len(written) > 0 {
		t.Errorf("lint wrote to standard error:\n%s", written)
	}
	var got []string
	for _, f := range fs {
		if f.Rule == rule.ParseError {
			got = append(got, fmt.Sprintf("%d:%d", f.Line, f.Column))
		}
	}
	if want := "1:8 2:12 3:8"; strings.Join(got, " ") != want {
		t.Errorf("GL000 positions = %v, want %s\nall: %v", got, want, describe(fs))
	}
}
