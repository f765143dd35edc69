package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/moby/moby/client"

	"github.com/gracelint/gracelint/internal/regularfile"
)

// The Docker CLI's context store, as `docker context create` writes it: a
// context named N is described by contexts/meta/<sha256(N)>/meta.json in the
// CLI's configuration directory, and its TLS files lie in
// contexts/tls/<sha256(N)>/docker/. The moby client reads DOCKER_HOST but not
// contexts, and the CLI's own store package comes in a module without a go.mod
// that would pin its dependencies into ours, so these few lines read it.

// maxConfigFile bounds config.json and meta.json: both are a few hundred bytes.
const maxConfigFile = 1 << 20

// contextMeta is the part of meta.json gracelint uses.
type contextMeta struct {
	Endpoints struct {
		Docker struct {
			Host string
		} `json:"docker"`
	}
}

// endpoint returns the client options that reach the engine the docker CLI
// would use, in the CLI's order: DOCKER_HOST, then the context DOCKER_CONTEXT
// names, then the configuration's currentContext, then the local socket.
// from says where the choice came from, for messages.
func endpoint() (opts []client.Opt, from string, err error) {
	if os.Getenv("DOCKER_HOST") != "" {
		return []client.Opt{client.FromEnv}, "DOCKER_HOST", nil
	}
	dir := cliConfigDir()
	name, from := os.Getenv("DOCKER_CONTEXT"), "DOCKER_CONTEXT"
	if name == "" {
		if name, err = currentContext(dir); err != nil {
			return nil, "", err
		}
		from = filepath.Join(dir, "config.json")
	}
	if name == "" || name == "default" {
		return []client.Opt{client.FromEnv}, "", nil
	}
	from = fmt.Sprintf("context %q (%s)", name, from)
	sum := sha256.Sum256([]byte(name))
	id := hex.EncodeToString(sum[:])
	metaPath := filepath.Join(dir, "contexts", "meta", id, "meta.json")
	data, err := regularfile.Read(metaPath, maxConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, from, fmt.Errorf("docker %s does not exist: no %s (docker context ls lists the contexts)", from, metaPath)
	}
	if err != nil {
		return nil, from, fmt.Errorf("docker %s: %w", from, err)
	}
	var meta contextMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, from, fmt.Errorf("docker %s: %s: %w", from, metaPath, err)
	}
	host := meta.Endpoints.Docker.Host
	if host == "" {
		return nil, from, fmt.Errorf("docker %s: %s names no docker endpoint host", from, metaPath)
	}
	opts = []client.Opt{client.WithHost(host), client.WithAPIVersionFromEnv()}
	tlsDir := filepath.Join(dir, "contexts", "tls", id, "docker")
	if _, err := os.Stat(tlsDir); err == nil {
		ca, cert, key := tlsFile(tlsDir, "ca.pem"), tlsFile(tlsDir, "cert.pem"), tlsFile(tlsDir, "key.pem")
		opts = append(opts, client.WithTLSClientConfig(ca, cert, key))
	}
	return opts, from, nil
}

// tlsFile is the path of a context's TLS file, or "" when it has none.
func tlsFile(dir, name string) string {
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// cliConfigDir is the docker CLI's configuration directory: DOCKER_CONFIG, or ~/.docker.
func cliConfigDir() string {
	if dir := os.Getenv("DOCKER_CONFIG"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ".docker"
	}
	return filepath.Join(home, ".docker")
}

// currentContext reads currentContext from the CLI's config.json; "" when there
// is no such file or setting.
func currentContext(dir string) (string, error) {
	path := filepath.Join(dir, "config.json")
	data, err := regularfile.Read(path, maxConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("docker CLI configuration: %w", err)
	}
	var cfg struct{ CurrentContext string }
	if err := json.Unmarshal(data, &cfg); err != nil {
		return "", fmt.Errorf("docker CLI configuration %s: %w", path, err)
	}
	return cfg.CurrentContext, nil
}
