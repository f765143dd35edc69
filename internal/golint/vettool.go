package golint

import (
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// IsVetToolCall reports whether args (without the program name) are the go
// command's calls to a vet tool: `-V=full` to identify it, `-flags` to list its
// flags, and then, per package, analyzer flags followed by one JSON
// configuration file whose name ends in .cfg.
func IsVetToolCall(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if len(args) == 1 && (args[0] == "-V=full" || args[0] == "-flags") {
		return true
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}

// VetToolMain serves `go vet -vettool=gracelint` with the unitchecker protocol,
// which reads os.Args itself. It does not return.
func VetToolMain(analyzers []*analysis.Analyzer) {
	unitchecker.Main(analyzers...)
}
