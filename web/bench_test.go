package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func BenchmarkFormPage(b *testing.B) {
	h := newTestApp(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := do(h, httptest.NewRequest(http.MethodGet, "/new/"+newDraftID(), nil))
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// newBenchApp is the test app on pipeline p (nil: the test pipeline)
// without the per-client limit: the test clock stands still, so a bucket
// never refills, and a benchmark of more than a thousand requests got 429.
func newBenchApp(b *testing.B, p *Pipeline) http.Handler {
	return newTestApp(b, func(c *Config) {
		if p != nil {
			c.Pipeline = func() *Pipeline { return p }
		}
		c.Rate = Rate{}
	})
}

func BenchmarkLeafletHTML(b *testing.B) {
	h := newBenchApp(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		if w := jsonPost(h, strings.Replace(validJSON, `["ar"]`, `["sv"]`, 1)); w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkLeafletPDF(b *testing.B) {
	h := newBenchApp(b, testPipeline(b, pipelineOpts{pdf: true}))
	body := strings.Replace(strings.Replace(validJSON, `["ar"]`, `["sv"]`, 1), `["html"]`, `["pdf"]`, 1)
	b.ReportAllocs()
	for b.Loop() {
		if w := jsonPost(h, body); w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}

// BenchmarkLeafletPDFVaried is the load test's varied mode in-process:
// each request another of 16 languages × 6 topics, with contact names and
// numbers no request has had before, so that no cache answers a whole
// leaflet. Its renderer reads no preset, as infogen serve's does. Profile
// the server's hot path with -cpuprofile.
func BenchmarkLeafletPDFVaried(b *testing.B) {
	h := newBenchApp(b, testPipeline(b, pipelineOpts{pdf: true, served: true}))
	langs := []string{"sv", "en", "ar", "fa", "ckb", "ur", "ps", "so", "ti", "am", "th", "ru", "uk", "yi", "tr", "fi"}
	topics := []string{"vald", "vald-utovare", "vald-barn", "vald-unga", "heder", "foraldraskapsstod"}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		body := fmt.Sprintf(`{"municipality": {"code": "1380"}, "topics": [%q], "languages": [%q], "formats": ["pdf"],
  "contacts": [{"role": "social_services", "name": "Socialtjänsten, kontor %d", "phone": "035-13 %02d %02d"},
    {"role": "womens_shelter", "name": "Kvinnojouren nr %d", "phone": "035-12 12 12"}]}`,
			topics[n/len(langs)%len(topics)], langs[n%len(langs)], n, n/100%100, n%100, n)
		n++
		if w := jsonPost(h, body); w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
