package pdf

import (
	"runtime"
	"sync"
)

// idleList keeps values for reuse, at most one for each processor that
// can run Go code: as many as renders can use at once. Unlike a
// sync.Pool it is not emptied by a garbage collection, which in a busy
// server comes every few leaflets: a zlib writer costs 0.8 MB to make
// (most of it zeroed), and a render's buffers grow anew by doubling.
type idleList[T any] struct {
	mu   sync.Mutex
	idle []*T
}

// get returns an idle value, or a new one.
func (l *idleList[T]) get() *T {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.idle); n > 0 {
		v := l.idle[n-1]
		l.idle[n-1] = nil
		l.idle = l.idle[:n-1]
		return v
	}
	return new(T)
}

// put keeps v for reuse, or leaves it to the collector when enough are
// kept.
func (l *idleList[T]) put(v *T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.idle) < runtime.GOMAXPROCS(0) {
		l.idle = append(l.idle, v)
	}
}

// maxIdleBuffer is the largest buffer kept idle: more than a leaflet's
// file or content needs, less than a large logo's pixels.
const maxIdleBuffer = 4 << 20
