package unbufferedsignalchan_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/unbufferedsignalchan"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unbufferedsignalchan.Analyzer, "a")
}
