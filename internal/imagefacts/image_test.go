package imagefacts

import (
	"archive/tar"
	"bytes"
	"io"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// A file is one entry of a test layer.
type file struct {
	name string
	typ  byte // tar.TypeReg when 0
	link string
	body string
}

func dir(name string) file           { return file{name: name, typ: tar.TypeDir} }
func symlink(name, to string) file   { return file{name: name, typ: tar.TypeSymlink, link: to} }
func hardlink(name, to string) file  { return file{name: name, typ: tar.TypeLink, link: to} }
func regular(name, body string) file { return file{name: name, body: body} }

// program is the start of an ELF file holding text, as a shell binary holds
// its version string.
func program(text string) string {
	return "\x7fELF\x02\x01\x01" + string(make([]byte, 100)) + text + string(make([]byte, 100))
}

// bash52 and busybox are what the real binaries hold (strings /bin/bash).
var (
	bash52  = program("@(#)Bash version 5.2.15(1) release GNU")
	busybox = program("BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.")
	dash    = program("Usage: sh [-/+abCefhimnuvVx]")
)

func layer(t testing.TB, files ...file) v1.Layer {
	t.Helper()
	return layerOf(t, tarOf(t, files...))
}

// layerOf is the layer whose uncompressed tar is data.
func layerOf(t testing.TB, data []byte) v1.Layer {
	t.Helper()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func tarOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Typeflag: f.typ, Linkname: f.link, Mode: 0o755, Size: int64(len(f.body))}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte(f.body))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// image stacks layers, the first at the bottom, under config.
func image(t testing.TB, config v1.Config, layers ...v1.Layer) v1.Image {
	t.Helper()
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Config = "linux", "amd64", config
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// debianRoot is a merged-/usr root as Debian 12 has: /bin links to usr/bin.
func debianRoot(t testing.TB) v1.Layer {
	return layer(t, symlink("bin", "usr/bin"), dir("usr/"), dir("usr/bin/"),
		regular("usr/bin/dash", dash), symlink("usr/bin/sh", "dash"), regular("usr/bin/bash", bash52))
}

func TestReadShell(t *testing.T) {
	tests := []struct {
		name   string
		layers func(t testing.TB) []v1.Layer
		sh     Sh
		at     string
		bash   string
	}{
		{"dash through a linked /bin", func(t testing.TB) []v1.Layer { return []v1.Layer{debianRoot(t)} }, ShDash, "/usr/bin/dash", ""},
		{"bash 5.2", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), regular("bin/bash", bash52), symlink("bin/sh", "bash"))}
		}, ShBash, "/bin/bash", "5.2.15"},
		{"BusyBox hard link", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), regular("bin/busybox", busybox), hardlink("bin/sh", "bin/busybox"))}
		}, ShBusyBox, "/bin/busybox", ""},
		{"absolute link", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), dir("usr/"), dir("usr/bin/"), regular("usr/bin/dash", dash), symlink("bin/sh", "/usr/bin/dash"))}
		}, ShDash, "/usr/bin/dash", ""},
		{"a regular /bin/sh known by its content", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), regular("bin/sh", bash52))}
		}, ShBash, "/bin/sh", "5.2.15"},
		{"relinked in an upper layer", func(t testing.TB) []v1.Layer {
			return []v1.Layer{debianRoot(t), layer(t, dir("usr/"), dir("usr/bin/"), symlink("usr/bin/sh", "bash"))}
		}, ShBash, "/usr/bin/bash", "5.2.15"},
		{"whiteout removes /bin/sh", func(t testing.TB) []v1.Layer {
			return []v1.Layer{debianRoot(t), layer(t, dir("usr/"), dir("usr/bin/"), regular("usr/bin/.wh.sh", ""))}
		}, ShNone, "", ""},
		{"opaque directory hides /bin/sh", func(t testing.TB) []v1.Layer {
			return []v1.Layer{debianRoot(t), layer(t, dir("usr/"), dir("usr/bin/"), regular("usr/bin/.wh..wh..opq", ""), regular("usr/bin/app", program("app")))}
		}, ShNone, "", ""},
		{"dangling link", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), symlink("bin/sh", "dash"))}
		}, ShNone, "", ""},
		{"link loop", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), symlink("bin/sh", "ash"), symlink("bin/ash", "sh"))}
		}, "", "", ""},
		{"unrecognised program", func(t testing.TB) []v1.Layer {
			return []v1.Layer{layer(t, dir("bin/"), regular("bin/mksh", program("MIRBSD KSH")), symlink("bin/sh", "mksh"))}
		}, ShUnknown, "/bin/mksh", ""},
		{"scratch", func(t testing.TB) []v1.Layer { return nil }, ShNone, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(image(t, v1.Config{}, tt.layers(t)...))
			if tt.sh == "" {
				if err == nil {
					t.Fatalf("Read = %+v, want an error", f)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Sh != tt.sh || f.ShPath != tt.at || f.BashVersion != tt.bash {
				t.Errorf("sh = %s at %q bash %q, want %s at %q bash %q", f.Sh, f.ShPath, f.BashVersion, tt.sh, tt.at, tt.bash)
			}
		})
	}
}

// TestReadStopsAtTheAnsweringLayer: a /bin/sh in the top layer is found
// without reading the layers below it.
func TestReadStopsAtTheAnsweringLayer(t *testing.T) {
	img := image(t, v1.Config{}, debianRoot(t), layer(t, regular("etc/motd", "hi")), layer(t, dir("bin/"), regular("bin/sh", busybox)))
	fs, err := newRootfs(img, func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	f := &Facts{}
	if err := f.readSh(fs); err != nil {
		t.Fatal(err)
	}
	if f.Sh != ShBusyBox || fs.read != 1 {
		t.Errorf("sh = %s after reading %d layers, want busybox after 1", f.Sh, fs.read)
	}
}

func TestReadConfig(t *testing.T) {
	const withExec = "#!/bin/sh\nset -e\nexec \"$@\"\n"
	const withoutExec = "#!/bin/sh\nset -e\n\"$@\"\n"
	for _, script := range []string{withExec, withoutExec} {
		img := image(t, v1.Config{
			Entrypoint: []string{"tini", "--", "docker-entrypoint.sh"},
			Cmd:        []string{"nginx", "-g", "daemon off;"},
			StopSignal: "SIGQUIT",
			WorkingDir: "/srv",
			Shell:      []string{"/bin/bash", "-c"},
			Env:        []string{"LANG=C", "PATH=/usr/local/bin:/usr/bin"},
		}, debianRoot(t), layer(t, dir("usr/local/bin/"), regular("usr/local/bin/docker-entrypoint.sh", script), regular("usr/bin/tini", program("tini"))))
		f, err := Read(img)
		if err != nil {
			t.Fatal(err)
		}
		if f.StopSignal != "SIGQUIT" || f.WorkingDir != "/srv" || f.Path != "/usr/local/bin:/usr/bin" || f.Platform != "linux/amd64" ||
			len(f.Shell) != 2 || f.Shell[0] != "/bin/bash" || len(f.Entrypoint) != 3 || len(f.Cmd) != 3 {
			t.Errorf("config read as %+v", f)
		}
		s, ok := f.Scripts["docker-entrypoint.sh"]
		if !ok || s.Path != "/usr/local/bin/docker-entrypoint.sh" || string(s.Content) != script {
			t.Errorf("scripts = %+v, want docker-entrypoint.sh's content", f.Scripts)
		}
		if _, ok := f.Scripts["tini"]; ok {
			t.Errorf("the program tini was kept as a script")
		}
	}
}

// FuzzRead: any layer content is read without a panic or a hang, and what is
// read of it holds only what Read promises.
func FuzzRead(f *testing.F) {
	f.Add(tarOf(f, symlink("bin", "usr/bin"), dir("usr/bin/"), regular("usr/bin/dash", dash), symlink("usr/bin/sh", "dash")))
	f.Add(tarOf(f, dir("bin/"), regular("bin/busybox", busybox), hardlink("bin/sh", "bin/busybox"), regular("e.sh", "#!/bin/sh\nexec \"$@\"\n")))
	f.Add(tarOf(f, symlink("bin/sh", "../../../../sh"), symlink("sh", "/bin/sh"), regular("bin/.wh..wh..opq", "")))
	f.Add(tarOf(f, regular("bin/bash", bash52[:len(bash52)-105]), symlink("bin/sh", "bash")))
	f.Fuzz(func(t *testing.T, data []byte) {
		img := image(t, v1.Config{Entrypoint: []string{"/e.sh", "sh"}}, layerOf(t, data))
		facts, err := Read(img)
		if err != nil {
			return
		}
		if !facts.Sh.valid() || facts.Sh != ShBash && facts.BashVersion != "" {
			t.Errorf("facts %+v", facts)
		}
		for _, s := range facts.Scripts {
			if len(s.Content) > MaxScript || bytes.HasPrefix(s.Content, elfMagic) {
				t.Errorf("kept a script of %d bytes, ELF %t", len(s.Content), bytes.HasPrefix(s.Content, elfMagic))
			}
		}
	})
}
