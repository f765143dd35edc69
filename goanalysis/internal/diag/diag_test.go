package diag_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
)

func TestGuard(t *testing.T) {
	var nilMap map[string]int
	run := diag.Guard(func(*analysis.Pass) (any, error) {
		nilMap["x"] = 1 // panics
		return "result", nil
	})
	res, err := run(&analysis.Pass{})
	if res != nil || err == nil {
		t.Fatalf("got %v, %v; want the panic as an error", res, err)
	}
	if want := "goanalysis/internal/diag/diag_test.go:"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say where the panic happened (%s...)", err, want)
	}
	if res, err := diag.Guard(func(*analysis.Pass) (any, error) { return "result", nil })(&analysis.Pass{}); res != "result" || err != nil {
		t.Errorf("without a panic, got %v, %v; want the result", res, err)
	}
}
