package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

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

// peakRSS runs f and returns by how much the process's peak resident
// memory (VmHWM, reset through /proc/self/clear_refs) passed its
// resident memory before.
func peakRSS(t *testing.T, f func()) int64 {
	t.Helper()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Fatalf("cannot reset the peak resident memory: %v", err)
	}
	before := procStatus(t, "VmRSS")
	f()
	return procStatus(t, "VmHWM") - before
}

// procStatus reads a field of /proc/self/status in bytes.
func procStatus(t *testing.T, field string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
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
// answer's status and that the peak resident memory rose by less than
// maxPeak, then sends one more for the case to check.
func concurrentPeak(body string, status int, maxPeak int64) func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	return func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
		peak := peakRSS(t, func() {
			for _, c := range concurrently(h, 8, body) {
				if c != status {
					t.Errorf("status %d, want %d", c, status)
				}
			}
		})
		if peak > maxPeak {
			t.Errorf("point 4: peak resident memory rose by %d MiB, want under %d", peak>>20, maxPeak>>20)
		}
		t.Logf("peak resident memory rose by %d MiB", peak>>20)
		return jsonPost(h, body)
	}
}

func TestHostileLogos(t *testing.T) {
	cmyk4000 := logoFile(t, "cmyk-progressive-4000.jpg")
	cmyk1200 := logoFile(t, "cmyk-progressive-1200.jpg")
	small := encodePNG(testImage(80, 40))
	runHostile(t, []hostileCase{
		{point: 4, name: "8 concurrent 4000 × 4000 progressive CMYK JPEGs: refused from the header, peak memory flat",
			status: http.StatusRequestEntityTooLarge, field: "logo", code: codeLogoPixels,
			send: concurrentPeak(withLogo(cmyk4000, "image/jpeg"), http.StatusRequestEntityTooLarge, 64<<20)},
		// Each decode takes about 24 MB; eight at once would take 190 MB,
		// the budget lets 128 MiB decode at a time.
		{point: 4, name: "8 concurrent progressive CMYK JPEGs within the budget: decoded, peak bounded",
			status: http.StatusOK, send: concurrentPeak(withLogo(cmyk1200, "image/jpeg"), http.StatusOK, 192<<20)},
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
	l.PNG = l.PNG[:len(l.PNG)*2/3]
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
