package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// The municipality's own links, which a leaflet may carry.
var ownLinks = []string{"https://www.halmstad.se/stod"}

var urlAttrs = []string{"href", "src", "action", "formaction", "srcset", "poster", "data", "cite", "background", "ping", "manifest", "srcdoc"}

var cssURL = regexp.MustCompile(`(?i)url\(|@import|//[a-z0-9.-]+\.[a-z]{2,}`)

// outsideRefs returns every reference in an HTML page to another host.
func outsideRefs(t *testing.T, page []byte, allowed []string) []string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			for _, a := range n.Attr {
				switch {
				case slices.Contains(urlAttrs, a.Key):
					if !sameHost(a.Val, allowed) {
						bad = append(bad, n.Data+" "+a.Key+"="+a.Val)
					}
				case a.Key == "style" && cssURL.MatchString(a.Val):
					bad = append(bad, n.Data+" style="+a.Val)
				case a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh"):
					// Only to a path of this app ("/files/…").
					content := ""
					for _, b := range n.Attr {
						if b.Key == "content" {
							content = b.Val
						}
					}
					_, target, _ := strings.Cut(strings.ToLower(content), "url=")
					if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
						bad = append(bad, "meta refresh")
					}
				}
			}
			if n.Data == "style" && n.FirstChild != nil && cssURL.MatchString(n.FirstChild.Data) {
				bad = append(bad, "style element with url() or @import")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func sameHost(ref string, allowed []string) bool {
	ref = strings.TrimSpace(ref)
	if slices.Contains(allowed, ref) || strings.HasPrefix(ref, "tel:") || strings.HasPrefix(ref, "mailto:") {
		return true
	}
	u, err := url.Parse(ref)
	return err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(ref, "//")
}

func TestNoOutsideHost(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	pages := map[string]*httptest.ResponseRecorder{}
	get := func(target string) *httptest.ResponseRecorder {
		return do(h, httptest.NewRequest(http.MethodGet, target, nil))
	}
	pages["form sv"] = getForm(h, "/")
	pages["form en"] = getForm(h, "/?lang=en")
	pages["status"] = get("/status")
	pages["not found"] = get("/nope")
	pages["form with errors"] = s.post(with(validForm(), "action", "download", "h_close", "x"))
	pages["form with a row added"] = s.post(with(validForm(), "action", "add:womens_shelter"))
	pages["form with logo"] = s.post(with(validForm(), "action", "update"), formFile{"logo", "l.png", encodePNG(testImage(8, 8))})
	prev := s.post(with(validForm(), "action", "preview", "preview_lang", "ar"))
	pages["form with preview"] = prev
	m := regexp.MustCompile(`src="(/preview/[0-9a-f]+)"`).FindStringSubmatch(prev.Body.String())
	if m == nil {
		t.Fatal("no preview")
	}
	pages["preview leaflet"] = get(m[1])
	pages["CSRF refusal"] = (&session{t: t, h: h, cookie: s.cookie, token: "x"}).post(with(validForm(), "action", "download"))
	pages["confirmation"] = s.post(with(validForm(), "action", "download", "languages", "ar"))
	pages["check page"] = s.get(s.draft + "/check")
	pages["downloaded leaflet"] = s.download(with(validForm(), "languages", "ar"))
	api := jsonPost(h, strings.Replace(validJSON, `["ar"]`, `["sv", "ar", "en"]`, 1))
	_, files := readZip(t, api.Body.Bytes())
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Type", "text/html; charset=utf-8")
			rec.Body.Write(data)
			pages["API leaflet "+name] = rec
		}
	}
	if len(pages) < 14 {
		t.Fatalf("only %d pages checked", len(pages))
	}
	for name, w := range pages {
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: not HTML (%s, %d)", name, w.Header().Get("Content-Type"), w.Code)
			continue
		}
		if bad := outsideRefs(t, w.Body.Bytes(), ownLinks); len(bad) > 0 {
			t.Errorf("%s refers to another host: %q", name, bad)
		}
		if csp := w.Header().Get("Content-Security-Policy"); strings.Contains(csp, "http") || strings.Contains(csp, "*") {
			t.Errorf("%s: CSP allows another host: %s", name, csp)
		}
	}
	for _, asset := range []string{"/static/style.css", "/static/app.js"} {
		body := get(asset).Body.String()
		if cssURL.MatchString(body) || strings.Contains(body, "http:") || strings.Contains(body, "https:") {
			t.Errorf("%s refers to another host", asset)
		}
	}
}

func TestOutsideRefsFindsThem(t *testing.T) {
	for _, page := range []string{
		`<img src="https://example.org/x.png">`,
		`<link rel="stylesheet" href="//cdn.example.org/a.css">`,
		`<script src="http://example.org/a.js"></script>`,
		`<p style="background:url(https://example.org/a.png)">`,
		`<style>@import "https://fonts.example.org/a.css";</style>`,
		`<form action="https://example.org/post"></form>`,
		`<meta http-equiv="refresh" content="0;url=https://example.org">`,
	} {
		if len(outsideRefs(t, []byte(page), nil)) == 0 {
			t.Errorf("missed %s", page)
		}
	}
	if bad := outsideRefs(t, []byte(`<a href="/x">x</a><a href="tel:+4635137000">x</a><a href="https://www.halmstad.se/stod">x</a>`), ownLinks); len(bad) > 0 {
		t.Errorf("false alarm: %q", bad)
	}
}
