package web

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestDraftFlow follows one draft through Post/Redirect/Get: every post
// answers 303 to the draft, which shows everything typed on reload.
func TestDraftFlow(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	w := s.postRaw(with(validForm(), "action", "add:social_services"))
	if w.Code != http.StatusSeeOther || !draftPathRE.MatchString(w.Header().Get("Location")) {
		t.Fatalf("post: %d to %q, want 303 to a draft", w.Code, w.Header().Get("Location"))
	}
	first := s.draft
	for range 2 { // reload
		body := s.get(first).Body.String()
		for _, want := range []string{`value="Kvinnojouren i Halmstad"`, `id="c2-name"`, `action="` + first + `"`} {
			if !strings.Contains(body, want) {
				t.Errorf("reloaded draft lacks %q", want)
			}
		}
	}
	if s.postRaw(with(validForm(), "action", "save")); s.draft != first {
		t.Errorf("the next post made a new draft %s, want %s", s.draft, first)
	}
	if w := s.get("/d/" + newDraftID()); w.Code != http.StatusNotFound {
		t.Errorf("unknown draft: %d, want 404", w.Code)
	}
	t.Run("save shows the private link", func(t *testing.T) {
		body := s.post(with(validForm(), "action", "save")).Body.String()
		if !strings.Contains(body, `id="edit-link">http://example.com`+first+`<`) || !strings.Contains(body, `id="saved"`) {
			t.Error("no private link after Spara")
		}
	})
	t.Run("remove offers undo", func(t *testing.T) {
		body := s.post(with(validForm(), "action", "remove:1")).Body.String()
		if strings.Contains(body, `value="Kvinnojouren i Halmstad"`) || !strings.Contains(html.UnescapeString(body), "Kontakten ”Kvinnojouren i Halmstad” är borttagen.") {
			t.Fatal("removed contact still there, or no undo")
		}
		v := validForm()
		for _, k := range []string{"c_role", "c_name", "c_phone", "c_email", "c_web", "c_address", "c_hours"} {
			v[k] = v[k][:1]
		}
		body = s.post(with(v, "action", "undo")).Body.String()
		if !strings.Contains(body, `value="Kvinnojouren i Halmstad"`) || !strings.Contains(body, `value="035-12 12 12"`) {
			t.Error("undo did not bring the contact back")
		}
	})
	t.Run("phone and web address as people write them", func(t *testing.T) {
		v := validForm()
		v["c_phone"] = []string{"+46 (0)300-83 50 00", "035-12 12 12"}
		v["c_web"] = []string{"www.kungsbacka.se", ""}
		body := html.UnescapeString(s.post(with(v, "action", "save")).Body.String())
		for _, want := range []string{`value="0300-83 50 00"`, `value="https://www.kungsbacka.se"`,
			"Skrivs i broschyren som 0300-83 50 00 (du skrev +46 (0)300-83 50 00).", `aria-describedby="c0-phone-hint c0-phone-note"`} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if strings.Contains(body, `class="error-summary"`) {
			t.Error("understood input reported as an error")
		}
	})
	t.Run("municipality typed by name", func(t *testing.T) {
		for _, typed := range []string{"Kungsbacka", "kungsbacka kommun", "Kungsbac"} {
			v := with(validForm(), "municipality_code", "", "municipality", typed)
			w := s.post(with(v, "action", "check"))
			if !strings.HasSuffix(s.last, "/check") || !strings.Contains(w.Body.String(), "Kungsbacka kommun") {
				t.Errorf("%q: at %s, the check page does not name Kungsbacka kommun", typed, s.last)
			}
		}
	})
	t.Run("errors name the contact", func(t *testing.T) {
		v := validForm()
		v["c_phone"] = []string{"035-13 70 00", "12-ab"}
		body := html.UnescapeString(s.post(with(v, "action", "check")).Body.String())
		if !strings.Contains(body, `<a href="#c1-phone">Kvinnojour, kontakt 1, telefon: ”12-ab” är inte ett telefonnummer.`) {
			t.Errorf("summary does not name the contact:\n%s", between(body, `class="error-summary"`, `</div>`))
		}
	})
}

// TestRolesByTopic: the roles the chosen topics print are in view, the
// others behind "Fler roller".
func TestRolesByTopic(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	v := validForm()
	v["topics"] = []string{"foraldraskapsstod"}
	v["c_role"], v["c_name"], v["c_phone"], v["c_email"], v["c_web"], v["c_address"], v["c_hours"] = nil, nil, nil, nil, nil, nil, nil
	v["h_from_day"], v["h_to_day"], v["h_open"], v["h_close"] = nil, nil, nil, nil
	body := s.post(with(v, "action", "save")).Body.String()
	main, more := between(body, `id="roles-main"`, `id="more-roles"`), between(body, `id="roles-more"`, `</details>`+"\n</fieldset>")
	for _, r := range []string{"parenting_support", "open_preschool", "family_counselling", "social_services"} {
		if !strings.Contains(main, `id="role-`+r+`"`) {
			t.Errorf("%s not in view", r)
		}
	}
	for _, r := range []string{"womens_shelter", "mens_centre", "youth_shelter"} {
		if !strings.Contains(body, `id="role-`+r+`"`) || strings.Contains(main, `id="role-`+r+`"`) {
			t.Errorf("%s not behind the disclosure (in more: %v)", r, strings.Contains(more, r))
		}
	}
}

// TestCheckAndDone: check your answers, then the confirmation that starts
// the download.
func TestCheckAndDone(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	body := html.UnescapeString(s.post(with(validForm(), "action", "check")).Body.String())
	if !strings.HasSuffix(s.last, "/check") {
		t.Fatalf("check led to %s", s.last)
	}
	for _, want := range []string{"Halmstads kommun", "svenska, arabiska", "Socialtjänsten: Socialtjänsten, Halmstads kommun",
		"måndag–fredag 08:00–16:30", `href="` + s.draft + `#languages"`, `value="download"`, "Du får 2 filer"} {
		if !strings.Contains(body, want) {
			t.Errorf("check page lacks %q", want)
		}
	}
	// The check page's button posts only its action: the draft is kept.
	w := s.postRaw(stripped("action", "download"))
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "/done?f=") {
		t.Fatalf("download: %d to %q", w.Code, w.Header().Get("Location"))
	}
	done := s.get(w.Header().Get("Location")).Body.String()
	m := fileLinkRE.FindStringSubmatch(done)
	if m == nil || !strings.Contains(done, `<meta http-equiv="refresh" content="0;url=`+m[1]+`">`) || !strings.Contains(done, s.draft) {
		t.Fatalf("confirmation does not start the download or lacks the private link:\n%s", done)
	}
	f := s.get(m[1])
	if f.Header().Get("Content-Type") != "application/zip" || !strings.HasPrefix(f.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("file: %s %s", f.Header().Get("Content-Type"), f.Header().Get("Content-Disposition"))
	}
	if !strings.Contains(s.get(s.draft).Body.String(), `value="Kvinnojouren i Halmstad"`) {
		t.Error("draft lost after download")
	}
}

// stripped is a post with only the CSRF token (added by the session) and
// the given fields, as the check page sends.
func stripped(kv ...string) map[string][]string {
	v := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		v[kv[i]] = []string{kv[i+1]}
	}
	return v
}

// TestTooLargeKeepsDraft: a post too large to read is refused whole, and
// its page leads back to the draft as saved.
func TestTooLargeKeepsDraft(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	s.postRaw(with(validForm(), "action", "save"))
	big := bytes.Repeat([]byte("x"), maxFormReadBytes+1)
	body, ct := multipartBody(t, with(validForm(), "csrf", s.token), formFile{"logo", "huge.png", big})
	r := httptest.NewRequest(http.MethodPost, s.draft, body)
	r.Header.Set("Content-Type", ct)
	r.AddCookie(s.cookie)
	w := do(h, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), `href="`+s.draft+`"`) {
		t.Fatalf("status %d; page does not lead back to the draft", w.Code)
	}
	if !strings.Contains(s.get(s.draft).Body.String(), `value="Kvinnojouren i Halmstad"`) {
		t.Error("draft lost")
	}
}

var printLinkRE = regexp.MustCompile(`id="print-link">http://example.com(/print/[A-Za-z0-9_-]{43})<`)
var editLinkRE = regexp.MustCompile(`id="edit-link">http://example.com(/edit/[A-Za-z0-9_-]{43})<`)

// TestFormSavesOrder: with an order store, the download saves the order
// and the confirmation gives its edit and print links; the edit link opens
// the form prefilled, and downloading again updates the same order.
func TestFormSavesOrder(t *testing.T) {
	a := newOrdersApp(t, nil)
	s := newSession(t, a.h)
	done := s.post(with(validForm(), "action", "download")).Body.String()
	pm, em := printLinkRE.FindStringSubmatch(done), editLinkRE.FindStringSubmatch(done)
	if pm == nil || em == nil {
		t.Fatalf("the confirmation lacks the links:\n%s", done)
	}
	if w := s.get(pm[1]); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Halmstad_vald_arabiska_A4.pdf") {
		t.Fatalf("print link: %d", w.Code)
	}
	w := s.get(em[1])
	if w.Code != http.StatusSeeOther || !draftPathRE.MatchString(w.Header().Get("Location")) {
		t.Fatalf("edit link: %d to %q", w.Code, w.Header().Get("Location"))
	}
	s.draft = draftPathRE.FindString(w.Header().Get("Location"))
	form := s.get(s.draft).Body.String()
	for _, want := range []string{`value="Kvinnojouren i Halmstad"`, `value="08:00"`, `value="Halmstad"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the edit link's form lacks %q", want)
		}
	}
	v := validForm()
	v["c_phone"] = []string{"035-13 70 00", "035-99 99 99"}
	done = s.post(with(v, "action", "download")).Body.String()
	if pm2 := printLinkRE.FindStringSubmatch(done); pm2 == nil || pm2[1] != pm[1] {
		t.Fatalf("re-order made another order (print link %v, was %s)", pm2, pm[1])
	}
	bundle := s.get(pm[1] + "/bundle.zip")
	_, files := readZip(t, bundle.Body.Bytes())
	if text := pdfText(t, files["Halmstad_vald_svenska_A4.pdf"]); !strings.Contains(strings.ReplaceAll(text, "\u00a0", " "), "035-99 99 99") {
		t.Error("the print link does not serve the changed contact")
	}
}
