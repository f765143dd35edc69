package runtimetest

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// A standIn is a base image made locally (nothing can be pulled) from this host's
// own programs, standing in for a real image family of docs/SIGNALS.md.
type standIn struct {
	name     string   // gracelint-test/NAME
	programs []string // host programs copied to /bin with the libraries ldd lists
	sh       string   // the program /bin/sh links to; "" for no /bin/sh
	busybox  bool     // a static busybox with every applet linked, as Alpine (see busyboxTool)

	once sync.Once // imports the image the first time it is needed
	ref  string
	err  error
}

// bashStandIn is this host's bash 5.2 as /bin/sh.
var bashStandIn = &standIn{name: "bash", programs: []string{"bash", "tee"}, sh: "bash"}

// standIns maps the FROM images of the test Dockerfiles to their stand-ins.
// gracelint judges the Dockerfiles by these real names, so a name must ship a
// shell that behaves as its stand-in for what the test runs: rockylinux:9 has
// bash 5.1, as the stand-in does for every -c string; centos:centos6 (the
// article's image) has bash 4.1, which differs from it on lists, so it only
// runs a single simple command, which every bash execs.
var standIns = map[string]*standIn{
	"rockylinux:9":                      bashStandIn,
	"centos:centos6":                    bashStandIn,
	"debian:12":                         {name: "dash", programs: []string{"dash", "bash", "tee"}, sh: "dash"},
	"alpine:3.19":                       {name: "busybox", busybox: true},
	"gcr.io/distroless/static-debian12": {name: "distroless"},
}

// baseImage returns the local image that stands in for from, importing it the
// first time it is asked for.
func baseImage(t *testing.T, from string) string {
	t.Helper()
	if strings.HasPrefix(from, "gracelint-test/") {
		return from // already local: the real Debian image
	}
	s, ok := standIns[from]
	if !ok {
		t.Fatalf("no local stand-in for FROM %s (known: rockylinux:9, centos:centos6, debian:12, alpine:3.19, gcr.io/distroless/static-debian12, scratch)", from)
	}
	var busybox string
	if s.busybox {
		busybox = needTool(t, busyboxTool)
	}
	s.once.Do(func() {
		s.ref = "gracelint-test/" + s.name + ":" + runID
		s.err = s.importAs(s.ref, busybox)
	})
	if s.err != nil {
		t.Fatalf("base image for %s: %v", from, s.err)
	}
	return s.ref
}

func (s *standIn) importAs(ref, busybox string) error {
	fs, err := s.rootfs(busybox)
	if err != nil {
		return err
	}
	buf, err := fs.tar()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return eng.Import(ctx, ref, buf, []string{
		"ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LABEL " + runLabel + "=" + runID,
	})
}

// rootfs collects the stand-in's files; busybox is the host path of the
// busybox of a busybox stand-in.
func (s *standIn) rootfs(busybox string) (rootfs, error) {
	fs := rootfs{}
	for _, dir := range []string{"bin", "etc", "tmp", "usr/local/bin"} {
		fs.dir(dir)
	}
	for _, p := range s.programs {
		host, err := exec.LookPath(p)
		if err != nil {
			return nil, fmt.Errorf("program %s for a base image: %w", p, err)
		}
		if err := fs.addProgram(p, host); err != nil {
			return nil, err
		}
	}
	if s.sh != "" {
		fs.link("bin/sh", s.sh)
	}
	if s.busybox {
		if err := fs.addProgram("busybox", busybox); err != nil {
			return nil, err
		}
		out, err := exec.Command(busybox, "--list-full").Output()
		if err != nil {
			return nil, fmt.Errorf("%s --list-full: %v", busybox, err)
		}
		for _, applet := range strings.Fields(string(out)) {
			if applet != "bin/busybox" {
				fs.link(applet, "/bin/busybox")
			}
		}
	}
	return fs, nil
}

// A rootfs is a file tree, as an image's root or a build context, by path
// without leading slash.
type rootfs map[string]entry

type entry struct {
	hdr  tar.Header
	data []byte // a regular file's content
}

func (fs rootfs) dir(p string) {
	for d := p; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if _, ok := fs[d]; !ok {
			mode := int64(0o755)
			if d == "tmp" {
				mode = 0o1777
			}
			fs[d] = entry{hdr: tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: mode}}
		}
	}
}

func (fs rootfs) link(p, target string) {
	fs.dir(path.Dir(p))
	fs[p] = entry{hdr: tar.Header{Typeflag: tar.TypeSymlink, Name: p, Linkname: target, Mode: 0o777}}
}

func (fs rootfs) file(p string, data []byte, mode int64) {
	fs.dir(path.Dir(p))
	fs[p] = entry{hdr: tar.Header{Typeflag: tar.TypeReg, Name: p, Mode: mode, Size: int64(len(data))}, data: data}
}

// copyFile adds a host file at p, keeping its permission bits.
func (fs rootfs) copyFile(p, host string) error {
	info, err := os.Stat(host)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(host)
	if err != nil {
		return err
	}
	fs.file(p, data, int64(info.Mode().Perm()))
	return nil
}

// addProgram copies the host program at host to /bin/name, with the shared
// libraries and the dynamic loader that ldd lists, at the paths ldd names.
func (fs rootfs) addProgram(name, host string) error {
	libs, err := sharedLibraries(host)
	if err != nil {
		return err
	}
	if err := fs.copyFile("bin/"+name, host); err != nil {
		return fmt.Errorf("program %s for a base image: %w", name, err)
	}
	for _, lib := range libs {
		if err := fs.copyFile(strings.TrimPrefix(lib, "/"), lib); err != nil {
			return fmt.Errorf("library of %s for a base image: %w", name, err)
		}
	}
	return nil
}

// sharedLibraries lists the absolute paths ldd prints for a program: the
// "name => /path" libraries and the loader. A static program has none.
func sharedLibraries(program string) ([]string, error) {
	out, err := exec.Command("ldd", program).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "not a dynamic executable") {
			return nil, nil
		}
		return nil, fmt.Errorf("ldd %s: %v: %s", program, err, out)
	}
	var libs []string
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		for i, f := range fields {
			if strings.HasPrefix(f, "/") && (i == 0 || fields[i-1] == "=>") {
				libs = append(libs, filepath.Clean(f))
			}
		}
	}
	return libs, nil
}

// tar writes the tree as a tar stream, parents before children.
func (fs rootfs) tar() (*bytes.Buffer, error) {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, n := range names {
		e := fs[n]
		if err := tw.WriteHeader(&e.hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, err
		}
	}
	return &buf, tw.Close()
}
