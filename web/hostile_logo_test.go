package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"infogeneratorn/generator/request"
)

func logoFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "generator", "logo", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func withLogo(data []byte, mime string) string {
	return strings.Replace(validJSON, `"formats": ["html"],`,
		`"formats": ["html"], "logo": "data:`+mime+`;base64,`+base64.StdEncoding.EncodeToString(data)+`",`, 1)
}

// peakHeap runs f and returns by how much the Go heap's objects
// (runtime/metrics, sampled every millisecond) rose above what they were
// before at their highest. The Go heap, not VmRSS: under the race
// detector the resident memory holds its shadow memory too.
func peakHeap(t *testing.T, f func()) int64 {
	t.Helper()
	sample := func() int64 {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64())
	}
	runtime.GC()
	before := sample()
	stop, done := make(chan struct{}), make(chan int64)
	go func() {
		peak := before
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- max(peak, sample()) - before
				return
			case <-tick.C:
				peak = max(peak, sample())
			}
		}
	}()
	f()
	close(stop)
	return <-done
}

// concurrently sends n copies of a JSON order at once and returns the
// statuses.
func concurrently(h http.Handler, n int, body string) []int {
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { codes[i] = jsonPost(h, body).Code })
	}
	wg.Wait()
	return codes
}

// concurrentPeak sends 8 copies of an order at once, checks each
// answer's status and that the heap's peak rose by less than maxPeak,
// then sends one more for the case to check.
func concurrentPeak(body string, status int, maxPeak int64) func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	return func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
		peak := peakHeap(t, func() {
			for _, c := range concurrently(h, 8, body) {
				if c != status {
					t.Errorf("status %d, want %d", c, status)
				}
			}
		})
		if peak > maxPeak {
			t.Errorf("point 4: the heap's peak rose by %d MiB, want under %d", peak>>20, maxPeak>>20)
		}
		t.Logf("the heap's peak rose by %d MiB", peak>>20)
		return jsonPost(h, body)
	}
}

func TestHostileLogos(t *testing.T) {
	cmyk4000 := logoFile(t, "cmyk-progressive-4000.jpg")
	cmyk600 := logoFile(t, "cmyk-progressive-600.jpg")
	small := encodePNG(testImage(80, 40))
	runHostile(t, []hostileCase{
		// Decoding one would take 263 MB; refusing eight costs their bodies
		// and their parsing, about 4.5 MB each.
		{point: 4, name: "8 concurrent 4000 × 4000 progressive CMYK JPEGs: refused from the header, peak memory flat",
			status: http.StatusRequestEntityTooLarge, field: "logo", code: codeLogoPixels,
			send: concurrentPeak(withLogo(cmyk4000, "image/jpeg"), http.StatusRequestEntityTooLarge, 64<<20)},
		// Each decode takes 6.6 MB by the header's estimate; with a budget
		// of 8 MiB they decode one at a time, so eight at once stay near
		// one decode plus eight requests and small leaflets (24 MiB
		// measured; all eight decoding at once would add 46 MB more).
		{point: 4, name: "8 concurrent progressive CMYK JPEGs through an 8 MiB budget: decoded one at a time",
			status: http.StatusOK, config: func(c *Config) { c.LogoBudget = 8 << 20 },
			send: concurrentPeak(withLogo(cmyk600, "image/jpeg"), http.StatusOK, 48<<20)},
		{point: 15, name: "JSON logo as a PNG data: URL is printed", status: http.StatusOK,
			send: apiPost(withLogo(small, "image/png")),
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if !strings.Contains(w.Body.String(), "data:image/png;base64,") {
					t.Error("the leaflet shows no logo")
				}
			}},
		{point: 15, name: "JSON logo of another type", status: http.StatusBadRequest, field: "logo", code: request.CodeLogoFormat,
			send: apiPost(strings.Replace(withLogo(small, "image/png"), "data:image/png", "data:image/gif", 1))},
		{point: 15, name: "JSON logo that is not what it says", status: http.StatusBadRequest, field: "logo", code: codeLogoFormat,
			send: apiPost(withLogo([]byte("GIF89a not a png"), "image/png"))},
		{point: 15, name: "JSON logo over 2 MB", status: http.StatusRequestEntityTooLarge, field: "logo", code: codeLogoTooLarge,
			send: apiPost(withLogo(append(bytes.Clone(small), make([]byte, maxLogoBytes)...), "image/png"))},
		{point: 5, name: "uploads are rate-limited like generation", status: http.StatusTooManyRequests,
			config: func(c *Config) { c.Rate = Rate{PerSecond: 0.001, Burst: 1} },
			send: func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
				s := newSession(t, h)
				if w := s.post(with(validForm(), "action", "update"), formFile{"logo", "a.png", small}); w.Code != http.StatusOK {
					t.Fatalf("first upload: %d", w.Code)
				}
				return s.post(with(validForm(), "action", "update"), formFile{"logo", "b.png", small})
			},
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), `id="logo-error"`) {
					t.Error("no Retry-After or no error at the logo")
				}
			}},
	})
}

// tornLogos hands back the first two thirds of each stored logo, as a
// store without checksums would after a crash while writing.
type tornLogos struct{ LogoStore }

func (t tornLogos) Get(ctx context.Context, id string) (Logo, error) {
	l, err := t.LogoStore.Get(ctx, id)
	l.Data = l.Data[:len(l.Data)*2/3]
	return l, err
}

// A torn stored logo (a crash while writing) makes the PDF download a
// clear error at the logo, never a panic in the renderer (point 3): the
// read path decodes every stored logo in full again, whatever the store.
func TestHostileTornLogo(t *testing.T) {
	var logs syncBuffer
	p := testPipeline(t, pipelineOpts{pdf: true})
	h := newTestApp(t, func(c *Config) {
		c.Logos, c.Pipeline = tornLogos{NewMemoryLogos(nil)}, func() *Pipeline { return p }
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	s := newSession(t, h)
	w := s.post(with(validForm(), "action", "download", "formats", "pdf"), formFile{"logo", "logo.png", encodePNG(testImage(300, 200))})
	if w.Code != http.StatusOK || strings.Contains(s.last, "/done") {
		t.Fatalf("point 3: status %d at %s, want the form with the problem: %.300s", w.Code, s.last, w.Body.String())
	}
	if !strings.Contains(w.Body.String(), `id="logo-error"`) {
		t.Error("point 3: the error is not at the logo")
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("point 3: a panic:\n%s", logs.String())
	}
}
