// A worker that polls forever without handling SIGTERM.
package main

import "time"

func main() { // want `func main runs until stopped \(it loops forever \(a for loop with no exit\)\)`
	for {
		poll()
		time.Sleep(time.Second)
	}
}

func poll() {}
