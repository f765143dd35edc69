// Package liberr is no main package and leads to no signal, so no rule looks at
// it; the type-checker still finds its missing import.
package liberr

import "example.com/mod/gone"

// Run runs what is gone.
func Run() { gone.Run() }
