package pdf

import (
	"runtime"
	"testing"
)

// TestIdleList checks that an idle list hands back what was put, the
// last first, keeps no more than one value per processor, and makes a
// new value when none is idle.
func TestIdleList(t *testing.T) {
	var l idleList[int]
	n := runtime.GOMAXPROCS(0)
	for i := range n + 2 {
		v := i
		l.put(&v)
	}
	for i := n - 1; i >= 0; i-- {
		if got := *l.get(); got != i {
			t.Fatalf("get = %d, want %d (the last kept first)", got, i)
		}
	}
	if got := *l.get(); got != 0 || len(l.idle) != 0 {
		t.Errorf("get on an empty list = %d with %d idle, want a new zero value", got, len(l.idle))
	}
}
