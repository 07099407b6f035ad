package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/orders"
)

// kungsbackaQROrder asks for QR codes, with a phone number and a web
// address written the way people write them.
const kungsbackaQROrder = `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv","ar"],"qr":true,
 "contacts":[{"role":"social_services","name":"Socialtjänsten Kungsbacka","phone":"+46 (0)300-83 50 00","web":"www.kungsbacka.se"}]}`

// servePublic runs the orders app on a real port whose address is its
// --public-url, so that the links the QR codes carry can be followed.
func servePublic(t *testing.T) (*ordersApp, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	a := newOrdersApp(t, func(c *Config) { c.PublicURL = base })
	srv := &http.Server{Handler: a.h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return a, base
}

// postOrder saves an order through the API of a server at base.
func postOrder(t *testing.T, base, body string) orderAnswer {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/orders", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans orderAnswer
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/v1/orders: %d, %v", resp.StatusCode, err)
	}
	return ans
}

func getBody(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// decodeQR rasterises every page of a PDF (pdftoppm, 150 dpi) and reads
// the QR codes on them with a real decoder (zbarimg, zbar-tools).
func decodeQR(t *testing.T, name string, pdf []byte) []string {
	t.Helper()
	dir := t.TempDir()
	f := filepath.Join(dir, "leaflet.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-png", f, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", name, err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) == 0 {
		t.Fatalf("pdftoppm made no pages of %s", name)
	}
	// zbarimg exits 4 when it finds no code in any image: that is an
	// answer (an empty list), not a failure of the tool.
	out, err := exec.Command("zbarimg", append([]string{"--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"}, pages...)...).Output()
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 4) {
		t.Fatalf("zbarimg (zbar-tools) on %s: %v", name, err)
	}
	return strings.Fields(string(out))
}

// showsPhone reports whether an HTML leaflet shows a number, whose groups
// it keeps together with no-break spaces.
func showsPhone(html, number string) bool {
	return strings.Contains(html, strings.ReplaceAll(number, " ", "\u00a0"))
}

var htmlOpen = regexp.MustCompile(`<html lang="([^"]+)" dir="([^"]+)">`)

// TestPublicLeafletQR is the whole path of the QR code: an order made
// through the API on a server with --public-url, its print files from
// the print shop's link rasterised and their codes decoded, and each
// decoded address fetched: the HTML leaflet of that topic in that
// language. The phone number and web address the order wrote as people
// write them come back understood, in the answer and on the page.
func TestPublicLeafletQR(t *testing.T) {
	_, base := servePublic(t)
	ans := postOrder(t, base, kungsbackaQROrder)
	if len(ans.PublicURLs) != 2 || len(ans.Leaflets) != 2 {
		t.Fatalf("public pages %q for leaflets %+v", ans.PublicURLs, ans.Leaflets)
	}
	want := map[string]string{} // "topic/lang" → its public page
	for i, l := range ans.Leaflets {
		u := ans.PublicURLs[i]
		public := strings.TrimPrefix(u, base+"/l/")
		cap, rest, _ := strings.Cut(public, "/")
		if !orders.Capability(cap).Valid() || rest != l.Topic+"/"+l.Lang || strings.Contains(ans.EditURL+ans.PrintURL, cap) {
			t.Fatalf("public page %q of %s/%s beside edit %q and print %q", u, l.Topic, l.Lang, ans.EditURL, ans.PrintURL)
		}
		want[rest] = u
	}

	// The answer shows what the API understood.
	gotNorm := map[string]string{}
	for _, n := range ans.Normalized {
		gotNorm[n.Field] = n.From + " → " + n.To
	}
	if gotNorm["contacts[0].phone"] != "+46 (0)300-83 50 00 → 0300-83 50 00" || gotNorm["contacts[0].web"] != "www.kungsbacka.se → https://www.kungsbacka.se" {
		t.Errorf("normalized: %+v", ans.Normalized)
	}
	var saved struct {
		Contacts []struct{ Phone, Web string }
	}
	if err := json.Unmarshal(ans.Request, &saved); err != nil || len(saved.Contacts) != 1 ||
		saved.Contacts[0].Phone != "0300-83 50 00" || saved.Contacts[0].Web != "https://www.kungsbacka.se" {
		t.Errorf("the order as saved: %s (%v)", ans.Request, err)
	}

	// The print files, as the print shop gets them.
	resp, zipData := getBody(t, ans.PrintURL+"/bundle.zip")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("bundle: %d", resp.StatusCode)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	var m assemble.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || len(m.Files) != 2 {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	for _, mf := range m.Files {
		key := mf.Topic + "/" + mf.Lang
		codes := decodeQR(t, mf.Name, files[mf.Name])
		if len(codes) != 1 || codes[0] != want[key] {
			t.Errorf("%s: the QR codes decode to %q, want exactly %q", mf.Name, codes, want[key])
			continue
		}
		// Follow the code: the HTML leaflet of this topic in this language.
		resp, page := getBody(t, codes[0])
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s", codes[0], resp.StatusCode, resp.Header.Get("Content-Type"))
			continue
		}
		html := string(page)
		wantDir := map[string]string{"sv": "ltr", "ar": "rtl"}[mf.Lang]
		if g := htmlOpen.FindStringSubmatch(html); g == nil || g[1] != mf.Lang || g[2] != wantDir {
			t.Errorf("%s: the page opens %q, want lang %q dir %q", key, g, mf.Lang, wantDir)
		}
		if resp.Header.Get("Content-Language") != mf.Lang {
			t.Errorf("%s: Content-Language %q", key, resp.Header.Get("Content-Language"))
		}
		for _, s := range []string{`href="https://www.kungsbacka.se"`, "Kungsbacka kommun"} {
			if !strings.Contains(html, s) {
				t.Errorf("%s: the page lacks %q", key, s)
			}
		}
		if !showsPhone(html, "0300-83 50 00") {
			t.Errorf("%s: the page lacks the number 0300-83 50 00", key)
		}
		if strings.Contains(html, "+46 (0)300") || strings.Contains(html, `class="qr"`) {
			t.Errorf("%s: the page shows the number as sent, or a QR code leading to itself", key)
		}
	}
}

// TestPublicLeafletLink: what the public link opens and what it does
// not, and how long it lasts.
func TestPublicLeafletLink(t *testing.T) {
	a := newOrdersApp(t, func(c *Config) { c.PublicURL = "https://infogen.example.se" })
	ans := a.create(t, kungsbackaQROrder)
	if len(ans.PublicURLs) != 2 {
		t.Fatalf("public pages %q", ans.PublicURLs)
	}
	sv := strings.TrimPrefix(ans.PublicURLs[slices.IndexFunc(ans.Leaflets, func(l orders.Leaflet) bool { return l.Lang == "sv" })], "https://infogen.example.se")
	ar := strings.TrimPrefix(ans.PublicURLs[slices.IndexFunc(ans.Leaflets, func(l orders.Leaflet) bool { return l.Lang == "ar" })], "https://infogen.example.se")
	if !strings.HasPrefix(sv, "/l/") || !strings.HasSuffix(sv, "/vald/sv") || !strings.HasSuffix(ar, "/vald/ar") {
		t.Fatalf("public pages %q %q", sv, ar)
	}
	base := strings.TrimSuffix(sv, "/vald/sv")
	edit := strings.TrimPrefix(ans.EditURL, "https://infogen.example.se/edit/")
	print := strings.TrimPrefix(ans.PrintURL, "https://infogen.example.se/print/")

	w := a.get(sv)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", sv, w.Code, w.Body)
	}
	// Nothing from another host, nothing that runs: the policy allows
	// inline style and data: images only, and the page asks for no more.
	if csp := w.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") || strings.Contains(csp, "script") || strings.Contains(csp, "http") {
		t.Errorf("policy %q", csp)
	}
	body := w.Body.String()
	for _, bad := range []string{"<script", "<link", "<iframe", "@import", "url(http"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, src := range regexp.MustCompile(`src="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if !strings.HasPrefix(src[1], "data:") {
			t.Errorf("the page loads %q", src[1])
		}
	}

	// Guesses, the other capabilities, and leaflets not in the order are 404s.
	for _, bad := range []string{
		"/l/" + string(orders.NewCapability()) + "/vald/sv", "/l/" + edit + "/vald/sv", "/l/" + print + "/vald/sv",
		withOtherLastChar(base) + "/vald/sv", "/l/short/vald/sv", base + "/vald/ti", base + "/heder/sv", base + "/vald/../sv", base,
	} {
		if w := a.get(bad); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", bad, w.Code)
		}
	}

	// The edit side's links page lists the pages, says the codes lead
	// there, and so does the form's hint under the QR choice.
	links := a.get("/edit/" + edit + "/links").Body.String()
	for _, want := range []string{`href="https://infogen.example.se` + ar + `" hreflang="ar"`, "Till dig som utsätts för våld i en nära relation, arabiska",
		"Broschyrerna på webben", "QR-koden i broschyrerna leder hit."} {
		if !strings.Contains(links, want) {
			t.Errorf("the links page lacks %q", want)
		}
	}
	if form := getForm(a.h, "/").Body.String(); !strings.Contains(form, "Leder till samma broschyr som webbsida, på samma språk.") {
		t.Error("the form's QR hint does not say the code leads to the leaflet's web page")
	}

	// New texts show at once at the same address, and a changed
	// translation that no reviewer has approved says so.
	a.swap(pipelineWithTexts(t, func(tag string, data []byte) []byte {
		if tag != "ar.toml" {
			return data
		}
		i := bytes.Index(data, []byte(`["vald.title"]`))
		i += bytes.Index(data[i:], []byte("\nother = \""))
		j := i + 1 + bytes.Index(data[i+1:], []byte("\"\n"))
		return slices.Concat(data[:j], []byte(" جديد"), data[j:])
	}))
	w = a.get(ar)
	if h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(w.Body.String()); w.Code != http.StatusOK || h1 == nil || !strings.HasSuffix(h1[1], " جديد") {
		t.Errorf("the Arabic page after its title changed: %d %q", w.Code, h1)
	}
	if w.Header().Get("X-Leaflet-Review") != "unvetted" {
		t.Error("the changed, unapproved Arabic page is not marked unvetted")
	}

	// Under --require-vetted, the unapproved Arabic page is refused with
	// a page that says why; the Swedish source still shows.
	a.swap(testPipeline(t, pipelineOpts{pdf: true, requireVetted: true}))
	w = a.get(ar)
	if page := w.Body.String(); w.Code != http.StatusConflict || !strings.Contains(page, "<h1>Broschyren kan inte göras just nu</h1>") || strings.Contains(page, "[[") {
		t.Errorf("the unvetted Arabic page under --require-vetted: %d\n%s", w.Code, page)
	}
	if w := a.get(sv); w.Code != http.StatusOK {
		t.Errorf("the Swedish page under --require-vetted: %d", w.Code)
	}
	a.swap(testPipeline(t, pipelineOpts{pdf: true}))

	// The print link expires; the public pages stay.
	a.clock.Add(400 * 24 * time.Hour)
	if w := a.get("/print/" + print); w.Code != http.StatusGone {
		t.Fatalf("the print link a year on: %d, want 410", w.Code)
	}
	if w := a.get(ar); w.Code != http.StatusOK {
		t.Errorf("the public page a year on: %d %s", w.Code, w.Body)
	}

	// A re-order from the edit link keeps the address and shows the new
	// contacts at once; a language taken out of the order is gone.
	r := httptest.NewRequest(http.MethodPut, "/api/v1/orders/"+edit, strings.NewReader(`{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"],"qr":true,
	 "contacts":[{"role":"social_services","name":"Socialtjänsten Kungsbacka","phone":"0046 (0)300-83 50 99","web":"http://www.kungsbacka.se/stod"}]}`))
	r.Header.Set("Content-Type", "application/json")
	w = do(a.h, r)
	if w.Code != http.StatusOK {
		t.Fatalf("PUT: %d %s", w.Code, w.Body)
	}
	var st orderState
	json.Unmarshal(w.Body.Bytes(), &st)
	if len(st.PublicURLs) != 1 || !strings.HasSuffix(st.PublicURLs[0], sv) || len(st.Normalized) != 2 ||
		st.Normalized[0].To != "0300-83 50 99" || st.Normalized[1].To != "https://www.kungsbacka.se/stod" {
		t.Errorf("after the re-order: public %q, normalized %+v", st.PublicURLs, st.Normalized)
	}
	if w := a.get(sv); w.Code != http.StatusOK || !showsPhone(w.Body.String(), "0300-83 50 99") || showsPhone(w.Body.String(), "0300-83 50 00") {
		t.Errorf("the Swedish page after the re-order: %d, new number shown: %v", w.Code, showsPhone(w.Body.String(), "0300-83 50 99"))
	}
	if w := a.get(ar); w.Code != http.StatusNotFound {
		t.Errorf("the Arabic page after Arabic was taken out: %d, want 404", w.Code)
	}
	// The edit side's view of the order lists the same pages.
	var got orderState
	json.Unmarshal(a.get("/api/v1/orders/"+edit).Body.Bytes(), &got)
	if !slices.Equal(got.PublicURLs, st.PublicURLs) {
		t.Errorf("GET the order: public %q, want %q", got.PublicURLs, st.PublicURLs)
	}
}

// TestLeafletsAPINormalizes: /api/v1/leaflets understands the phone
// number and web address as the form does, on the leaflet it answers,
// and without a saved order the QR code leads to the municipality's page.
func TestLeafletsAPINormalizes(t *testing.T) {
	h := newTestApp(t, nil)
	w := jsonPost(h, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"],"formats":["html"],"qr":true,
	 "contacts":[{"role":"social_services","name":"Socialtjänsten","phone":"+46 (0)300-83 50 00","web":"www.kungsbacka.se"}]}`)
	if w.Code != http.StatusOK {
		t.Fatalf("POST /api/v1/leaflets: %d %s", w.Code, w.Body)
	}
	html := w.Body.String()
	if !strings.Contains(html, `href="https://www.kungsbacka.se"`) || !showsPhone(html, "0300-83 50 00") {
		t.Errorf("the leaflet lacks the web address or the number as understood")
	}
	qr := regexp.MustCompile(`(?s)<figure class="qr">.*?</figure>`).FindString(html)
	if !strings.Contains(qr, "https://www.kungsbacka.se") || strings.Contains(qr, "/l/") {
		t.Errorf("the QR code of an unsaved order: %s", qr)
	}
	if strings.Contains(html, "+46 (0)300") {
		t.Error("the leaflet prints the number as sent")
	}
}

// TestFormOrderQRLeadsToPublicPage: an order made in the form on a server
// with --public-url prints codes that lead to the leaflets' public pages,
// the same in the files the form hands over and in the print shop's.
func TestFormOrderQRLeadsToPublicPage(t *testing.T) {
	a := newOrdersApp(t, func(c *Config) { c.PublicURL = "http://example.com" })
	s := newSession(t, a.h)
	v := with(validForm(), "qr", "1")
	v["formats"] = []string{"pdf"}
	v["languages"] = []string{"ar"}
	if check := s.post(with(v, "action", "check")).Body.String(); !strings.Contains(check, "Ja, till samma broschyr som webbsida, på samma språk") {
		t.Error("the check page does not say where the QR code leads")
	}
	w := s.download(v)
	if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("download: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	codes := decodeQR(t, "form download", w.Body.Bytes())
	if len(codes) != 1 || !strings.HasPrefix(codes[0], "http://example.com/l/") || !strings.HasSuffix(codes[0], "/vald/ar") {
		t.Fatalf("the form's file: QR codes %q, want one public page of vald/ar", codes)
	}
	page := a.get(strings.TrimPrefix(codes[0], "http://example.com"))
	if g := htmlOpen.FindStringSubmatch(page.Body.String()); page.Code != http.StatusOK || g == nil || g[1] != "ar" || g[2] != "rtl" {
		t.Fatalf("GET %s: %d %q", codes[0], page.Code, g)
	}
	done := s.get(s.last).Body.String()
	m := printLinkRE.FindStringSubmatch(done)
	if m == nil {
		t.Fatal("the confirmation shows no print link")
	}
	files := a.get(m[1] + "/files/Halmstad_vald_arabiska_A4.pdf")
	if files.Code != http.StatusOK {
		t.Fatalf("the print file: %d", files.Code)
	}
	if got := decodeQR(t, "print file", files.Body.Bytes()); len(got) != 1 || got[0] != codes[0] {
		t.Errorf("the print shop's file leads to %q, the form's to %q", got, codes[0])
	}
}

// FuzzPublicPath asks for arbitrary public pages of a server with one
// saved order: never a panic or a 5xx, and a page only for the order's
// own public link and leaflet, 404 for everything else.
func FuzzPublicPath(f *testing.F) {
	a := newOrdersApp(f, nil)
	ans := a.create(f, `{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv"]}`)
	if len(ans.PublicURLs) != 1 {
		f.Fatalf("public pages %q", ans.PublicURLs)
	}
	public := strings.TrimPrefix(ans.PublicURLs[0], "http://example.com/l/")
	public, _, _ = strings.Cut(public, "/")
	edit := strings.TrimPrefix(ans.EditURL, "http://example.com/edit/")
	f.Add(public, "vald", "sv")
	f.Add(public, "vald", "ar")
	f.Add(public, "../vald", "sv")
	f.Add(edit, "vald", "sv")
	f.Add(public[:42]+"A", "vald", "sv")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, cap, topic, lang string) {
		w := a.get("/l/" + url.PathEscape(cap) + "/" + url.PathEscape(topic) + "/" + url.PathEscape(lang))
		own := cap == public && topic == "vald" && lang == "sv"
		switch {
		case w.Code == http.StatusOK && !own:
			t.Fatalf("%q %q %q: a page", cap, topic, lang)
		case w.Code != http.StatusOK && own:
			t.Fatalf("the order's own page: %d", w.Code)
		case w.Code != http.StatusOK && w.Code != http.StatusNotFound && w.Code != http.StatusMovedPermanently:
			t.Fatalf("%q %q %q: %d", cap, topic, lang, w.Code)
		}
	})
}
