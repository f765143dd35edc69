package shell

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gracelint/gracelint/internal/corpus"
)

// corpusSample are corpus scripts checked by hand: whether they exec, or the
// line of the final action that does not.
var corpusSample = map[string]struct {
	execs bool
	line  int
}{
	// _main ends in exec "$@" and runs under `if ! _is_sourced`.
	"docker-library__postgres/17/bookworm/docker-entrypoint.sh": {execs: true},
	"docker-library__mysql/8.4/docker-entrypoint.sh":            {execs: true},
	// exec gosu in a branch, exec "$@" last.
	"docker-library__redis/6.2/debian/docker-entrypoint.sh":       {execs: true},
	"docker-library__mongo/8.0/docker-entrypoint.sh":              {execs: true},
	"nginxinc__docker-nginx/mainline/debian/docker-entrypoint.sh": {execs: true},
	// exec "${cmd[@]}" after a long if/else chain.
	"jupyter__docker-stacks/images/docker-stacks-foundation/start.sh": {execs: true},
	// The final function runs chroot ... "$@" without exec in two of its branches.
	"minio__minio/dockerscripts/docker-entrypoint.sh": {line: 14},
	// `envsubst ... && nginx -g 'daemon off;'` without exec.
	"docker__awesome-compose/nginx-wsgi-flask/nginx/start.sh": {line: 2},
}

func TestAnalyzeScriptCorpus(t *testing.T) {
	dir, scripts := corpus.Files(t, "script")
	var nExecs, nStays, nUnknown, nSampled int
	for _, rel := range scripts {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		v, err := AnalyzeScript(rel, src)
		if err != nil { // every script of the corpus parses (bash, dash, busybox ash alike)
			t.Errorf("AnalyzeScript(%s): %v", rel, err)
			continue
		}
		switch {
		case v.Unknown:
			nUnknown++
		case v.Execs:
			nExecs++
		default:
			nStays++
			if v.Line == 0 || v.Col == 0 {
				t.Errorf("%s: does not exec but gives no position (%s)", rel, v.Reason)
			}
		}
		if want, ok := corpusSample[rel]; ok {
			nSampled++
			if v.Execs != want.execs || v.Unknown || v.Line != want.line {
				t.Errorf("AnalyzeScript(%s) = %+v, want Execs %v at line %d", rel, v, want.execs, want.line)
			}
		}
		if v.Reason == "" {
			t.Errorf("%s: verdict without a reason: %+v", rel, v)
		}
	}
	if nSampled != len(corpusSample) {
		t.Errorf("found %d of the %d hand-checked scripts in the corpus", nSampled, len(corpusSample))
	}
	t.Logf("%d scripts: %d exec (or start nothing), %d stay PID 1, %d unknown",
		len(scripts), nExecs, nStays, nUnknown)
}

func BenchmarkAnalyzeScriptCorpus(b *testing.B) {
	dir, scripts := corpus.Files(b, "script")
	var srcs [][]byte
	size := 0
	for _, rel := range scripts {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := AnalyzeScript("script", src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
