// A poller that ranges over a *time.Ticker's channel, which is never closed.
package main

import "time"

func main() { // want `func main runs until stopped \(it loops forever over a time.Ticker, in main.pollTicker\)`
	pollTicker()
}

func pollTicker() {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for range t.C {
		poll()
	}
}

func poll() {}
