package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func BenchmarkFormPage(b *testing.B) {
	h := newTestApp(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := do(h, httptest.NewRequest(http.MethodGet, "/", nil))
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkLeafletHTML(b *testing.B) {
	h := newTestApp(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		if w := jsonPost(h, strings.Replace(validJSON, `["ar"]`, `["sv"]`, 1)); w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkLeafletPDF(b *testing.B) {
	p := testPipeline(b, pipelineOpts{pdf: true})
	h := newTestApp(b, func(c *Config) { c.Pipeline = func() *Pipeline { return p } })
	body := strings.Replace(strings.Replace(validJSON, `["ar"]`, `["sv"]`, 1), `["html"]`, `["pdf"]`, 1)
	b.ReportAllocs()
	for b.Loop() {
		if w := jsonPost(h, body); w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
