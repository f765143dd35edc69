// Package badlib has a type error in a function body: its declarations are fine,
// so its importers type-check, but no rule can run on it.
package badlib

// Start starts nothing.
func Start() int {
	return "zero"
}
