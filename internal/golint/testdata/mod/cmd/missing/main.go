package main

import "example.com/mod/nowhere"

func main() { nowhere.Run() }
