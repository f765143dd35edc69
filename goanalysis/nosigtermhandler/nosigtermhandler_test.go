package nosigtermhandler_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/nosigtermhandler"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), nosigtermhandler.Analyzer,
		"example.com/...")
}
