//go:build !linux && !freebsd

package pgtest

import "syscall"

// stopWithParent does nothing where the system has no parent-death
// signal (see parent_pdeathsig.go): there a server left by a test binary
// killed by its timeout must be stopped by hand.
func stopWithParent(*syscall.SysProcAttr) {}
