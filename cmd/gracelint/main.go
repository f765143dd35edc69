// Command gracelint finds, before deploy, every reason a containerised service will
// not shut down gracefully on docker stop. See README.md, or run gracelint -help.
package main

import (
	"os"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/cli"
	"github.com/gracelint/gracelint/internal/golint"
)

func main() {
	if golint.IsVetToolCall(os.Args[1:]) {
		// go vet -vettool=$(which gracelint): the go command drives the analysis.
		golint.VetToolMain(goanalysis.Analyzers)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
