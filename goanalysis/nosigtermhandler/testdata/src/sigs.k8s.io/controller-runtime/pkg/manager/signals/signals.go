// Package signals stands in for controller-runtime's: the real one subscribes to
// SIGINT and SIGTERM, this body does not, so only gracelint's table can know.
package signals

import "context"

// SetupSignalHandler returns a context cancelled on SIGTERM (in the real package).
func SetupSignalHandler() context.Context { return context.Background() }
