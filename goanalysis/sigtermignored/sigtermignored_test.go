package sigtermignored_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/sigtermignored"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sigtermignored.Analyzer, "a")
}
