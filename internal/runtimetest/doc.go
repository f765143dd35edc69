// Package runtimetest holds gracelint's runtime tests: they build real images on
// a Docker Engine, run and stop them, and check that what happened is what
// gracelint's verdict on their Dockerfile and Go source claims. The package has
// no code outside its tests.
package runtimetest
