package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"infogeneratorn/generator/assemble"
)

func TestGetForm(t *testing.T) {
	h := newTestApp(t, nil)
	tests := []struct {
		name, target, acceptLang string
		wantLang, wantText       string
	}{
		{"Swedish by default", "/", "", "sv", "Skapa informationsbroschyrer"},
		{"English by Accept-Language", "/", "en-GB,en;q=0.9", "en", "Create information leaflets"},
		{"Swedish preferred over English", "/", "sv-SE,sv;q=0.9,en;q=0.5", "sv", "Skapa informationsbroschyrer"},
		{"an unknown language falls back to Swedish", "/", "de-DE", "sv", "Skapa informationsbroschyrer"},
		{"the switch wins over Accept-Language", "/?lang=en", "sv", "en", "Create information leaflets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, tt.target, nil)
			if tt.acceptLang != "" {
				r.Header.Set("Accept-Language", tt.acceptLang)
			}
			w := do(h, r)
			if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/new/") {
				t.Fatalf("status %d to %q, want 303 to a fresh form", w.Code, w.Header().Get("Location"))
			}
			r = httptest.NewRequest(http.MethodGet, w.Header().Get("Location"), nil)
			r.Header.Set("Accept-Language", tt.acceptLang)
			if w = do(h, r); w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			if strings.Contains(body, actionMark) || !strings.Contains(body, `action="/new/`) {
				t.Error("the form does not post to its own fresh address")
			}
			if !strings.Contains(body, `<html lang="`+tt.wantLang+`">`) || !strings.Contains(body, tt.wantText) {
				t.Errorf("page is not in %s", tt.wantLang)
			}
			if strings.Contains(body, nonceMark) || strings.Contains(body, tokenMark) {
				t.Error("the cached form's marks were not filled in")
			}
			if strings.Contains(body, "[[") {
				t.Errorf("page shows a missing UI message: %s", regexp.MustCompile(`\[\[[^\]]+\]\]`).FindString(body))
			}
			checkPageHeaders(t, w)
		})
	}
}

func TestFormContents(t *testing.T) {
	h := newTestApp(t, nil)
	body := getForm(h, "/").Body.String()
	summary, err := loadFixture(t).cat.Source().Text("vald.summary", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.UnescapeString(body), summary) {
		t.Errorf("form lacks the topic's summary %q", summary)
	}
	if n := strings.Count(body, `<option value="`) - strings.Count(body, `<option value=""`); n < 290 {
		t.Errorf("municipality list has %d options, want the 290 and the other selects' options", n)
	}
	for _, want := range []string{
		`<option value="Halmstad"></option>`,
		`list="municipalities"`,
		`<span class="native" lang="ar" dir="rtl">العربية</span>`,
		`<span class="sample" lang="ar" dir="rtl">`,
		`<legend>Socialtjänsten, kontakt 1</legend>`,
		`name="action" value="add:social_services"`,
		`name="action" value="addhours:0"`,
		`<input type="hidden" name="csrf"`,
		`enctype="multipart/form-data"`,
		`class="status vetted">Källtext`, // Swedish is the source, not a checked translation
		`class="status unvetted">Inte granskad`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("form lacks %q", want)
		}
	}
	// Every language name carries its language.
	for _, m := range regexp.MustCompile(`<span class="native"([^>]*)>`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(m[1], "lang=") {
			t.Errorf("language name without lang: %s", m[0])
		}
	}
	// The first submit button is the hidden default, so that Enter in a
	// field checks the form instead of adding or removing a row.
	first := regexp.MustCompile(`<button[^>]*type="submit"[^>]*>`).FindString(body)
	if !strings.Contains(first, `value="save"`) {
		t.Errorf("first submit button is %s", first)
	}
}

// checkPageHeaders asserts the security headers of an HTML page.
func checkPageHeaders(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	h := w.Header()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self' 'nonce-", "frame-ancestors 'self'", "base-uri 'none'", "form-action 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "http") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "*") {
		t.Errorf("CSP allows too much: %q", csp)
	}
	nonce := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(csp)
	if nonce == nil || !strings.Contains(w.Body.String(), `nonce="`+nonce[1]+`"`) {
		t.Errorf("the script does not carry the policy's nonce")
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
		"X-Frame-Options": "SAMEORIGIN", "Cache-Control": "no-store"} {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
}

func TestNonceDiffersPerResponse(t *testing.T) {
	h := newTestApp(t, nil)
	a := getForm(h, "/").Header().Get("Content-Security-Policy")
	b := getForm(h, "/").Header().Get("Content-Security-Policy")
	if a == b {
		t.Error("two pages got the same nonce")
	}
}

func TestCSRF(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	other := newSession(t, h)
	tests := []struct {
		name   string
		mutate func(r *http.Request, v url.Values) url.Values
	}{
		{"no token", func(r *http.Request, v url.Values) url.Values { v.Del("csrf"); v.Set("csrf", ""); return v }},
		{"wrong token", func(r *http.Request, v url.Values) url.Values { v.Set("csrf", "AAAA"); return v }},
		{"another browser's token", func(r *http.Request, v url.Values) url.Values { v.Set("csrf", other.token); return v }},
		{"no cookie", func(r *http.Request, v url.Values) url.Values { r.Header.Del("Cookie"); return v }},
		{"cross-site post", func(r *http.Request, v url.Values) url.Values { r.Header.Set("Sec-Fetch-Site", "cross-site"); return v }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r.AddCookie(s.cookie)
			v := with(validForm(), "action", "download", "csrf", s.token, "c_name", "Attacker's Number")
			v = tt.mutate(r, v)
			body, ct := multipartBody(t, v)
			r.Body = io.NopCloser(body)
			r.ContentLength = -1
			r.Header.Set("Content-Type", ct)
			w := do(h, r)
			if w.Code != http.StatusForbidden {
				t.Fatalf("status %d, want 403", w.Code)
			}
			if strings.Contains(w.Body.String(), "Attacker") || strings.Contains(w.Body.String(), "035-13") {
				t.Error("a refused post was shown back")
			}
			if !strings.Contains(w.Body.String(), "Formuläret har gått ut") {
				t.Error("no explanation")
			}
		})
	}
	t.Run("same-origin post passes", func(t *testing.T) {
		w := s.download(validForm())
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
	})
}

func TestFormContentTypeAndSize(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	t.Run("wrong content type", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("csrf="+s.token))
		r.Header.Set("Content-Type", "text/plain")
		r.AddCookie(s.cookie)
		if w := do(h, r); w.Code != http.StatusUnsupportedMediaType {
			t.Errorf("status %d, want 415", w.Code)
		}
	})
	t.Run("url-encoded form is accepted", func(t *testing.T) {
		v := with(validForm(), "csrf", s.token, "action", "update")
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(s.cookie)
		if w := do(h, r); w.Code != http.StatusSeeOther || !draftPathRE.MatchString(w.Header().Get("Location")) {
			t.Errorf("status %d to %q, want 303 to the draft", w.Code, w.Header().Get("Location"))
		}
	})
	t.Run("oversize body by Content-Length", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), maxFormReadBytes+1)
		body, ct := multipartBody(t, with(validForm(), "csrf", s.token), formFile{"logo", "big.png", big})
		r := httptest.NewRequest(http.MethodPost, "/", body)
		r.Header.Set("Content-Type", ct)
		r.AddCookie(s.cookie)
		w := do(h, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", w.Code)
		}
	})
	t.Run("oversize body without Content-Length", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), maxFormReadBytes+1)
		body, ct := multipartBody(t, with(validForm(), "csrf", s.token), formFile{"logo", "big.png", big})
		r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(body))
		r.ContentLength = -1
		r.Header.Set("Content-Type", ct)
		r.AddCookie(s.cookie)
		w := do(h, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", w.Code)
		}
	})
}

func TestFormRows(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	tests := []struct {
		name, action string
		want         []string
		notWant      []string
	}{
		{"add a contact keeps every input", "add:social_services",
			[]string{`value="Socialtjänsten, Halmstads kommun"`, `<legend>Socialtjänsten, kontakt 2</legend>`, `id="c2-name"`, `autofocus`, `value="035-12 12 12"`}, nil},
		{"remove a contact", "remove:1",
			[]string{`value="Socialtjänsten, Halmstads kommun"`, `<legend>Kvinnojour, kontakt 1</legend>`},
			[]string{`value="Kvinnojouren i Halmstad"`}},
		{"add opening hours", "addhours:0",
			[]string{`id="c0-h1-from-day"`, `<option value="mon" selected>`, `value="16:30"`}, nil},
		{"remove opening hours", "rmhours:0.0",
			[]string{`value="Socialtjänsten, Halmstads kommun"`},
			[]string{`value="16:30"`}},
		{"switch to English keeps every input", "ui:en",
			[]string{`<html lang="en">`, `value="Socialtjänsten, Halmstads kommun"`, `id="municipality" name="municipality" type="text" value="Halmstad"`, `value="ar" aria-describedby="lang-ar-desc" checked`}, nil},
		{"a bad row index changes nothing", "remove:99",
			[]string{`value="Kvinnojouren i Halmstad"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.post(with(validForm(), "action", tt.action))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			for _, x := range tt.want {
				if !strings.Contains(body, x) {
					t.Errorf("page lacks %q", x)
				}
			}
			for _, x := range tt.notWant {
				if strings.Contains(body, x) {
					t.Errorf("page still has %q", x)
				}
			}
		})
	}
}

func TestFormValidation(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	long := strings.Repeat("å", 121)
	tests := []struct {
		name string
		form url.Values
		href string // the summary links here
		msg  string // and says this, at the field too
		keep string // what the page must still show as typed
	}{
		{"municipality missing", with(validForm(), "municipality_code", ""), "#municipality", "Fyll i det här fältet.", `value="035-13 70 00"`},
		{"unknown municipality code", with(validForm(), "municipality_code", "9999"), "#municipality", "Det finns ingen kommun med koden 9999.", `value="035-13 70 00"`},
		{"no topic", func() url.Values { v := validForm(); v.Del("topics"); return v }(), "#topic-vald", "Fyll i det här fältet.", `value="Kvinnojouren i Halmstad"`},
		{"no language", func() url.Values { v := validForm(); v.Del("languages"); return v }(), "#lang-sv", "Fyll i det här fältet.", `value="Kvinnojouren i Halmstad"`},
		{"bad phone", func() url.Values { v := validForm(); v["c_phone"] = []string{"035-13 70 00", "12-ab"}; return v }(), "#c1-phone", "”12-ab” är inte ett telefonnummer.", `value="12-ab"`},
		{"bidi control in a phone number", func() url.Values { v := validForm(); v["c_phone"] = []string{"035-13\u202e70 00", ""}; return v }(), "#c0-phone", "osynligt tecken (U+202E)", `value="Kvinnojouren i Halmstad"`},
		{"bad e-mail", func() url.Values {
			v := validForm()
			v["c_email"] = []string{"socialtjansten(at)halmstad", ""}
			return v
		}(), "#c0-email", "är inte en e-postadress", `value="socialtjansten(at)halmstad"`},
		{"not a web address", func() url.Values { v := validForm(); v["c_web"] = []string{"ftp://halmstad.se", ""}; return v }(), "#c0-web", "inte en säker webbadress", `value="ftp://halmstad.se"`},
		{"unknown municipality name", with(validForm(), "municipality", "Kungsbaka"), "#municipality", "Det finns ingen kommun som heter ”Kungsbaka”.", `value="Kungsbaka"`},
		{"bad time", with(validForm(), "h_close", "25:00"), "#c0-h0-close", "”25:00” är inte en tid.", `value="25:00"`},
		{"day missing", with(validForm(), "h_from_day", ""), "#c0-h0-from-day", "Fyll i det här fältet.", `value="08:00"`},
		{"day range backwards", with(validForm(), "h_from_day", "fri", "h_to_day", "mon"), "#c0-h0-from-day", "är inte en dag", `value="08:00"`},
		{"contact without a way to reach", func() url.Values {
			v := validForm()
			v["c_phone"] = []string{"035-13 70 00", ""}
			return v
		}(), "#c1-phone", "Ange minst ett telefonnummer", `value="Kvinnojouren i Halmstad"`},
		{"contact without a name", func() url.Values { v := validForm(); v["c_name"] = []string{"Socialtjänsten", ""}; return v }(), "#c1-name", "Fyll i det här fältet.", `value="035-12 12 12"`},
		{"name too long", func() url.Values { v := validForm(); v["c_name"] = []string{long, "Kvinnojouren"}; return v }(), "#c0-name", "Högst 120 tecken.", long},
		{"unknown paper", with(validForm(), "paper", "a3"), "#paper-a4", "Pappersformatet ”a3” finns inte.", `value="Kvinnojouren i Halmstad"`},
		{"a format without a renderer", with(validForm(), "formats", "pdf"), "#format-html", "PDF kan inte skapas på den här servern ännu.", `value="Kvinnojouren i Halmstad"`},
		{"unknown language", with(validForm(), "languages", "xx"), "#lang-sv", "Språket ”xx” finns inte", `value="Kvinnojouren i Halmstad"`},
		{"too many contacts", func() url.Values {
			v := validForm()
			v["c_role"], v["c_name"], v["c_phone"], v["c_hours"] = nil, nil, nil, nil
			for range 21 {
				v["c_role"] = append(v["c_role"], "social_services")
				v["c_name"] = append(v["c_name"], "Socialtjänsten")
				v["c_phone"] = append(v["c_phone"], "035-13 70 00")
				v["c_hours"] = append(v["c_hours"], "0")
			}
			v["c_email"], v["c_web"], v["c_address"] = nil, nil, nil
			return v
		}(), "#contacts", "Högst 20 får anges.", `value="Socialtjänsten"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, action := range []string{"download", "check", "preview", "save"} {
				w := s.post(with(tt.form, "action", action))
				if w.Code != http.StatusOK || !strings.HasPrefix(s.last, s.draft) || strings.Contains(s.last, "/done") {
					t.Fatalf("%s: status %d at %s, want the form again", action, w.Code, s.last)
				}
				body := html.UnescapeString(w.Body.String())
				summary := between(body, `class="error-summary"`, `</div>`)
				if !strings.Contains(summary, `href="`+tt.href+`"`) || !strings.Contains(summary, tt.msg) {
					t.Errorf("%s: summary does not link %s with %q:\n%s", action, tt.href, tt.msg, summary)
				}
				rest := strings.Replace(body, summary, "", 1)
				if !strings.Contains(rest, `class="field-error">`+tt.msg) && !strings.Contains(rest, tt.msg) {
					t.Errorf("%s: message not shown at the field", action)
				}
				if !strings.Contains(body, tt.keep) {
					t.Errorf("%s: typed input %q lost", action, tt.keep)
				}
				if !strings.Contains(body, `id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" autofocus`) {
					t.Errorf("%s: the summary does not take focus", action)
				}
			}
		})
	}
}

func TestFormFieldErrorMarksControl(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	v := validForm()
	v["c_phone"] = []string{"035-13 70 00", "12-ab"}
	body := s.post(with(v, "action", "download")).Body.String()
	for _, want := range []string{`<div id="c1-phone-error"><p class="field-error">`, `id="c1-phone" name="c_phone" type="tel" value="12-ab"`,
		`aria-describedby="c1-phone-hint c1-phone-error" aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestFormInEnglish(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	v := with(validForm(), "ui", "en", "h_close", "25:00", "action", "download")
	body := s.post(v).Body.String()
	if !strings.Contains(body, "There are problems in the form") || !strings.Contains(body, "“25:00” is not a time.") {
		t.Error("errors are not in English")
	}
}

func TestFormDownload(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	t.Run("several leaflets as a ZIP with a manifest", func(t *testing.T) {
		w := s.download(validForm())
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("status %d, %s", w.Code, w.Header().Get("Content-Type"))
		}
		if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=infogeneratorn_1380_2026-11-25.zip` {
			t.Errorf("Content-Disposition %q", cd)
		}
		m, files := readZip(t, w.Body.Bytes())
		checkManifest(t, m, files, []string{"vald_sv.html", "vald_ar.html"})
		for _, name := range []string{"vald_sv.html", "vald_ar.html"} {
			for _, phone := range []string{"035-13\u00a070\u00a000", "035-12\u00a012\u00a012"} {
				if !strings.Contains(string(files[name]), phone) {
					t.Errorf("%s lacks %q", name, phone)
				}
			}
		}
	})
	t.Run("one leaflet as itself", func(t *testing.T) {
		w := s.download(with(validForm(), "languages", "ar"))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("status %d, %s", w.Code, w.Header().Get("Content-Type"))
		}
		if cd := w.Header().Get("Content-Disposition"); cd != "attachment; filename=vald_ar.html" {
			t.Errorf("Content-Disposition %q", cd)
		}
		if w.Header().Get("X-Leaflet-Review") != "unvetted" {
			t.Errorf("X-Leaflet-Review %q", w.Header().Get("X-Leaflet-Review"))
		}
		if !strings.Contains(w.Header().Get("Content-Security-Policy"), "sandbox") {
			t.Error("a served leaflet is not sandboxed")
		}
	})
}

func readZip(t *testing.T, data []byte) (assemble.Manifest, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var m assemble.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	return m, files
}

func checkManifest(t *testing.T, m assemble.Manifest, files map[string][]byte, want []string) {
	t.Helper()
	if m.Generator != "Infogeneratorn test" || m.Date != "2026-11-25" {
		t.Errorf("manifest generator %q date %q", m.Generator, m.Date)
	}
	if len(m.Files) != len(want) {
		t.Fatalf("manifest lists %d files, want %d", len(m.Files), len(want))
	}
	for i, f := range m.Files {
		if f.Name != want[i] {
			t.Errorf("file %d is %s, want %s", i, f.Name, want[i])
		}
		if _, ok := files[f.Name]; !ok {
			t.Errorf("%s is in the manifest but not in the ZIP", f.Name)
		}
		if f.Bytes != len(files[f.Name]) || len(f.SHA256) != 64 {
			t.Errorf("%s: manifest size %d, file %d", f.Name, f.Bytes, len(files[f.Name]))
		}
	}
	for _, l := range m.Languages {
		if l.Lang == "sv" && !l.Vetted || l.Lang != "sv" && l.Vetted {
			t.Errorf("language %s vetted = %v", l.Lang, l.Vetted)
		}
	}
}

func TestFormPreview(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	w := s.post(with(validForm(), "action", "preview", "preview_topic", "vald", "preview_lang", "ar"))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	m := regexp.MustCompile(`<iframe id="preview-frame" src="(/preview/[0-9a-f]{32})" title="([^"]+)" sandbox="">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no sandboxed preview frame in the page")
	}
	if !strings.Contains(m[2], "arabiska") {
		t.Errorf("frame title %q does not name the language", m[2])
	}
	pw := do(h, httptest.NewRequest(http.MethodGet, m[1], nil))
	if pw.Code != http.StatusOK {
		t.Fatalf("preview: %d", pw.Code)
	}
	leaflet := pw.Body.String()
	if !strings.Contains(leaflet, `<html lang="ar" dir="rtl">`) || !strings.Contains(leaflet, "035-13\u00a070\u00a000") {
		t.Error("preview is not the Arabic leaflet with the contacts")
	}
	csp := pw.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src '"+styleHash(pw.Body.Bytes())+"'") || strings.Contains(csp, "script") ||
		!strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("preview CSP %q", csp)
	}
	if do(h, httptest.NewRequest(http.MethodGet, "/preview/00000000000000000000000000000000", nil)).Code != http.StatusNotFound {
		t.Error("an unknown preview is not 404")
	}
	if do(h, httptest.NewRequest(http.MethodGet, "/preview/..%2f..%2fetc", nil)).Code != http.StatusNotFound {
		t.Error("a malformed preview ID is not 404")
	}
}

func TestRateLimit(t *testing.T) {
	h := newTestApp(t, func(c *Config) { c.Rate = Rate{PerSecond: 0.001, Burst: 2} })
	s := newSession(t, h)
	for i := range 2 {
		if w := s.post(with(validForm(), "action", "preview")); w.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i, w.Code)
		}
	}
	w := s.post(with(validForm(), "action", "download"))
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "Vänta") {
		t.Fatalf("status %d, Retry-After %q: the form does not say to wait", w.Code, w.Header().Get("Retry-After"))
	}
	if !strings.Contains(s.get(s.draft).Body.String(), `value="Kvinnojouren i Halmstad"`) {
		t.Error("rate-limited draft lost its input")
	}
	// Editing the form is not generation and is never limited.
	if w := s.post(with(validForm(), "action", "add:social_services")); w.Code != http.StatusOK {
		t.Errorf("adding a row: %d", w.Code)
	}
	api := jsonPost(h, validJSON)
	if api.Code != http.StatusTooManyRequests {
		t.Errorf("API: %d, want 429", api.Code)
	}
	assertJSONErrors(t, api, "", "rate_limited")
}

func TestNotFoundAndMethod(t *testing.T) {
	h := newTestApp(t, nil)
	if w := do(h, httptest.NewRequest(http.MethodGet, "/nope", nil)); w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "Sidan finns inte") {
		t.Errorf("GET /nope: %d", w.Code)
	}
	if w := do(h, httptest.NewRequest(http.MethodDelete, "/", nil)); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /: %d", w.Code)
	}
	w := do(h, httptest.NewRequest(http.MethodGet, "/api/v1/nope", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("GET /api/v1/nope: %d", w.Code)
	}
	assertJSONErrors(t, w, "", "not_found")
}

func TestAssets(t *testing.T) {
	h := newTestApp(t, nil)
	for name, ct := range map[string]string{"style.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"} {
		w := do(h, httptest.NewRequest(http.MethodGet, "/static/"+name, nil))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != ct || w.Header().Get("ETag") == "" {
			t.Errorf("%s: %d %q", name, w.Code, w.Header().Get("Content-Type"))
		}
		r := httptest.NewRequest(http.MethodGet, "/static/"+name, nil)
		r.Header.Set("If-None-Match", w.Header().Get("ETag"))
		if w := do(h, r); w.Code != http.StatusNotModified {
			t.Errorf("%s revalidation: %d", name, w.Code)
		}
	}
	if w := do(h, httptest.NewRequest(http.MethodGet, "/static/../web.go", nil)); w.Code != http.StatusNotFound {
		t.Errorf("path outside static: %d", w.Code)
	}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
