package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

// hostileCase replays one way issue #11 found to break or abuse the
// server, against the real handler: it asserts the status and the field
// that the answer names (for a JSON answer, an error at that field with
// that code).
type hostileCase struct {
	point  int // the point of issue #11
	name   string
	config func(*Config) // nil: the test app as it is
	send   func(t *testing.T, h http.Handler) *httptest.ResponseRecorder
	status int
	field  string       // JSON error field; "" for a refusal that names none
	code   request.Code // JSON error code, with field
	check  func(t *testing.T, w *httptest.ResponseRecorder)
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestApp(t, tc.config)
			w := tc.send(t, h)
			if w.Code != tc.status {
				t.Fatalf("point %d: status %d, want %d: %.400s", tc.point, w.Code, tc.status, w.Body.String())
			}
			if tc.code != "" {
				assertJSONErrors(t, w, tc.field, tc.code)
			}
			if tc.check != nil {
				tc.check(t, w)
			}
		})
	}
}

// formPost posts the valid order as a download from a fresh session,
// letting mod change the request and its values first.
func formPost(t *testing.T, h http.Handler, mod func(r *http.Request, v url.Values) url.Values) *httptest.ResponseRecorder {
	s := newSession(t, h)
	v := s.withToken(with(validForm(), "action", "download"))
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.AddCookie(s.cookie)
	if mod != nil {
		v = mod(r, v)
	}
	body, ct := multipartBody(t, v)
	r.Body = readCloser{body}
	r.Header.Set("Content-Type", ct)
	return do(h, r)
}

// formPostHeader posts the valid order with one header set.
func formPostHeader(key, value string) func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	return func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
		return formPost(t, h, func(r *http.Request, v url.Values) url.Values {
			r.Header.Set(key, value)
			return v
		})
	}
}

type readCloser struct {
	r interface{ Read([]byte) (int, error) }
}

func (rc readCloser) Read(p []byte) (int, error) { return rc.r.Read(p) }
func (rc readCloser) Close() error               { return nil }

// refusedUnseen checks that a refused form post shows nothing it held.
func refusedUnseen(t *testing.T, w *httptest.ResponseRecorder) {
	if strings.Contains(w.Body.String(), "035-13") || strings.Contains(w.Body.String(), "Socialtjänsten, Halmstads") {
		t.Error("a refused post was shown back")
	}
}

func TestHostileFormSecurity(t *testing.T) {
	public := func(c *Config) { c.PublicURL = "https://infogen.example.se" }
	runHostile(t, []hostileCase{
		{point: 7, name: "valid token from another origin", status: http.StatusForbidden, check: refusedUnseen,
			send: formPostHeader("Origin", "https://evil.example")},
		{point: 7, name: "valid token, Referer from another origin", status: http.StatusForbidden, check: refusedUnseen,
			send: formPostHeader("Referer", "https://evil.example/form")},
		{point: 7, name: "Origin null (sandboxed frame)", status: http.StatusForbidden, check: refusedUnseen,
			send: formPostHeader("Origin", "null")},
		{point: 7, name: "own origin passes", status: http.StatusSeeOther, // to the draft
			send: formPostHeader("Origin", "http://EXAMPLE.com:80")},
		{point: 8, name: "token in the query string only", status: http.StatusForbidden, check: refusedUnseen,
			send: func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
				return formPost(t, h, func(r *http.Request, v url.Values) url.Values {
					r.URL.RawQuery = "csrf=" + url.QueryEscape(v.Get("csrf"))
					v.Del("csrf")
					return v
				})
			}},
		{point: 9, name: "a cookie the client chose", status: http.StatusForbidden, check: refusedUnseen,
			send: func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
				chosen := strings.Repeat("A", 43)
				return formPost(t, h, func(r *http.Request, v url.Values) url.Values {
					r.Header.Del("Cookie")
					r.AddCookie(&http.Cookie{Name: csrfCookie, Value: chosen})
					v.Set("csrf", csrfKey("unknown to the client").token(chosen))
					return v
				})
			}},
		{point: 9, name: "a chosen cookie is replaced, not adopted", status: http.StatusOK,
			send: func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
				r := httptest.NewRequest(http.MethodGet, "/new/"+newDraftID(), nil)
				r.AddCookie(&http.Cookie{Name: csrfCookie, Value: strings.Repeat("A", 43)})
				return do(h, r)
			},
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				c := cookieOf(w, csrfCookie)
				if c == nil || c.Value == strings.Repeat("A", 43) || !strings.Contains(c.Value, ".") {
					t.Errorf("cookie %v: want a new signed one", c)
				}
			}},
		{point: 10, name: "public https URL: Secure cookie and HSTS", config: public, status: http.StatusOK,
			send: func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
				return do(h, httptest.NewRequest(http.MethodGet, "/new/"+newDraftID(), nil))
			},
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if c := cookieOf(w, csrfCookie); c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
					t.Errorf("cookie %+v: want Secure, HttpOnly, SameSite=Strict", c)
				}
				if w.Header().Get("Strict-Transport-Security") == "" {
					t.Error("no HSTS behind an https public URL")
				}
			}},
		{point: 10, name: "public URL: the request's Host is not the origin", config: public, status: http.StatusForbidden,
			send: formPostHeader("Origin", "http://example.com")},
		{point: 10, name: "public URL: its origin passes", config: public, status: http.StatusSeeOther,
			send: formPostHeader("Origin", "https://infogen.example.se")},
		{point: 10, name: "trusted proxy: clients told apart by X-Forwarded-For", status: http.StatusOK,
			config: func(c *Config) { c.TrustedProxies = []string{"10.0.0.0/8"}; c.Rate = Rate{PerSecond: 0.001, Burst: 1} },
			send:   twoForwardedClients("10.1.2.3:4567")},
		{point: 10, name: "untrusted peer: X-Forwarded-For ignored", status: http.StatusTooManyRequests,
			field: "", code: codeRateLimited,
			config: func(c *Config) { c.TrustedProxies = []string{"10.0.0.0/8"}; c.Rate = Rate{PerSecond: 0.001, Burst: 1} },
			send:   twoForwardedClients("198.51.100.7:4567")},
	})
}

// twoForwardedClients sends an order for each of two clients through the
// peer at remote, which names them in X-Forwarded-For.
func twoForwardedClients(remote string) func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	return func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
		var w *httptest.ResponseRecorder
		for _, client := range []string{"192.0.2.1", "192.0.2.2"} {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/leaflets", strings.NewReader(validJSON))
			r.Header.Set("Content-Type", "application/json")
			r.RemoteAddr, r.Header["X-Forwarded-For"] = remote, []string{client}
			w = do(h, r)
		}
		return w
	}
}

func cookieOf(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// A failed generation is logged by the kinds of its errors, never by
// their text, which may quote a contact (point 16).
func TestHostileGenerationFailureLog(t *testing.T) {
	var logs syncBuffer
	var w *httptest.ResponseRecorder
	h := newTestApp(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		p := failingPipeline(t, "no glyph for “Soc → Hus” in Socialtjänsten, https://www.halmstad.se/stod")
		c.Pipeline = func() *Pipeline { return p }
	})
	w = jsonPost(h, validJSON)
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("point 16: status %d, want the stub's 500", w.Code)
	}
	out := logs.String()
	if !strings.Contains(out, "generation failed") {
		t.Fatalf("no failure line:\n%s", out)
	}
	for _, secret := range []string{"Soc → Hus", "Socialtjänsten", "halmstad.se"} {
		if strings.Contains(out, secret) {
			t.Errorf("point 16: the log holds %q:\n%s", secret, out)
		}
	}
}

// failingRenderer stands in for a renderer that fails on the order's own
// text, as the PDF renderer did on characters its fonts lacked.
type failingRenderer struct{ msg string }

func (failingRenderer) Format() vocab.Format { return vocab.HTML }
func (f failingRenderer) Render(*document.Document) ([]byte, error) {
	return nil, fmt.Errorf("render: %w", errors.New(f.msg))
}

func failingPipeline(t *testing.T, msg string) *Pipeline {
	p := testPipeline(t, pipelineOpts{})
	f := loadFixture(t)
	res := resolve.New(resolve.Config{Catalog: f.cat, Topics: f.topics, HelpLines: f.lines, Municipalities: f.munis,
		Version: "test", Now: func() time.Time { return testDate }})
	rules := request.Rules{HasLanguage: f.cat.Has}
	p.Builder = assemble.New(assemble.Config{Resolver: res, Renderers: []assemble.Renderer{failingRenderer{msg}}, Rules: rules})
	return p
}

// apiPost sends a JSON order.
func apiPost(body string) func(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	return func(t *testing.T, h http.Handler) *httptest.ResponseRecorder { return jsonPost(h, body) }
}

func TestHostileJSON(t *testing.T) {
	emptyContacts := `{"municipality":{"code":"1380"},"topics":["vald"],"languages":["sv"],"contacts":[` +
		strings.TrimSuffix(strings.Repeat(`{},`, 5000), ",") + `]}`
	runHostile(t, []hostileCase{
		{point: 11, name: "duplicate key", status: http.StatusBadRequest, field: "languages", code: request.CodeDuplicateKey,
			send: apiPost(strings.Replace(validJSON, `"languages": ["ar"]`, `"languages": ["ar"], "languages": ["sv"]`, 1))},
		{point: 11, name: "duplicate nested key", status: http.StatusBadRequest, field: "contacts[1].phone", code: request.CodeDuplicateKey,
			send: apiPost(strings.Replace(validJSON, `"phone": "035-12 12 12"`, `"phone": "035-12 12 12", "phone": "020-50 50 50"`, 1))},
		{point: 11, name: "key in another case", status: http.StatusBadRequest, field: "Languages", code: request.CodeUnknownField,
			send: apiPost(strings.Replace(validJSON, `"languages"`, `"Languages"`, 1))},
		{point: 11, name: "nested key in another case", status: http.StatusBadRequest, field: "contacts[0].Name", code: request.CodeUnknownField,
			send: apiPost(strings.Replace(validJSON, `"name": "Socialtjänsten"`, `"Name": "Socialtjänsten"`, 1))},
		{point: 12, name: "one language in three cases", status: http.StatusBadRequest, field: "languages[1]", code: request.CodeDuplicate,
			send: apiPost(strings.Replace(validJSON, `"languages": ["ar"]`, `"languages": ["sv","SV","Sv"]`, 1))},
		{point: 12, name: "a tag in another case is the language", status: http.StatusOK,
			send: apiPost(strings.Replace(validJSON, `"languages": ["ar"]`, `"languages": ["AR"]`, 1)),
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if cd := w.Header().Get("Content-Disposition"); cd != "attachment; filename=vald_ar.html" {
					t.Errorf("Content-Disposition %q", cd)
				}
			}},
		{point: 13, name: "5000 empty contacts", status: http.StatusBadRequest, field: "", code: codeMoreErrors,
			send: apiPost(emptyContacts),
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if n := w.Body.Len(); n > 16<<10 {
					t.Errorf("error body of %d bytes", n)
				}
				if n := strings.Count(w.Body.String(), `"code"`); n > maxAPIErrors {
					t.Errorf("%d errors listed, want at most %d", n, maxAPIErrors)
				}
			}},
		{point: 14, name: "e-mail with hfields", status: http.StatusBadRequest, field: "contacts[1].email", code: request.CodeInvalidEmail,
			send: apiPost(strings.Replace(validJSON, `"phone": "035-12 12 12"`, `"phone": "035-12 12 12", "email": "jour@halmstad.se?cc=spy@evil.example&body=hej"`, 1))},
		{point: 14, name: "qr_url javascript:", status: http.StatusBadRequest, field: "qr_url", code: request.CodeInvalidURL,
			send: apiPost(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "javascript:alert(1)",`, 1))},
		{point: 14, name: "qr_url to a host without a dot", status: http.StatusBadRequest, field: "qr_url", code: request.CodeInvalidURL,
			send: apiPost(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "https://intranet/stod",`, 1))},
		{point: 14, name: "qr_url of words", status: http.StatusBadRequest, field: "qr_url", code: request.CodeInvalidURL,
			send: apiPost(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "ring oss på 035-13 70 00",`, 1))},
		{point: 14, name: "qr_url too long to scan", status: http.StatusBadRequest, field: "qr_url", code: request.CodeTooLong,
			send: apiPost(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "https://www.halmstad.se/`+strings.Repeat("a", request.MaxQRURL)+`",`, 1))},
		{point: 14, name: "qr_url as people write it", status: http.StatusOK,
			send: apiPost(strings.Replace(validJSON, `"formats": ["html"],`, `"formats": ["html"], "qr": true, "qr_url": "www.halmstad.se/stod",`, 1)),
			check: func(t *testing.T, w *httptest.ResponseRecorder) {
				if !strings.Contains(w.Body.String(), `class="qr"`) {
					t.Error("the leaflet has no QR code")
				}
			}},
		{point: 18, name: "opening hours from = to", status: http.StatusBadRequest, field: "contacts[0].hours[0].to", code: request.CodeSameTime,
			send: apiPost(strings.Replace(validJSON, `"to": "16:30"`, `"to": "08:00"`, 1))},
		{point: 18, name: "around the clock is 00:00–24:00", status: http.StatusOK,
			send: apiPost(strings.Replace(strings.Replace(validJSON, `"to": "16:30"`, `"to": "24:00"`, 1), `"from": "08:00"`, `"from": "00:00"`, 1))},
	})
}

// withPDF serves the test app with the PDF renderer.
func withPDF(t *testing.T) func(*Config) {
	p := testPipeline(t, pipelineOpts{pdf: true})
	return func(c *Config) { c.Pipeline = func() *Pipeline { return p } }
}

// pdfOrder is the valid order as PDF on paper, in lang, with the
// womens_shelter contact's field set to value.
func pdfOrder(paper, lang, field, value string) string {
	body := strings.NewReplacer(`"formats": ["html"]`, `"formats": ["pdf"], "paper": "`+paper+`"`,
		`"languages": ["ar"]`, `"languages": ["`+lang+`"]`).Replace(validJSON)
	v, _ := json.Marshal(value)
	return strings.Replace(body, `"name": "Kvinnojouren"`, `"name": "Kvinnojouren", "`+field+`": `+string(v), 1)
}

func TestHostileValidInputNever500(t *testing.T) {
	halmstad := "https://www.halmstad.se/kommunochpolitik/trygghetochsakerhet/valdinarastarelationer/stodtilldigsomarutsatt.html?sprak=ar&utm_source=broschyr"
	longest := "https://www.exempel.se/" + strings.Repeat("stod/", 55) + strings.Repeat("x", request.MaxURL-23-5*55)
	namesChar := func(char string) func(t *testing.T, w *httptest.ResponseRecorder) {
		return func(t *testing.T, w *httptest.ResponseRecorder) {
			if !strings.Contains(w.Body.String(), char) {
				t.Errorf("the answer does not name %s: %s", char, w.Body.String())
			}
		}
	}
	pdf := withPDF(t)
	runHostile(t, []hostileCase{
		{point: 1, name: "arrows, check marks and telephones print", config: pdf, status: http.StatusOK,
			send: apiPost(strings.Replace(pdfOrder("a4", "sv", "address", "Soc → Hus ✓ ☎"), `"name": "Kvinnojouren"`, `"name": "Kvinnojouren ✆"`, 1))},
		{point: 1, name: "an emoji is refused, named", config: pdf, status: http.StatusBadRequest,
			field: "contacts[1].address", code: request.CodeUnprintable, check: namesChar("U+1F600"),
			send: apiPost(pdfOrder("a4", "sv", "address", "Stationsgatan 2 😀"))},
		{point: 1, name: "CJK is refused, named", config: pdf, status: http.StatusBadRequest,
			field: "contacts[1].address", code: request.CodeUnprintable, check: namesChar("U+793E"),
			send: apiPost(pdfOrder("a4", "ar", "address", "社会"))},
		{point: 1, name: "Hangul is refused, named", config: pdf, status: http.StatusBadRequest,
			field: "contacts[1].address", code: request.CodeUnprintable, check: namesChar("U+D55C"),
			send: apiPost(pdfOrder("a5", "sv", "address", "한국"))},
		{point: 2, name: "a real 108-character address in A5 Arabic", config: pdf, status: http.StatusOK,
			send: apiPost(pdfOrder("a5", "ar", "web", halmstad))},
		{point: 2, name: "the longest address the validator allows in A5 Arabic", config: pdf, status: http.StatusOK,
			send: apiPost(pdfOrder("a5", "ar", "web", longest))},
		{point: 2, name: "the longest address in A4 Swedish", config: pdf, status: http.StatusOK,
			send: apiPost(pdfOrder("a4", "sv", "web", longest))},
	})
}
