package interruptonly_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/interruptonly"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), interruptonly.Analyzer, "server", "lib", "reload", "reloadonly")
}
