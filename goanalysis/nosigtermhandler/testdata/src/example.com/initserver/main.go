// A server whose SIGTERM subscription happens in an imported package's init.
package main

import (
	"net/http"

	_ "example.com/shutdownhook"
)

func main() {
	http.ListenAndServe(":8080", nil)
}
