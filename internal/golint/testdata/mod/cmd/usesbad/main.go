package main

import "example.com/mod/badlib"

func main() { badlib.Start() }
