// An interactive tool: its endless-looking loop ends at end of input.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for {
		if !in.Scan() {
			break
		}
		fmt.Println(in.Text())
	}
}
