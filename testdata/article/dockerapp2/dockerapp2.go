// Command dockerapp2 is the article's second service: dockerapp1 with the SIGTERM
// branch commented out, so it notes SIGTERM and carries on.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2)
	go func() {
		for s := range c {
			fmt.Println("handle signal:", s)
			// switch s {
			// case syscall.SIGTERM:
			// 	fmt.Println("signal termiate received, app exit normally")
			// 	os.Exit(0)
			// }
		}
	}()
	fmt.Println("app started")
	for {
		time.Sleep(time.Second)
	}
}
