// Command gl201-bad serves HTTP and never subscribes to SIGTERM: docker stop makes
// the Go runtime exit 2 at once and the deferred cleanup never runs.
package main

import (
	"fmt"
	"net/http"
)

func main() {
	defer fmt.Println("gracelint-test: cleanup done")
	fmt.Println("gracelint-test: ready")
	if err := http.ListenAndServe("127.0.0.1:8080", nil); err != nil {
		fmt.Println(err)
	}
}
