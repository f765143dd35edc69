// Package serve runs the HTTP server of the commands; it never sees a signal.
package serve

import "net/http"

// Run serves until the process is stopped.
func Run() error {
	return http.ListenAndServe(":8080", nil)
}
