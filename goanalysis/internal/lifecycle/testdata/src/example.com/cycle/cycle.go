// Package cycle subscribes and serves inside call cycles: every function of a
// cycle gets what the cycle does, whichever of them is summarised first.
package cycle

import (
	"os"
	"os/signal"
	"syscall"
)

func Start() { // want Start:"subscribes\\(SIGTERM\\)$"
	a(3)
}

func a(n int) { // want a:"subscribes\\(SIGTERM\\)$"
	if n > 0 {
		b(n - 1)
	}
}

func b(n int) { // want b:"subscribes\\(SIGTERM\\)$"
	a(n)
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
}

func Serve() { // want Serve:"subscribes\\(no signal\\) runs\\(blocks forever in select {}\\)$"
	x(3)
}

func x(n int) { // want x:"subscribes\\(no signal\\) runs\\(blocks forever in select {}\\)$"
	if n > 0 {
		y(n - 1)
	}
}

func y(n int) { // want y:"subscribes\\(no signal\\) runs\\(blocks forever in select {}\\)$"
	x(n)
	select {}
}

// Three functions in a cycle, the subscription at its far end.
func P(n int) { // want P:"subscribes\\(SIGINT\\)$"
	if n > 0 {
		q(n - 1)
	}
}

func q(n int) { // want q:"subscribes\\(SIGINT\\)$"
	r(n)
}

func r(n int) { // want r:"subscribes\\(SIGINT\\)$"
	P(n)
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
}

// A cycle that does neither.
func Quiet() {
	quiet(1)
}

func quiet(n int) {
	if n > 0 {
		Quiet()
	}
}
