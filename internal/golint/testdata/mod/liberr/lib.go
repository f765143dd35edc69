// Package liberr is no main package and leads to no signal, so it is not
// type-checked; go list still finds its missing import.
package liberr

import "example.com/mod/gone"

// Run runs what is gone.
func Run() { gone.Run() }
