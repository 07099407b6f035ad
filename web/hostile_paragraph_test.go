package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"infogeneratorn/generator/request"
)

// TestHostileParagraphCost (point 19): text a form may send that once
// cost layout time quadratic in its length, or that go-text still pairs
// in superlinear time (brackets), at the longest a field allows, is
// printed: a field cannot reach layout.MaxBidiPairs (1,024 brackets and
// isolates in a paragraph), and bidi controls are refused.
func TestHostileParagraphCost(t *testing.T) {
	pdf := withPDF(t)
	isPDF := func(t *testing.T, w *httptest.ResponseRecorder) {
		if !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
			t.Errorf("the answer is no PDF: %.100q", w.Body.String())
		}
	}
	runHostile(t, []hostileCase{
		{point: 19, name: "an address of digits in Arabic", config: pdf, status: http.StatusOK, check: isPDF,
			send: apiPost(pdfOrder("a5", "ar", "address", strings.Repeat("12 ", request.MaxAddress/3)))},
		{point: 19, name: "an address of brackets in Arabic", config: pdf, status: http.StatusOK, check: isPDF,
			send: apiPost(pdfOrder("a5", "ar", "address", strings.Repeat("(a) ", request.MaxAddress/4)))},
		{point: 19, name: "an address of percent signs and digits in Arabic", config: pdf, status: http.StatusOK, check: isPDF,
			send: apiPost(pdfOrder("a4", "ar", "address", strings.Repeat("%1,", request.MaxAddress/3)))},
	})
}
