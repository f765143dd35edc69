// An operator whose handler comes from controller-runtime.
package main

import (
	"sigs.k8s.io/controller-runtime/pkg/manager/signals"
)

func main() {
	ctx := signals.SetupSignalHandler()
	<-ctx.Done()
	select {}
}
