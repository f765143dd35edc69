// Command gracelint finds, before deploy, every reason a containerised service will
// not shut down gracefully on docker stop. See README.md, or run gracelint -help.
package main

import (
	"os"

	"github.com/gracelint/gracelint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
