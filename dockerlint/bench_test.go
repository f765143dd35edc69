package dockerlint

import (
	"bytes"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gracelint/gracelint/internal/imagefacts"
)

// BenchmarkLintCorpus is gracelint's whole per-file work over the corpus (read,
// parse, model, rules, entrypoint scripts) on all cores, as the command runs it.
// Compare it with BenchmarkBuildkitParse from the same run: issue 2's target is to
// be no slower. See docs/PERFORMANCE.md.
func BenchmarkLintCorpus(b *testing.B) {
	_, paths := corpusDockerfiles(b)
	opts := &defaultOptions
	cpu := cpuTime(b)
	for b.Loop() {
		LintFiles(paths, opts)
	}
	cpu.report(b)
	b.ReportMetric(float64(len(paths)), "files/op")
}

// BenchmarkLintCorpusNoEngine is BenchmarkLintCorpus as the command runs it by
// default (-resolve=local) on a machine without a Docker engine: every base the
// table is not sure of asks for an engine, which is looked for once a run.
func BenchmarkLintCorpusNoEngine(b *testing.B) {
	_, paths := corpusDockerfiles(b)
	b.Setenv("DOCKER_HOST", "unix://"+b.TempDir()+"/no-engine.sock")
	cpu := cpuTime(b)
	for b.Loop() {
		r, err := imagefacts.New(imagefacts.Local, "", "")
		if err != nil {
			b.Fatal(err)
		}
		LintFiles(paths, &Options{Rules: defaultOptions.Rules, Resolver: r})
	}
	cpu.report(b)
	b.ReportMetric(float64(len(paths)), "files/op")
}

// BenchmarkBuildkitParse is the floor: BuildKit alone reading and parsing the same
// files (parser.Parse and instructions.Parse) in one thread.
func BenchmarkBuildkitParse(b *testing.B) {
	_, paths := corpusDockerfiles(b)
	cpu := cpuTime(b)
	for b.Loop() {
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			res, err := parser.Parse(bytes.NewReader(src))
			if err != nil {
				continue
			}
			instructions.Parse(res.AST, nil)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(len(paths)), "files/op")
}

// A cpuClock measures the process's user+system time, which a machine shared with
// other work inflates far less than wall time: it shows what the analysis costs,
// and LintCorpus's cpu-ms/op over two cores is its wall time on an idle machine.
type cpuClock struct{ start time.Duration }

func cpuTime(b *testing.B) cpuClock {
	b.Helper()
	return cpuClock{processCPU(b)}
}

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU(b)-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// longShellCommand is a Dockerfile whose shell-form CMD runs over lines
// continuation lines (issue 9, item 10: 10k took 1.7 s, 100k took 113 s).
func longShellCommand(lines int) []byte {
	var b bytes.Buffer
	b.WriteString("FROM debian:12\nCMD app \\\n")
	for i := range lines {
		fmt.Fprintf(&b, "  --flag%d=value \\\n", i)
	}
	b.WriteString("  --last\n")
	return b.Bytes()
}

// BenchmarkLongShellCommand lints longShellCommand at 10k and 100k lines;
// ns/line stays flat when the work grows linearly. Its peer is BuildKit's
// parse of the same file, which gracelint cannot be faster than.
func BenchmarkLongShellCommand(b *testing.B) {
	for _, lines := range []int{10_000, 100_000} {
		src := longShellCommand(lines)
		b.Run(fmt.Sprintf("lint/lines=%d", lines), func(b *testing.B) {
			for b.Loop() {
				Lint("Dockerfile", src, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
		})
		b.Run(fmt.Sprintf("buildkit/lines=%d", lines), func(b *testing.B) {
			for b.Loop() {
				res, err := parser.Parse(bytes.NewReader(src))
				if err != nil {
					b.Fatal(err)
				}
				instructions.Parse(res.AST, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
		})
	}
}
