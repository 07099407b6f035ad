package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/sqlitestore"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/locales"
	"infogeneratorn/templates"
)

// falkenbergOrder is the order of the issue: Falkenberg, both topics,
// Swedish and Arabic, three contacts.
const falkenbergOrder = `{"municipality":{"code":"1382"},"topics":["vald","foraldraskapsstod"],"languages":["sv","ar"],"paper":"a4",
 "formats":["html"],
 "contacts":[{"role":"social_services","name":"Socialtjänsten Falkenberg","phone":"0346-88 60 00","web":"https://www.falkenberg.se"},
  {"role":"social_emergency","name":"Socialjouren","phone":"0346-88 60 01"},
  {"role":"womens_shelter","name":"Kvinnojouren Falkenberg","phone":"0346-100 00"}]}`

// ordersClock is the test's time, shared by the app and its store.
type ordersClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *ordersClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *ordersClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type ordersApp struct {
	h     http.Handler
	store orders.Store
	clock *ordersClock
	pipe  *Pipeline // swapped by tests that change the texts
	mu    sync.Mutex
}

func (a *ordersApp) current() *Pipeline { a.mu.Lock(); defer a.mu.Unlock(); return a.pipe }
func (a *ordersApp) swap(p *Pipeline)   { a.mu.Lock(); a.pipe = p; a.mu.Unlock() }

// newOrdersApp is the app with PDF, an SQLite store in a temporary
// folder and a settable clock.
func newOrdersApp(t testing.TB, mod func(*Config)) *ordersApp {
	t.Helper()
	a := &ordersApp{clock: &ordersClock{t: testDate}, pipe: testPipeline(t, pipelineOpts{pdf: true})}
	st, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "orders.db"), orders.Options{Now: a.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a.store = st
	cfg := Config{Pipeline: a.current, Municipalities: loadFixture(t).munis, Version: "test", Now: a.clock.Now,
		Rate: Rate{PerSecond: 1000, Burst: 1000}, Orders: st, PrintDays: 30}
	if mod != nil {
		mod(&cfg)
	}
	if a.h, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *ordersApp) get(path string) *httptest.ResponseRecorder {
	return do(a.h, httptest.NewRequest(http.MethodGet, path, nil))
}

func (a *ordersApp) create(t testing.TB, body string) orderAnswer {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/api/v1/orders", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := do(a.h, r)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST /api/v1/orders: %d %s", w.Code, w.Body)
	}
	var ans orderAnswer
	if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

func pathOf(t testing.TB, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Host != "example.com" || u.Scheme != "http" {
		t.Fatalf("link %q is not absolute on the request's host", raw)
	}
	return u.Path
}

// pdfPages is what pdfinfo says of a PDF's page count and PDF/X subtype.
func pdfPages(t *testing.T, data []byte) (int, string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, data, 0o600)
	out, err := exec.Command("pdfinfo", f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo names no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	sub := regexp.MustCompile(`(?m)^PDF subtype:\s+(\S+)`).FindSubmatch(out)
	if sub == nil {
		return n, ""
	}
	return n, string(sub[1])
}

func TestOrderPrintLink(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, falkenbergOrder)
	if !orders.ValidID(ans.ID) || !ans.PrintExpires.Equal(testDate.AddDate(0, 0, 30)) {
		t.Errorf("answer %+v", ans)
	}
	edit, print := pathOf(t, ans.EditURL), pathOf(t, ans.PrintURL)
	if !strings.HasPrefix(edit, "/edit/") || !strings.HasPrefix(print, "/print/") ||
		!orders.Capability(strings.TrimPrefix(print, "/print/")).Valid() {
		t.Fatalf("links %q %q", edit, print)
	}

	// The sheet: Swedish and English, every leaflet with its facts.
	w := a.get(print)
	if w.Code != http.StatusOK {
		t.Fatalf("GET print link: %d %s", w.Code, w.Body)
	}
	sheet := w.Body.String()
	for _, want := range []string{"Beställning av trycksaker", "Print order", "Falkenbergs kommun",
		"Till dig som utsätts för våld i en nära relation", "If you are subjected to violence", "arabiska", "Arabic", "PDF/X", "Utfall", "Bleed",
		"Falkenberg_vald_arabiska_A4.pdf", "Falkenberg_foraldraskapsstod_svenska_A4.pdf", print + "/bundle.zip"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	if strings.Contains(sheet, "[[") {
		t.Error("the sheet shows a missing UI message")
	}

	// The bundle: the four print files, named for people, with the pages
	// the sheet says, as pdfinfo counts them.
	w = a.get(print + "/bundle.zip")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/zip" ||
		!strings.Contains(w.Header().Get("Content-Disposition"), "Falkenberg_tryckfiler_2026-11-25.zip") {
		t.Fatalf("bundle: %d %v", w.Code, w.Header())
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		pages, pdfx := pdfPages(t, data)
		row := regexp.MustCompile(regexp.QuoteMeta(f.Name) + `</a>(?s:.*?)<td>(\d+)</td>\s*<td>A4</td>\s*<td>([^<]+)</td>\s*<td>3 mm</td>`).FindStringSubmatch(sheet)
		if row == nil || row[1] != strconv.Itoa(pages) || row[2] != pdfx || pdfx == "" {
			t.Errorf("%s: pdfinfo counts %d pages of %q, the sheet says %q", f.Name, pages, pdfx, row)
		}
	}
	slices.Sort(names)
	want := []string{"Falkenberg_foraldraskapsstod_arabiska_A4.pdf", "Falkenberg_foraldraskapsstod_svenska_A4.pdf",
		"Falkenberg_vald_arabiska_A4.pdf", "Falkenberg_vald_svenska_A4.pdf", "manifest.json"}
	if !slices.Equal(names, want) {
		t.Errorf("bundle holds %v, want %v", names, want)
	}

	// One file.
	w = a.get(print + "/files/Falkenberg_vald_arabiska_A4.pdf")
	if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) ||
		!strings.Contains(w.Header().Get("Content-Disposition"), "Falkenberg_vald_arabiska_A4.pdf") {
		t.Errorf("one file: %d %v", w.Code, w.Header())
	}
	for _, bad := range []string{print + "/files/Falkenberg_vald_tigrinja_A4.pdf", print + "/files/..%2f..%2fetc",
		"/print/" + string(orders.NewCapability()), "/print/short", "/print/" + string(orders.NewCapability()) + "/bundle.zip",
		withOtherLastChar(edit) + "/links"} {
		if w := a.get(bad); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", bad, w.Code)
		}
	}
	// The edit link is not a print link.
	if w := a.get("/print/" + strings.TrimPrefix(edit, "/edit/")); w.Code != http.StatusNotFound {
		t.Errorf("the edit capability as a print link: %d", w.Code)
	}
}

func TestOrderPrintLinkExpires(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"]}`)
	print, edit := pathOf(t, ans.PrintURL), pathOf(t, ans.EditURL)
	a.clock.Add(30 * 24 * time.Hour)
	w := a.get(print)
	if w.Code != http.StatusGone || !strings.Contains(w.Body.String(), "2026-12-25") || !strings.Contains(w.Body.String(), "gick ut") {
		t.Fatalf("expired link: %d %s", w.Code, w.Body)
	}
	if w := a.get(print + "/bundle.zip"); w.Code != http.StatusGone {
		t.Errorf("expired bundle: %d", w.Code)
	}
	// The edit side still shows the links and extends the print link.
	w = a.get(edit + "/links")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), ans.PrintURL) || !strings.Contains(w.Body.String(), "gick ut 2026-12-25") {
		t.Fatalf("links page: %d %s", w.Code, w.Body)
	}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/orders/"+strings.TrimPrefix(edit, "/edit/")+"/extend", nil)
	w = do(a.h, r)
	var st orderState
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &st) != nil || !st.PrintExpires.Equal(a.clock.Now().AddDate(0, 0, 30)) {
		t.Fatalf("extend: %d %s", w.Code, w.Body)
	}
	if w := a.get(print); w.Code != http.StatusOK {
		t.Errorf("after extending: %d", w.Code)
	}
}

func TestOrderExtendFromTheLinksPage(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"]}`)
	edit := pathOf(t, ans.EditURL)
	sess := newSession(t, a.h)
	post := func(token string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, edit+"/extend?lang=en", strings.NewReader(url.Values{"csrf": {token}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(sess.cookie)
		return do(a.h, r)
	}
	if w := post("forged"); w.Code != http.StatusForbidden {
		t.Errorf("extend without a valid token: %d", w.Code)
	}
	a.clock.Add(10 * 24 * time.Hour)
	w := post(sess.token)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != edit+"/links?extended=1&lang=en" {
		t.Fatalf("extend: %d %v", w.Code, w.Header())
	}
	// 30 days from the old expiry (still in the future), not from now.
	if w := a.get(w.Header().Get("Location")); !strings.Contains(w.Body.String(), "now valid until 2027-01-24") {
		t.Errorf("after extending: %s", w.Body)
	}
}

func TestOrderRefusesWhatLeafletsRefuses(t *testing.T) {
	a := newOrdersApp(t, nil)
	tests := []struct {
		name, ct, body string
		status         int
		field          string
	}{
		{"unknown language", "application/json", `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["xx"]}`, 400, "languages[0]"},
		{"no topics", "application/json", `{"municipality":{"code":"1384"},"languages":["sv"]}`, 400, "topics"},
		{"unknown field", "application/json", `{"municipality":{"code":"1384"},"topic":["vald"]}`, 400, "topic"},
		{"not JSON", "text/plain", `x`, 415, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/orders", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", tc.ct)
			w := do(a.h, r)
			var errs apiErrors
			json.Unmarshal(w.Body.Bytes(), &errs)
			if w.Code != tc.status || len(errs.Errors) == 0 || errs.Errors[0].Field != tc.field {
				t.Errorf("%d %s, want %d naming %q", w.Code, w.Body, tc.status, tc.field)
			}
		})
	}
}

// TestOrderSheetSaysWhatChanged changes the Arabic texts after an order:
// the sheet marks the Arabic leaflets as new versions, the version of the
// order as superseded, and leaves the Swedish ones alone.
func TestOrderSheetSaysWhatChanged(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, `{"municipality":{"code":"1382"},"topics":["vald"],"languages":["sv","ar"]}`)
	print := pathOf(t, ans.PrintURL)
	if w := a.get(print); strings.Contains(w.Body.String(), "Ny version sedan beställningen") {
		t.Fatal("a fresh order is marked changed")
	}
	a.swap(pipelineWithTexts(t, func(tag string, data []byte) []byte {
		if tag != "ar.toml" {
			return data
		}
		// Append a word to the Arabic title of the violence leaflet.
		i := bytes.Index(data, []byte(`["vald.title"]`))
		if i < 0 {
			t.Fatal("no vald.title in ar.toml")
		}
		i += bytes.Index(data[i:], []byte("\nother = \""))
		j := i + 1 + bytes.Index(data[i+1:], []byte("\"\n"))
		return slices.Concat(data[:j], []byte(" جديد"), data[j:])
	}))
	w := a.get(print)
	body := w.Body.String()
	arRow := regexp.MustCompile(`Falkenberg_vald_arabiska_A4\.pdf</a><br><span class="status unvetted">Ny version sedan beställningen`)
	svRow := regexp.MustCompile(`Falkenberg_vald_svenska_A4\.pdf</a><br>`)
	if w.Code != http.StatusOK || !arRow.MatchString(body) || svRow.MatchString(body) ||
		!strings.Contains(body, "Texterna i 1 av broschyrerna har ändrats") || !strings.Contains(body, "superseded") {
		t.Errorf("after the Arabic text changed: %d\n%s", w.Code, body)
	}
}

// pipelineWithTexts is the test pipeline on the shipped locales with
// edit applied to each file.
func pipelineWithTexts(t *testing.T, edit func(name string, data []byte) []byte) *Pipeline {
	t.Helper()
	mfs := fstest.MapFS{}
	err := fs.WalkDir(locales.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(locales.FS(), path)
		if err != nil {
			return err
		}
		mfs[path] = &fstest.MapFile{Data: edit(path, data)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(mfs)
	if err != nil {
		t.Fatal(err)
	}
	f := loadFixture(t)
	res := resolve.New(resolve.Config{Catalog: cat, Topics: f.topics, HelpLines: f.lines, Municipalities: f.munis,
		Version: "test", Now: func() time.Time { return testDate }})
	p, err := pdfRenderer()
	if err != nil {
		t.Fatal(err)
	}
	h, err := html.New(templates.FS())
	if err != nil {
		t.Fatal(err)
	}
	rs := []assemble.Renderer{h, p}
	rules := request.Rules{HasLanguage: cat.Has,
		HasMunicipality: func(code string) bool { _, ok := f.munis.ByCode(code); return ok }}
	return &Pipeline{Catalog: cat, Topics: f.topics, Builder: assemble.New(assemble.Config{Resolver: res, Renderers: rs, Rules: rules})}
}

// brokenLogos hands back bytes that pass the store's checksum but are no PNG.
type brokenLogos struct{ orders.Store }

func (b brokenLogos) Logo(ctx context.Context, id string) (orders.Logo, error) {
	return orders.Logo{Data: []byte("\x89PNG\r\n\x1a\nnot really"), Width: 10, Height: 10}, nil
}

func TestDamagedStoredLogoIsAClearError(t *testing.T) {
	a := newOrdersApp(t, nil)
	broken := storeLogos{st: brokenLogos{a.store}}
	id, err := broken.Put(context.Background(), "c", Logo{Data: encodePNG(testImage(10, 10)), Width: 10, Height: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, err = broken.Get(context.Background(), id)
	var damaged *orders.DamagedLogoError
	if !asDamaged(err, &damaged) || damaged.ID != id {
		t.Fatalf("a stored logo that is no PNG: %v", err)
	}
	h, err := New(Config{Pipeline: a.current, Municipalities: loadFixture(t).munis, Version: "test",
		Orders: a.store, Logos: broken})
	if err != nil {
		t.Fatal(err)
	}
	w := do(h, httptest.NewRequest(http.MethodGet, "/logo/"+id, nil))
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "Den sparade logotypen går inte längre att läsa") {
		t.Errorf("GET a damaged logo: %d %s", w.Code, w.Body)
	}
}

func asDamaged(err error, d **orders.DamagedLogoError) bool {
	e, ok := err.(*orders.DamagedLogoError)
	*d = e
	return ok
}

// TestOrderReorder changes a saved order through its edit link: the
// same links then give the new order.
func TestOrderReorder(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"]}`)
	edit, print := strings.TrimPrefix(pathOf(t, ans.EditURL), "/edit/"), pathOf(t, ans.PrintURL)
	a.clock.Add(24 * time.Hour)
	put := func(cap, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPut, "/api/v1/orders/"+cap, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return do(a.h, r)
	}
	w := put(edit, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv","ti"]}`)
	var st orderState
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &st) != nil || len(st.Leaflets) != 2 ||
		!st.Updated.Equal(a.clock.Now()) || st.PrintURL != ans.PrintURL {
		t.Fatalf("PUT: %d %s", w.Code, w.Body)
	}
	if body := a.get(print).Body.String(); !strings.Contains(body, "Kungsbacka_vald_tigrinja_A4.pdf") || strings.Contains(body, "Ny version") {
		t.Errorf("the print link after the re-order:\n%s", body)
	}
	if w := put(edit, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["xx"]}`); w.Code != http.StatusBadRequest {
		t.Errorf("an invalid re-order: %d", w.Code)
	}
	if w := put(string(orders.NewCapability()), `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"]}`); w.Code != http.StatusNotFound {
		t.Errorf("a re-order with a guessed link: %d", w.Code)
	}
}

// withOtherLastChar returns s with its last character changed, so that a
// guessed link never equals the real one by chance.
func withOtherLastChar(s string) string {
	last := byte('A')
	if s[len(s)-1] == last {
		last = 'B'
	}
	return s[:len(s)-1] + string(last)
}
