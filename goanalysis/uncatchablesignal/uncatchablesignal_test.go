package uncatchablesignal_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/uncatchablesignal"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), uncatchablesignal.Analyzer, "a")
}
