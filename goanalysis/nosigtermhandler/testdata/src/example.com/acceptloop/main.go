// A TCP server with its own accept loop, started in init's absence of any handler.
package main

import (
	"net"
)

func main() { // want `func main runs until stopped \(it accepts connections in a loop with \(net.Listener\).Accept, in main.serve\)`
	ln, err := net.Listen("tcp", ":9000")
	if err != nil {
		return
	}
	serve(ln)
}

func serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go conn.Close()
	}
}
