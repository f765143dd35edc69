// A program that runs a command and returns: nothing to report. The standard
// library's endless loops (syscall's child after fork) do not make it long-lived.
package main

import (
	"log"
	"os/exec"
)

func main() {
	if err := exec.Command("true").Run(); err != nil {
		log.Fatal(err)
	}
}
