// Command legacy serves and never subscribes to a signal.
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
