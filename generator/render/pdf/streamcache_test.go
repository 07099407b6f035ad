package pdf

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"infogeneratorn/generator/vocab"
)

// TestStreamCache checks what the cache keeps: a stream only on its
// second put, a copy of its bytes, nothing too large, and, when the kept
// bytes would pass the budget, only what comes after emptying.
func TestStreamCache(t *testing.T) {
	digest := func(s string) streamDigest { return sha256.Sum256([]byte(s)) }
	large := bytes.Repeat([]byte{1}, maxKeptStreamBytes/8+1)
	fill := bytes.Repeat([]byte{2}, maxKeptStreamBytes/8)
	type put struct {
		data       string
		compressed []byte
	}
	tests := []struct {
		name string
		puts []put
		want map[string][]byte // data → kept bytes; nil: not kept
	}{
		{"once is only noted", []put{{"a", []byte("A")}}, map[string][]byte{"a": nil}},
		{"twice is kept", []put{{"a", []byte("A")}, {"b", []byte("B")}, {"a", []byte("A")}},
			map[string][]byte{"a": []byte("A"), "b": nil}},
		{"too large is not kept", []put{{"a", large}, {"a", large}}, map[string][]byte{"a": nil}},
		{"full empties the kept", []put{
			{"a", []byte("A")}, {"a", []byte("A")},
			{"1", fill}, {"1", fill}, {"2", fill}, {"2", fill}, {"3", fill}, {"3", fill},
			{"4", fill}, {"4", fill}, {"5", fill}, {"5", fill}, {"6", fill}, {"6", fill},
			{"7", fill}, {"7", fill}, {"8", fill}, {"8", fill}, // 8 × fill + "A" passes the budget
		}, map[string][]byte{"a": nil, "1": nil, "7": nil, "8": fill}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c streamCache
			for _, p := range tt.puts {
				// The caller's buffer is reused after put: the cache
				// must have copied what it keeps.
				b := bytes.Clone(p.compressed)
				c.put(digest(p.data), b)
				clear(b)
			}
			for data, want := range tt.want {
				got, ok := c.get(digest(data))
				if ok != (want != nil) || !bytes.Equal(got, want) {
					t.Errorf("get(%q) = %.8q, %v; want %.8q, %v", data, got, ok, want, want != nil)
				}
			}
		})
	}
}

// TestStreamCacheSameBytes renders leaflets again and again, as a server
// does: the later files, whose pages and ToUnicode maps come from the
// stream cache, are the bytes of the first, made with an empty cache; a
// renderer made for one run (EmbeddedOptions.Once) writes the same files
// and keeps no stream nor digest for a next time.
func TestStreamCacheSameBytes(t *testing.T) {
	shared := testRenderer(t)
	once, err := NewEmbeddedWith(EmbeddedOptions{Once: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range loadSamples(t)[:4] {
		for _, print := range []bool{false, true} {
			doc := sampleDoc(s, vocab.A4, print)
			shared.forgetSubsets()
			first, err := shared.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []*Renderer{shared, shared, once, once} {
				again, err := r.Render(doc)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again, first) {
					t.Fatalf("%s (print %v, once %v): rendered again, the file differs", s.id(), print, r.z.once)
				}
			}
			if seen, kept := cached(shared); kept == 0 {
				t.Errorf("%s (print %v): the stream cache kept nothing after three renders (%d noted)", s.id(), print, seen)
			}
		}
	}
	if seen, kept := cached(once); seen+kept > 0 {
		t.Errorf("the renderer for one run noted %d streams and kept %d", seen, kept)
	}
}

// cached counts the streams r's cache has noted and kept.
func cached(r *Renderer) (seen, kept int) {
	r.z.recent.mu.Lock()
	defer r.z.recent.mu.Unlock()
	return len(r.z.recent.seen), len(r.z.recent.kept)
}
