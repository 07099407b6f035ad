package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The Falkenberg order (two topics, Swedish and Arabic: four print-ready
// PDFs) saved in SQLite, then its sheet and its bundle from the print link.

func BenchmarkOrderCreate(b *testing.B) {
	a := newOrdersApp(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		a.create(b, falkenbergOrder)
	}
}

func BenchmarkOrderSheet(b *testing.B) {
	a := newOrdersApp(b, nil)
	print := pathOf(b, a.create(b, falkenbergOrder).PrintURL)
	b.ReportAllocs()
	for b.Loop() {
		if w := a.get(print); w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkOrderBundle(b *testing.B) {
	a := newOrdersApp(b, nil)
	print := pathOf(b, a.create(b, falkenbergOrder).PrintURL)
	b.ReportAllocs()
	for b.Loop() {
		w := do(a.h, httptest.NewRequest(http.MethodGet, print+"/bundle.zip", nil))
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "PK") {
			b.Fatal(w.Code)
		}
	}
}
