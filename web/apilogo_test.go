package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"infogeneratorn/generator/logo/logotest"
	"infogeneratorn/generator/orders"
)

// svOrder is one Swedish A4 leaflet, for the API's logo tests.
const svOrder = `{"municipality":{"code":"1382"},"topics":["vald"],"languages":["sv"],"paper":"a4",
 "contacts":[{"role":"social_services","name":"Socialtjänsten Falkenberg","phone":"0346-88 60 00"}]`

// svOrderWithLogo is svOrder with a "logo" member.
func svOrderWithLogo(logo string) string { return svOrder + `,"logo":"` + logo + `"}` }

// pdfImageCount is how many images `pdfimages -list` finds in a PDF.
func pdfImageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return len(lines) - 2 // a heading and a rule
}

// bundlePDFs are the PDFs of an order's print link's bundle.zip.
func bundlePDFs(t *testing.T, a *ordersApp, printURL string) map[string][]byte {
	t.Helper()
	w := a.get(pathOf(t, printURL) + "/bundle.zip")
	if w.Code != http.StatusOK {
		t.Fatalf("bundle: %d %s", w.Code, w.Body)
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue
		}
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if len(out) != 1 {
		t.Fatalf("bundle holds %d PDFs, want 1", len(out))
	}
	return out
}

var logoImg = regexp.MustCompile(`<img class="logo" src="data:image/(png|jpeg);base64,`)

// An API order's logo is taken like the form's upload: checked, stored
// in the logo store (the order references it, its request holds no
// data: URL), and printed on the order's leaflets, PDF and public HTML.
func TestAPIOrderLogoReachesLeaflets(t *testing.T) {
	a := newOrdersApp(t, nil)
	png := logotest.EncodePNG(logotest.Image(240, 120))
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)

	plain := a.create(t, svOrder+"}")
	for _, pdf := range bundlePDFs(t, a, plain.PrintURL) {
		if n := pdfImageCount(t, pdf); n != 0 {
			t.Fatalf("an order without a logo prints %d images", n)
		}
	}

	ans := a.create(t, svOrderWithLogo(dataURL))
	for name, pdf := range bundlePDFs(t, a, ans.PrintURL) {
		if n := pdfImageCount(t, pdf); n != 1 {
			t.Errorf("%s: %d images, want the logo", name, n)
		}
	}
	if len(ans.PublicURLs) != 1 {
		t.Fatalf("public pages %q", ans.PublicURLs)
	}
	w := a.get(pathOf(t, ans.PublicURLs[0]))
	if w.Code != http.StatusOK || !logoImg.MatchString(w.Body.String()) {
		t.Errorf("the public page: %d, the logo shown: %v", w.Code, logoImg.MatchString(w.Body.String()))
	}
	edit := strings.TrimPrefix(pathOf(t, ans.EditURL), "/edit/")
	o, err := a.store.OrderByEdit(context.Background(), orders.Capability(edit))
	if err != nil {
		t.Fatal(err)
	}
	if o.LogoID == "" || bytes.Contains(o.Request, []byte("data:image")) {
		t.Errorf("the saved order: logo %q, request with a data: URL %v", o.LogoID, bytes.Contains(o.Request, []byte("data:image")))
	}
	if bytes.Contains(ans.Request, []byte("logo")) {
		t.Errorf("the answer repeats the logo: %s", ans.Request)
	}

	// A re-order without a logo keeps it; one with a logo replaces it.
	put := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPut, "/api/v1/orders/"+edit, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return do(a.h, r)
	}
	if w := put(svOrder + "}"); w.Code != http.StatusOK {
		t.Fatalf("PUT without a logo: %d %s", w.Code, w.Body)
	}
	if o2, _ := a.store.OrderByEdit(context.Background(), orders.Capability(edit)); o2.LogoID != o.LogoID {
		t.Errorf("PUT without a logo: logo %q, want the order's %q", o2.LogoID, o.LogoID)
	}
	if w := put(svOrderWithLogo(dataURL)); w.Code != http.StatusOK {
		t.Fatalf("PUT with a logo: %d %s", w.Code, w.Body)
	}
	o3, _ := a.store.OrderByEdit(context.Background(), orders.Capability(edit))
	if o3.LogoID == "" || o3.LogoID == o.LogoID {
		t.Errorf("PUT with a logo: logo %q, want a new one", o3.LogoID)
	}
	for name, pdf := range bundlePDFs(t, a, ans.PrintURL) {
		if n := pdfImageCount(t, pdf); n != 1 {
			t.Errorf("after PUT, %s: %d images, want the logo", name, n)
		}
	}
}

// A logo the form would refuse is refused by the order API, POST and
// PUT, naming the field "logo".
func TestAPIOrderBadLogo(t *testing.T) {
	a := newOrdersApp(t, nil)
	ans := a.create(t, svOrder+"}")
	edit := strings.TrimPrefix(pathOf(t, ans.EditURL), "/edit/")
	png := logotest.EncodePNG(logotest.Image(64, 64))
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	for _, tc := range []struct {
		name, logo string
		status     int
	}{
		{"not base64", "data:image/png;base64,!!!!", http.StatusBadRequest},
		{"no image", "data:image/png;base64," + b64([]byte("not a png at all")), http.StatusBadRequest},
		{"torn PNG", "data:image/png;base64," + b64(png[:len(png)/2]), http.StatusBadRequest},
		{"a GIF", "data:image/gif;base64," + b64([]byte("GIF89a")), http.StatusBadRequest},
		{"not a data URL", "https://example.com/logo.png", http.StatusBadRequest},
		{"too many pixels", "data:image/png;base64," + b64(logotest.EncodePNG(logotest.Image(9000, 10))), http.StatusRequestEntityTooLarge},
	} {
		for _, method := range []string{http.MethodPost, http.MethodPut} {
			path := "/api/v1/orders"
			if method == http.MethodPut {
				path += "/" + edit
			}
			r := httptest.NewRequest(method, path, strings.NewReader(svOrderWithLogo(tc.logo)))
			r.Header.Set("Content-Type", "application/json")
			w := do(a.h, r)
			var got apiErrors
			json.Unmarshal(w.Body.Bytes(), &got)
			if w.Code != tc.status || len(got.Errors) == 0 || got.Errors[0].Field != "logo" {
				t.Errorf("%s %s: %d %s, want %d naming logo", method, tc.name, w.Code, w.Body, tc.status)
			}
		}
	}
}
