package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAccessibilityPage: the statement says what meets WCAG 2.1 AA, what
// does not yet and how to report a problem, in Swedish and in English;
// every page's footer links to it.
func TestAccessibilityPage(t *testing.T) {
	h, _ := reviewApp(t)
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"sv", []string{`<html lang="sv">`, "<h1>Tillgänglighet för Infogeneratorn</h1>", "WCAG 2.1", "Det här fungerar inte ännu",
			"veraPDF", "Rapportera brister", `href="https://www.digg.se/tdosanmalan"`}},
		{"en", []string{`<html lang="en">`, "<h1>Accessibility of Infogeneratorn</h1>", "WCAG 2.1", "What does not work yet",
			"veraPDF", "Report a problem", `href="https://www.digg.se/tdosanmalan"`}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			w := do(h, httptest.NewRequest(http.MethodGet, "/tillganglighet?lang="+tt.lang, nil))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			checkPageHeaders(t, w)
			for _, want := range tt.want {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("the statement lacks %q", want)
				}
			}
		})
	}
	for _, path := range []string{"/?lang=sv", "/status?lang=en", "/tillganglighet?lang=sv", "/no-such-page"} {
		w := do(h, httptest.NewRequest(http.MethodGet, path, nil))
		if loc := w.Header().Get("Location"); w.Code == http.StatusSeeOther && loc != "" {
			req := httptest.NewRequest(http.MethodGet, loc, nil)
			for _, c := range w.Result().Cookies() {
				req.AddCookie(c)
			}
			w = do(h, req) // the form redirects to its draft
		}
		if !strings.Contains(w.Body.String(), `<a href="/tillganglighet?lang=`) {
			t.Errorf("%s (%d) does not link to the accessibility statement", path, w.Code)
		}
	}
}
