package dockerlint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The build context is a boundary: docker build cannot read outside it, so
// neither may gracelint. Each case puts a file outside the context that would
// give a finding quoting it (a script without exec, one that does not parse)
// or a link to it (a program), and a Dockerfile that reaches for it.
func TestContextIsABoundary(t *testing.T) {
	const marker = "SECRET_OUTSIDE_THE_CONTEXT"
	t.Setenv("GRACELINT_TEST_SECRET", marker)
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	ctx := filepath.Join(root, "ctx")
	for name, body := range map[string]string{
		"outside/run.sh":  "#!/bin/sh\n" + marker + " --serve\n",
		"outside/shadow":  "root:" + marker + ":19000:0:99999:7:::\n(\n",
		"outside/app":     "\x7fELF\x02\x01\x01",
		"outside/main.go": "package main\n",
		"outside/go.mod":  "module example.com/outside\n",
		"ctx/placeholder": "",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{
		"run.sh":      filepath.Join(outside, "run.sh"), // absolute link out
		"rel.sh":      "../outside/run.sh",              // relative link out
		"environ":     "/proc/self/environ",
		"dir":         outside, // a directory link out
		"app":         filepath.Join(outside, "app"),
		"up":          "..",
		"shadow-link": "../../../../../../../../" + strings.TrimPrefix(filepath.Join(outside, "shadow"), "/"),
	} {
		if err := os.Symlink(target, filepath.Join(ctx, name)); err != nil {
			t.Fatal(err)
		}
	}
	up := strings.Repeat("../", 12) // more than enough to reach / from the context
	rel := func(p string) string { return up + strings.TrimPrefix(filepath.ToSlash(p), "/") }
	for _, tc := range []struct{ name, dockerfile string }{
		{"COPY ../ to /etc/shadow-like file", "FROM debian:12\nCOPY " + rel(filepath.Join(outside, "shadow")) + " /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"COPY ../ to a script", "FROM debian:12\nCOPY ../outside/run.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"COPY absolute source", "FROM debian:12\nCOPY " + filepath.Join(outside, "run.sh") + " /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"symlink to a script outside", "FROM debian:12\nCOPY run.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"relative symlink out", "FROM debian:12\nCOPY rel.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"symlink to a directory outside", "FROM debian:12\nCOPY dir/ /app/\nENTRYPOINT [\"/app/run.sh\"]\n"},
		{"symlink to .. then down", "FROM debian:12\nCOPY up/outside/run.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"symlink with many ..", "FROM debian:12\nCOPY shadow-link /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"glob through a symlink", "FROM debian:12\nCOPY dir/*.sh /entry/\nENTRYPOINT [\"/entry/run.sh\"]\n"},
		{"/proc/self/environ", "FROM debian:12\nCOPY environ /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"/proc/self/environ by ..", "FROM debian:12\nCOPY " + up + "proc/self/environ /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"},
		{"ENTRYPOINT climbing out of a copied directory", "FROM debian:12\nCOPY . /app/\nENTRYPOINT [\"/app/" + rel(filepath.Join(outside, "run.sh")) + "\"]\n"},
		{"CMD climbing out of a copied directory", "FROM debian:12\nCOPY . /app/\nCMD [\"/app/../../outside/run.sh\"]\n"},
		{"program linked from outside", "FROM debian:12\nCOPY ../outside/app /app\nCMD [\"/app\"]\n"},
		{"program through a symlink", "FROM debian:12\nCOPY app /app\nCMD [\"/app\"]\n"},
		{"program climbing out of a copied directory", "FROM debian:12\nCOPY . /srv/\nCMD [\"/srv/../../outside/app\"]\n"},
		{"Go sources outside", "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY ../outside/ .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nCMD [\"/app\"]\n"},
		{"Go sources through a symlink", "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY dir/ .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nCMD [\"/app\"]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(ctx, "Dockerfile")
			if err := os.WriteFile(path, []byte(tc.dockerfile), 0o644); err != nil {
				t.Fatal(err)
			}
			fs, mains, _ := LintImages([]string{path}, nil)
			for _, f := range fs {
				if strings.Contains(f.Message, marker) || strings.Contains(f.Message, outside) || strings.Contains(f.File, outside) {
					t.Errorf("%s %s:%d quotes or names a file outside the context: %s", f.Rule.ID, f.File, f.Line, f.Message)
				}
			}
			for _, m := range mains {
				for _, p := range append([]string{m.Copied}, buildPackages(m)...) {
					if p != "" && !strings.HasPrefix(p, ctx+string(filepath.Separator)) {
						t.Errorf("main process linked to %s, outside the context %s", p, ctx)
					}
				}
			}
		})
	}
}

func buildPackages(m *MainProcess) []string {
	if m.Build == nil {
		return nil
	}
	return m.Build.Packages
}

// Paths are resolved in the context as docker build resolves them: ..
// stops at its root, and a link is followed as if the context were /.
func TestContextPathsResolveInside(t *testing.T) {
	ctx := t.TempDir()
	for name, body := range map[string]string{
		"etc/run.sh":  "#!/bin/sh\nserver\n",
		"app/main.sh": "#!/bin/sh\nworker\n",
	} {
		p := filepath.Join(ctx, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o755)
	}
	os.Symlink("/etc/run.sh", filepath.Join(ctx, "abs.sh"))         // /etc/run.sh of the context
	os.Symlink("../../../etc/run.sh", filepath.Join(ctx, "rel.sh")) // .. stops at the context's root
	for _, tc := range []struct{ name, dockerfile, want string }{
		{"absolute link resolves in the context", "FROM debian:12\nCOPY abs.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n", "etc/run.sh:2"},
		{"relative link clamps at the root", "FROM debian:12\nCOPY rel.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n", "etc/run.sh:2"},
		{".. in the source clamps at the root", "FROM debian:12\nCOPY ../../etc/run.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n", "etc/run.sh:2"},
		{".. in the program path", "FROM debian:12\nCOPY app/ /app/\nENTRYPOINT [\"/app/../app/main.sh\"]\n", "app/main.sh:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := lintCase(t, tc.dockerfile, nil, &Options{Context: ctx})
			if len(fs) != 1 || fs[0].Rule != EntrypointScriptNoExec || !strings.Contains(fs[0].Message, filepath.Join(ctx, filepath.FromSlash(tc.want))) {
				t.Errorf("findings = %v, want one GL103 naming %s", describe(fs), tc.want)
			}
		})
	}
}
