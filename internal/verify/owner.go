package verify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
)

// Every container verify creates is named gracelint-verify-<pid>-<random> and
// carries OwnerLabel=<pid>@<host>, the process that created it, and
// StartedLabel, when. A run that could not remove its container (SIGKILL, a
// lost engine connection) leaves it to the next run on the same host, which
// removes it once that process is gone: see RemoveOrphans.
const (
	OwnerLabel   = "gracelint.verify"
	StartedLabel = "gracelint.verify.started"
	namePrefix   = "gracelint-verify-"
)

// owner is this process, as OwnerLabel names it.
var owner = fmt.Sprintf("%d@%s", os.Getpid(), hostname())

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown-host"
	}
	return h
}

// containerName is a fresh, recognisable container name.
func containerName() string {
	b := make([]byte, 4)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	return fmt.Sprintf("%s%d-%s", namePrefix, os.Getpid(), hex.EncodeToString(b))
}

// ownerLabels are the caller's labels with the owner's added.
func ownerLabels(labels map[string]string) map[string]string {
	out := maps.Clone(labels)
	if out == nil {
		out = map[string]string{}
	}
	out[OwnerLabel] = owner
	out[StartedLabel] = time.Now().UTC().Format(time.RFC3339Nano)
	return out
}

// RemoveOrphans removes the containers that runs of verify on this host left
// behind: those whose creating process is gone. It returns their names; err
// joins the removals that failed.
func RemoveOrphans(ctx context.Context, eng *engine.Engine) (removed []string, err error) {
	cs, err := eng.Containers(ctx, OwnerLabel)
	if err != nil {
		return nil, err
	}
	host := hostname()
	var errs []error
	for _, c := range cs {
		pid, ok := ownerPID(c.Labels[OwnerLabel], host)
		if !ok || processAlive(pid) {
			continue
		}
		if err := eng.Remove(ctx, c.ID); err != nil {
			errs = append(errs, &NotRemovedError{Name: c.Name, Err: err})
			continue
		}
		removed = append(removed, c.Name)
	}
	return removed, errors.Join(errs...)
}

// ownerPID is the PID in an OwnerLabel value when it names a process of host.
func ownerPID(value, host string) (int, bool) {
	p, h, ok := strings.Cut(value, "@")
	if !ok || h != host {
		return 0, false
	}
	pid, err := strconv.Atoi(p)
	return pid, err == nil && pid > 0
}

// processAlive reports whether a process pid exists. A PID reused by another
// process counts as alive: the container then waits for a later run.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
