package runtimetest

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
)

// runLabel marks every image and container this test run creates, with runID as
// its value: cleanup removes exactly those and never anything else. CI sets
// GRACELINT_RUN_ID to a fresh value per run (see needEngine).
const runLabel = "gracelint-test.run"

var runID = cmp.Or(os.Getenv("GRACELINT_RUN_ID"), fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano()))

// grace is the docker stop -t of every case: short, so that cases killed after
// the grace period do not make the suite slow, yet long enough that a stop
// which is really at once (0.1 s on a quiet machine) stays below it on a
// loaded one: at a load average of 45 on 2 cores such stops took up to 2.8 s.
const grace = 4 * time.Second

var (
	eng    *engine.Engine
	engErr error // why there is no engine
)

func TestMain(m *testing.M) {
	flag.Parse()
	if !flagGiven("test.parallel") {
		// Cases spend their time waiting for containers, not computing.
		flag.Set("test.parallel", "8")
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	eng, engErr = engine.Connect(ctx)
	cancel()
	if engErr != nil {
		return m.Run()
	}
	defer eng.Close()
	defer removeAll()
	defer removeAppDir()
	// An interrupted run (Ctrl-C, go test -timeout is not catchable) still cleans up.
	interrupted := make(chan os.Signal, 1)
	signal.Notify(interrupted, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-interrupted
		fmt.Fprintln(os.Stderr, "runtimetest: interrupted, removing this run's containers and images")
		removeAll()
		removeAppDir()
		os.Exit(130)
	}()
	return m.Run()
}

func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// needEngine returns the engine, or skips the test when there is none, unless
// GRACELINT_RUNTIME=require (as in CI), which makes a missing engine a failure.
func needEngine(t *testing.T) *engine.Engine {
	t.Helper()
	// go test keys its result cache on the environment a test reads while it
	// runs (TestMain's reads do not count): reading the run id here makes each
	// CI run, with its fresh GRACELINT_RUN_ID, meet the engine again.
	os.Getenv("GRACELINT_RUN_ID")
	if engErr != nil {
		unavailable(t, engErr)
	}
	return eng
}

// unavailable skips the test for want of what err names, unless
// GRACELINT_RUNTIME=require (as in CI), which makes that a failure.
func unavailable(t *testing.T, err error) {
	t.Helper()
	if os.Getenv("GRACELINT_RUNTIME") == "require" {
		t.Fatalf("GRACELINT_RUNTIME=require, but %v", err)
	}
	t.Skipf("skipping runtime test: %v (set GRACELINT_RUNTIME=require to fail instead)", err)
}

// labels marks a container or image as this run's.
func labels() map[string]string { return map[string]string{runLabel: runID} }

// removeAll removes this run's containers, then its images: built images before
// the bases they depend on, so it repeats while it makes progress.
func removeAll() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ids, err := eng.ContainersLabelled(ctx, runLabel, runID)
	report(err)
	for _, id := range ids {
		report(eng.Remove(ctx, id))
	}
	for {
		ids, err := eng.ImagesLabelled(ctx, runLabel, runID)
		if err != nil || len(ids) == 0 {
			report(err)
			return
		}
		removed := 0
		var last error
		for _, id := range ids {
			if err := eng.RemoveImage(ctx, id); err != nil {
				last = err
				continue
			}
			removed++
		}
		if removed == 0 {
			report(last)
			return
		}
	}
}

func report(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "runtimetest: cleanup:", err)
	}
}
