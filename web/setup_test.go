package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/render/svg"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/locales"
	"infogeneratorn/templates"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	code := m.Run()
	if chromium.b.stop != nil {
		chromium.b.stop()
	}
	os.Exit(code)
}

var testDate = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

type fixture struct {
	cat    *catalog.Catalog
	topics *content.Set
	lines  *helplines.Set
	munis  *municipality.List
	cov    *lint.FontCoverage
}

var (
	fixtureOnce sync.Once
	fixtureVal  fixture
	fixtureErr  error
)

// loadFixture loads the shipped catalog, topics, help lines and
// municipalities once for all tests.
func loadFixture(t testing.TB) fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		var f fixture
		if f.cat, fixtureErr = catalog.Load(locales.FS()); fixtureErr != nil {
			return
		}
		if f.lines, fixtureErr = helplines.Load(); fixtureErr != nil {
			return
		}
		if f.topics, fixtureErr = content.Load(f.lines.Has); fixtureErr != nil {
			return
		}
		if f.cov, fixtureErr = lint.LoadCoverage(fontfiles.FS()); fixtureErr != nil {
			return
		}
		f.munis, fixtureErr = municipality.Load()
		fixtureVal = f
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureVal
}

// pipelineOpts changes how the test pipeline is built.
type pipelineOpts struct {
	requireVetted bool
	pdf           bool // add the PDF renderer to the HTML one
	// served makes the PDF renderer the one infogen serve builds: no
	// preset (see cmd/infogen's serve), every paragraph shaped once.
	served bool
}

// pdfRenderer is the PDF renderer as infogen builds it, once per test run.
var pdfRenderer = sync.OnceValues(func() (assemble.Renderer, error) { return pdf.NewEmbedded() })

// servedRenderer is the PDF renderer as infogen serve builds it.
var servedRenderer = sync.OnceValues(func() (assemble.Renderer, error) {
	return pdf.NewEmbeddedWith(pdf.EmbeddedOptions{NoPreset: true})
})

// pageRenderer draws the preview's pages on the PDF renderer's fonts and
// layout, as infogen builds it.
var pageRenderer = sync.OnceValues(func() (assemble.PageRenderer, error) {
	r, err := pdfRenderer()
	if err != nil {
		return nil, err
	}
	p := r.(*pdf.Renderer)
	return svg.New(p.Fonts(), p.Setter(), p.Memo())
})

func testPipeline(t testing.TB, o pipelineOpts) *Pipeline {
	t.Helper()
	f := loadFixture(t)
	res := resolve.New(resolve.Config{Catalog: f.cat, Topics: f.topics, HelpLines: f.lines, Municipalities: f.munis,
		RequireVetted: o.requireVetted, Version: "test", Now: func() time.Time { return testDate }})
	h, err := html.New(templates.FS())
	if err != nil {
		t.Fatal(err)
	}
	rs := []assemble.Renderer{h}
	var pages assemble.PageRenderer
	if o.pdf {
		renderer := pdfRenderer
		if o.served {
			renderer = servedRenderer
		}
		p, err := renderer()
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, p)
		if pages, err = pageRenderer(); err != nil {
			t.Fatal(err)
		}
	}
	rules := request.Rules{HasLanguage: f.cat.Has, Printable: f.cov.Printable,
		HasMunicipality: func(code string) bool { _, ok := f.munis.ByCode(code); return ok }}
	return &Pipeline{Catalog: f.cat, Topics: f.topics,
		Builder: assemble.New(assemble.Config{Resolver: res, Renderers: rs, Pages: pages, Rules: rules})}
}

// newTestApp returns the app with a fixed clock and a generous rate limit;
// mod may change the config.
func newTestApp(t testing.TB, mod func(*Config)) http.Handler {
	t.Helper()
	p := testPipeline(t, pipelineOpts{})
	cfg := Config{Pipeline: func() *Pipeline { return p }, Municipalities: loadFixture(t).munis,
		Version: "test", Now: func() time.Time { return testDate }, Rate: Rate{PerSecond: 1000, Burst: 1000}}
	if mod != nil {
		mod(&cfg)
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// getForm fetches the empty form as a browser does: "/" (or "/?lang=…")
// sends it on to a fresh /new/… address.
func getForm(h http.Handler, path string) *httptest.ResponseRecorder {
	w := do(h, httptest.NewRequest(http.MethodGet, path, nil))
	if w.Code == http.StatusSeeOther {
		w = do(h, httptest.NewRequest(http.MethodGet, w.Header().Get("Location"), nil))
	}
	return w
}

func do(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// session is one browser: it keeps the CSRF cookie and the form token.
type session struct {
	t      testing.TB
	h      http.Handler
	cookie *http.Cookie
	token  string
	lang   string
	draft  string // the draft's address once the first post made one: "/d/…"
	last   string // the page the last post was redirected to
}

var tokenRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func newSession(t testing.TB, h http.Handler) *session {
	t.Helper()
	s := &session{t: t, h: h}
	w := getForm(h, "/")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /: %d", w.Code)
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == csrfCookie {
			s.cookie = c
		}
	}
	m := tokenRE.FindStringSubmatch(w.Body.String())
	if s.cookie == nil || m == nil {
		t.Fatal("GET / set no CSRF cookie or token")
	}
	s.token = m[1]
	return s
}

// post sends the form as multipart to the session's draft (or "/" for a
// new one), with the session's cookie and token unless the values carry
// their own "csrf", and follows the redirect as a browser does: the
// answer is the page the post leads to.
func (s *session) post(v url.Values, files ...formFile) *httptest.ResponseRecorder {
	s.t.Helper()
	w := s.postRaw(v, files...)
	if w.Code != http.StatusSeeOther {
		return w
	}
	return s.get(w.Header().Get("Location"))
}

// postRaw sends the form and returns the server's answer itself.
func (s *session) postRaw(v url.Values, files ...formFile) *httptest.ResponseRecorder {
	s.t.Helper()
	body, ct := multipartBody(s.t, s.withToken(v), files...)
	path := s.draft
	if path == "" {
		path = "/"
	}
	r := httptest.NewRequest(http.MethodPost, path, body)
	r.Header.Set("Content-Type", ct)
	r.AddCookie(s.cookie)
	w := do(s.h, r)
	if w.Code == http.StatusSeeOther {
		loc := w.Header().Get("Location")
		s.last = loc
		if m := draftPathRE.FindString(loc); m != "" {
			s.draft = m
		}
	}
	return w
}

var draftPathRE = regexp.MustCompile(`^/d/[A-Za-z0-9_-]{43}`)

// get fetches a page of the app with the session's cookie (the fragment
// of the address is the browser's, not sent).
func (s *session) get(path string) *httptest.ResponseRecorder {
	s.t.Helper()
	path, _, _ = strings.Cut(path, "#")
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.AddCookie(s.cookie)
	return do(s.h, r)
}

var fileLinkRE = regexp.MustCompile(`href="(/files/[0-9a-f]{32})"`)

// download posts the form with the download action, as the check page
// does, and fetches the files the confirmation page links to. A post
// that does not lead to the confirmation is returned as its page.
func (s *session) download(v url.Values, files ...formFile) *httptest.ResponseRecorder {
	s.t.Helper()
	w := s.post(with(v, "action", "download"), files...)
	m := fileLinkRE.FindStringSubmatch(w.Body.String())
	if m == nil || !strings.Contains(s.last, "/done") {
		return w
	}
	return s.get(m[1])
}

func (s *session) withToken(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	if _, ok := out["csrf"]; !ok {
		out.Set("csrf", s.token)
	}
	return out
}

type formFile struct {
	field, name string
	data        []byte
}

func multipartBody(t testing.TB, v url.Values, files ...formFile) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range v {
		for _, x := range vs {
			if err := mw.WriteField(k, x); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// validForm is a complete order as the form posts it: Halmstad, the
// violence topic in Swedish and Arabic, a social services contact with
// opening hours and a women's shelter.
func validForm() url.Values {
	v := url.Values{}
	v.Set("ui", "sv")
	v.Set("whole", "1")
	v.Set("municipality_code", "1380")
	v["topics"] = []string{"vald"}
	v["languages"] = []string{"sv", "ar"}
	v.Set("paper", "a4")
	v.Set("output", "digital")
	v["formats"] = []string{"html"}
	v["c_role"] = []string{"social_services", "womens_shelter"}
	v["c_name"] = []string{"Socialtjänsten, Halmstads kommun", "Kvinnojouren i Halmstad"}
	v["c_phone"] = []string{"035-13 70 00", "035-12 12 12"}
	v["c_email"] = []string{"socialtjansten@halmstad.se", ""}
	v["c_web"] = []string{"https://www.halmstad.se/stod", ""}
	v["c_address"] = []string{"Stationsgatan 2, Halmstad", ""}
	v["c_hours"] = []string{"1", "0"}
	v["h_from_day"] = []string{"mon"}
	v["h_to_day"] = []string{"fri"}
	v["h_open"] = []string{"08:00"}
	v["h_close"] = []string{"16:30"}
	return v
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func jsonPost(h http.Handler, body string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/leaflets", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	return do(h, r)
}
