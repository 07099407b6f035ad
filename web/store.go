package web

import (
	"sync"
	"time"

	"infogeneratorn/generator/orders"
)

// ttlStore keeps small blobs in memory for a while under random IDs:
// rendered previews for the iframe. It is bounded in count and bytes; the
// oldest entries go first.
type ttlStore struct {
	ttl      time.Duration
	maxItems int
	maxBytes int
	now      func() time.Time

	mu    sync.Mutex
	items map[string]stored
	order []string // insertion order, oldest first
	bytes int
}

type stored struct {
	data    []byte
	meta    string
	expires time.Time
}

func newTTLStore(ttl time.Duration, maxItems, maxBytes int, now func() time.Time) *ttlStore {
	return &ttlStore{ttl: ttl, maxItems: maxItems, maxBytes: maxBytes, now: now, items: map[string]stored{}}
}

func (s *ttlStore) put(data []byte, meta string) string {
	id := orders.NewID() // 128 random bits: the ID is the only key needed to read an entry
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[id] = stored{data: data, meta: meta, expires: now.Add(s.ttl)}
	s.order = append(s.order, id)
	s.bytes += len(data)
	for len(s.order) > 0 {
		oldest := s.items[s.order[0]]
		if len(s.items) <= s.maxItems && s.bytes <= s.maxBytes && oldest.expires.After(now) {
			break
		}
		s.bytes -= len(oldest.data)
		delete(s.items, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

func (s *ttlStore) get(id string) (stored, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[id]
	if !ok || !it.expires.After(s.now()) {
		return stored{}, false
	}
	return it, true
}
