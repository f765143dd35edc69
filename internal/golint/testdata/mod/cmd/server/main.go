package main

import (
	"fmt"

	"example.com/mod/lifecycle"
	"example.com/mod/util"
)

func main() {
	fmt.Println(util.Greeting())
	<-lifecycle.Watch()
}
