package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeContext writes a docker CLI context named name whose docker endpoint is
// host into the configuration directory dir, as docker context create does.
func writeContext(t *testing.T, dir, name, host string) {
	t.Helper()
	sum := sha256.Sum256([]byte(name))
	meta := filepath.Join(dir, "contexts", "meta", hex.EncodeToString(sum[:]))
	if err := os.MkdirAll(meta, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(map[string]any{"Name": name, "Metadata": map[string]any{}, "Endpoints": map[string]any{"docker": map[string]any{"Host": host}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(meta, "meta.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// engineHost is the address of the engine the environment leads to, or ""
// when none answers; GRACELINT_RUNTIME=require makes that a failure.
func engineHost(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := Connect(ctx)
	if err != nil {
		if os.Getenv("GRACELINT_RUNTIME") == "require" {
			t.Fatalf("GRACELINT_RUNTIME=require, but %v", err)
		}
		t.Logf("not checking a context that leads to an engine: %v", err)
		return ""
	}
	defer e.Close()
	return e.Host()
}

// connectErr connects with the environment as set and returns the error.
func connectErr(t *testing.T) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := Connect(ctx)
	if err == nil {
		e.Close()
	}
	return err
}

// The engine is the one the docker CLI would use. A context that leads to the
// engine reaches it; one that leads nowhere fails naming the context and its
// address, not the default socket.
func TestConnectFollowsDockerContext(t *testing.T) {
	realHost := engineHost(t) // before the environment changes
	dir := t.TempDir()
	t.Setenv("DOCKER_CONFIG", dir)
	t.Setenv("DOCKER_HOST", "")
	writeContext(t, dir, "nowhere", "unix://"+filepath.Join(dir, "no.sock"))
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"currentContext": "nowhere"}`), 0o644); err != nil {
		t.Fatal(err)
	}

	if realHost != "" {
		writeContext(t, dir, "real", realHost)
		t.Setenv("DOCKER_CONTEXT", "real")
		if err := connectErr(t); err != nil {
			t.Errorf("DOCKER_CONTEXT=real (%s): %v", realHost, err)
		}
	}

	t.Setenv("DOCKER_CONTEXT", "nowhere")
	err := connectErr(t)
	if err == nil || !strings.Contains(err.Error(), `context "nowhere" (DOCKER_CONTEXT)`) || !strings.Contains(err.Error(), "no.sock") {
		t.Errorf("DOCKER_CONTEXT=nowhere: %v; want a failure naming the context and its socket", err)
	}

	t.Setenv("DOCKER_CONTEXT", "missing")
	err = connectErr(t)
	if err == nil || !strings.Contains(err.Error(), `context "missing" (DOCKER_CONTEXT) does not exist`) {
		t.Errorf("DOCKER_CONTEXT=missing: %v", err)
	}

	// Without DOCKER_CONTEXT, config.json's currentContext decides.
	t.Setenv("DOCKER_CONTEXT", "")
	err = connectErr(t)
	if err == nil || !strings.Contains(err.Error(), `context "nowhere" (`+filepath.Join(dir, "config.json")+`)`) {
		t.Errorf("currentContext nowhere: %v", err)
	}

	// DOCKER_HOST comes first, as for the docker CLI.
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(dir, "host.sock"))
	err = connectErr(t)
	if err == nil || !strings.Contains(err.Error(), "host.sock") || strings.Contains(err.Error(), "nowhere") {
		t.Errorf("DOCKER_HOST over a context: %v", err)
	}
}

// A config.json that is not a regular file is an error, not a hang.
func TestConnectRejectsSpecialConfig(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DOCKER_CONFIG", dir)
	t.Setenv("DOCKER_HOST", "")
	t.Setenv("DOCKER_CONTEXT", "")
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "config.json")); err != nil {
		t.Fatal(err)
	}
	if err := connectErr(t); err == nil || !strings.Contains(err.Error(), "config.json") {
		t.Errorf("config.json -> /dev/zero: %v", err)
	}
}
