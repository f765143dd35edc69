package sigtermignoredexplicitly_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/sigtermignoredexplicitly"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sigtermignoredexplicitly.Analyzer, "a")
}
