// Command api serves through another package and never subscribes to SIGTERM.
package main

import (
	"log"

	"example.com/vetmod/serve"
)

func main() {
	log.Fatal(serve.Run())
}
