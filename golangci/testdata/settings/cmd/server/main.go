// GL201 is disabled: nothing to report.
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
