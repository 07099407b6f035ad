package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"infogeneratorn/generator/request"
)

// FuzzAPILeaflets posts arbitrary bodies to POST /api/v1/leaflets through
// the whole handler: never a panic, never a 5xx but 503 (busy), and
// every refusal is a JSON error list.
func FuzzAPILeaflets(f *testing.F) {
	f.Add(validJSON)
	f.Add(strings.Replace(validJSON, `"languages": ["ar"]`, `"languages": ["sv","SV"], "Languages": ["ar"]`, 1))
	f.Add(strings.Replace(validJSON, `"to": "16:30"`, `"to": "08:00"`, 1))
	f.Add(strings.Replace(validJSON, `"name": "Kvinnojouren"`, `"name": "Kvinnojouren → ☎ 😀", "web": "https://www.halmstad.se/a/b?c=d&e=f"`, 1))
	f.Add(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "logo": "data:image/png;base64,`+
		base64.StdEncoding.EncodeToString(encodePNG(testImage(20, 10)))+`",`, 1))
	for _, qr := range []string{"javascript:alert(1)", "www.halmstad.se/stod", "https://intranet/", "https://a.se/" + strings.Repeat("ö", 100)} {
		f.Add(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "`+qr+`",`, 1))
	}
	f.Add(`{"contacts":[{},{},{}],"municipality":{"code":"1380","code":"1380"}}`)
	f.Add(`[[[[[[[[[[[[[[[[[[[[`)
	h := newTestApp(f, nil)
	f.Fuzz(func(t *testing.T, body string) {
		// A valid order of many topics and languages makes hundreds of
		// leaflets, seconds of work that stalls the fuzzer without
		// reaching new code: keep orders to four leaflets.
		if r, err := request.Parse(strings.NewReader(body)); err == nil && len(r.Topics)*len(r.Languages) > 4 {
			return
		}
		w := jsonPost(h, body)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
		if w.Code != http.StatusOK && !strings.HasPrefix(w.Body.String(), `{"errors":[`) {
			t.Fatalf("status %d without a JSON error list: %.200s", w.Code, w.Body.String())
		}
	})
}
