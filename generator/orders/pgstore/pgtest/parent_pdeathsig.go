//go:build linux || freebsd

package pgtest

import "syscall"

// stopWithParent has the process get SIGINT (PostgreSQL's fast
// shutdown) when its parent dies: a test binary killed by its timeout
// never reaches Stop.
func stopWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGINT }
