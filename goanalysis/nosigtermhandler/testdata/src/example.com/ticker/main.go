// A poller that ranges over a ticker, whose channel is never closed.
package main

import "time"

func main() { // want `func main runs until stopped \(it loops forever over a time.Ticker\)`
	pollFor(3)
	for range time.Tick(time.Minute) {
		poll()
	}
}

func poll() {}

// pollFor polls until it is done: it returns.
func pollFor(n int) {
	for range time.Tick(time.Second) {
		if n--; n == 0 {
			return
		}
	}
}
