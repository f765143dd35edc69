package a

import (
	"os"
	"os/signal"
	"syscall"
)

func direct() {
	c := make(chan os.Signal)
	signal.Notify(c, syscall.SIGTERM) // want `c is unbuffered \(made on line 10\): signal.Notify drops a signal that arrives while nobody is receiving, so SIGTERM can be lost; use make\(chan os.Signal, 1\)`
	<-c
}

func zeroSized() {
	var c = make(chan os.Signal, 0)
	signal.Notify(c, syscall.SIGTERM) // want `c is unbuffered`
	<-c
}

func inline() {
	signal.Notify(make(chan os.Signal), syscall.SIGTERM) // want `is unbuffered`
}

type server struct {
	stop chan os.Signal
}

func newServer() *server {
	return &server{stop: make(chan os.Signal)}
}

func (s *server) run() {
	signal.Notify(s.stop, syscall.SIGTERM) // want `s.stop is unbuffered`
	<-s.stop
}

func viaParameter() {
	sigs := make(chan os.Signal)
	listen(sigs)
	<-sigs
}

func listen(ch chan os.Signal) {
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM) // want `ch is unbuffered`
}

// The message names the signals the call subscribes to.
func reload() {
	hup := make(chan os.Signal)
	signal.Notify(hup, syscall.SIGHUP) // want `hup is unbuffered \(made on line 50\): signal.Notify drops a signal that arrives while nobody is receiving, so SIGHUP can be lost`
	<-hup
}

// Negative cases.

func buffered() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM)
	<-c
}

const size = 4

func bufferedByConstant() {
	c := make(chan os.Signal, size)
	signal.Notify(c, syscall.SIGTERM)
	<-c
}

// Listen may be called from other packages with any channel: not reported.
func Listen(ch chan os.Signal) {
	signal.Notify(ch, syscall.SIGTERM)
}

func mixed(fast bool) {
	c := make(chan os.Signal)
	if fast {
		c = make(chan os.Signal, 1)
	}
	signal.Notify(c, syscall.SIGTERM) // one of the makes is buffered
	<-c
}

func fromFunction() {
	c := channel()
	signal.Notify(c, syscall.SIGTERM) // made elsewhere: silent
	<-c
}

func channel() chan os.Signal { return make(chan os.Signal, 1) }

// Exported: an importer may replace it with a buffered channel.
var Stop = make(chan os.Signal)

func exportedChannel() {
	signal.Notify(Stop, syscall.SIGTERM)
}
