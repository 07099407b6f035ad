//go:build unix

package assemble

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, user and
// system; ok is false where it cannot be read.
func processCPU() (cpu time.Duration, ok bool) {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0, false
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano()), true
}
