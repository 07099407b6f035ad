package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

const validJSON = `{
  "municipality": {"code": "1380"},
  "topics": ["vald"],
  "languages": ["ar"],
  "formats": ["html"],
  "contacts": [
    {"role": "social_services", "name": "Socialtjänsten", "phone": "035-13 70 00",
     "hours": [{"days": "mon-fri", "from": "08:00", "to": "16:30"}]},
    {"role": "womens_shelter", "name": "Kvinnojouren", "phone": "035-12 12 12"}
  ]
}`

func assertJSONErrors(t *testing.T, w *httptest.ResponseRecorder, wantField string, wantCode request.Code) apiError {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	var got apiErrors
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("body %q: %v", w.Body.String(), err)
	}
	for _, e := range got.Errors {
		if e.Field == wantField && e.Code == wantCode {
			if e.Message == "" || strings.Contains(e.Message, "[[") {
				t.Errorf("error %s has no message", e.Code)
			}
			return e
		}
	}
	t.Fatalf("no error %s at %q in %s", wantCode, wantField, w.Body.String())
	return apiError{}
}

func TestAPILeaflets(t *testing.T) {
	h := newTestApp(t, nil)
	t.Run("one leaflet as itself", func(t *testing.T) {
		w := jsonPost(h, validJSON)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("status %d %s: %s", w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
		if !strings.Contains(w.Body.String(), `<html lang="ar" dir="rtl">`) || !strings.Contains(w.Body.String(), "035-12\u00a012\u00a012") {
			t.Error("not the Arabic leaflet with the contacts")
		}
		if w.Header().Get("Content-Disposition") != "attachment; filename=vald_ar.html" {
			t.Errorf("Content-Disposition %q", w.Header().Get("Content-Disposition"))
		}
	})
	t.Run("several as a ZIP", func(t *testing.T) {
		body := strings.Replace(validJSON, `"languages": ["ar"]`, `"languages": ["sv", "ar"], "print": true, "paper": "a5"`, 1)
		w := jsonPost(h, body)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("status %d %s: %s", w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
		m, files := readZip(t, w.Body.Bytes())
		checkManifest(t, m, files, []string{"vald_sv.html", "vald_ar.html"})
		if !strings.Contains(string(files["vald_sv.html"]), "size: A5") {
			t.Error("paper a5 not carried through")
		}
	})
}

func TestAPILeafletErrors(t *testing.T) {
	h := newTestApp(t, nil)
	tests := []struct {
		name   string
		body   string
		ct     string
		status int
		field  string
		code   request.Code
	}{
		{"wrong content type", validJSON, "text/plain", 415, "", codeMediaType},
		{"form content type", "a=b", "application/x-www-form-urlencoded", 415, "", codeMediaType},
		{"not JSON", "{", "application/json", 400, "", request.CodeInvalidJSON},
		{"empty body", "", "application/json", 400, "", request.CodeInvalidJSON},
		{"unknown field", `{"langauges": ["sv"]}`, "application/json", 400, "langauges", request.CodeUnknownField},
		{"wrong type", `{"topics": "vald"}`, "application/json", 400, "topics", request.CodeInvalidJSON},
		{"trailing data", validJSON + "{}", "application/json", 400, "", request.CodeInvalidJSON},
		{"too large", `{"municipality": {"name": "` + strings.Repeat("x", request.MaxBodyBytes) + `"}}`, "application/json", 413, "", request.CodeTooLarge},
		{"invalid phone", strings.Replace(validJSON, "035-12 12 12", "035-12 12 1x", 1), "application/json", 400, "contacts[1].phone", request.CodeInvalidPhone},
		{"bidi override", strings.Replace(validJSON, "035-12 12 12", "035-12\u202e12 12", 1), "application/json", 400, "contacts[1].phone", request.CodeForbiddenChar},
		{"unknown role", strings.Replace(validJSON, "womens_shelter", "witch", 1), "application/json", 400, "contacts[1].role", request.CodeUnknownRole},
		{"unknown language", strings.Replace(validJSON, `["ar"]`, `["xx"]`, 1), "application/json", 400, "languages[0]", request.CodeUnknownLang},
		{"unknown topic", strings.Replace(validJSON, `["vald"]`, `["valdd"]`, 1), "application/json", 400, "topics[0]", request.CodeUnknownTopic},
		{"bad hours", strings.Replace(validJSON, `"16:30"`, `"16.30"`, 1), "application/json", 400, "contacts[0].hours[0].to", request.CodeInvalidTime},
		{"pdf not yet available", strings.Replace(validJSON, `["html"]`, `["pdf"]`, 1), "application/json", 400, "formats[0]", codeUnavailable},
		{"unknown format", strings.Replace(validJSON, `["html"]`, `["docx"]`, 1), "application/json", 400, "formats[0]", request.CodeUnknownFormat},
		{"municipality missing", strings.Replace(validJSON, `{"code": "1380"}`, `{}`, 1), "application/json", 400, "municipality.name", request.CodeRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/leaflets", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.ct)
			w := do(h, r)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body.String())
			}
			assertJSONErrors(t, w, tt.field, tt.code)
		})
	}
	t.Run("messages follow Accept-Language", func(t *testing.T) {
		w := jsonPost(h, strings.Replace(validJSON, "035-12 12 12", "12-ab", 1), "Accept-Language", "en")
		e := assertJSONErrors(t, w, "contacts[1].phone", request.CodeInvalidPhone)
		if !strings.HasPrefix(e.Message, "“12-ab” is not a phone number") {
			t.Errorf("message %q", e.Message)
		}
		w = jsonPost(h, strings.Replace(validJSON, "035-12 12 12", "12-ab", 1))
		if e := assertJSONErrors(t, w, "contacts[1].phone", request.CodeInvalidPhone); !strings.HasPrefix(e.Message, "”12-ab” är inte") {
			t.Errorf("message %q", e.Message)
		}
	})
	t.Run("unvetted language refused with require-vetted", func(t *testing.T) {
		p := testPipeline(t, pipelineOpts{requireVetted: true})
		h := newTestApp(t, func(c *Config) { c.Pipeline = func() *Pipeline { return p } })
		w := jsonPost(h, validJSON)
		if w.Code != http.StatusBadRequest {
			t.Fatalf("status %d", w.Code)
		}
		assertJSONErrors(t, w, "languages[0]", codeLangUnvetted)
	})
}

func TestAPIReadOnly(t *testing.T) {
	h := newTestApp(t, nil)
	get := func(target string, v any) {
		t.Helper()
		w := do(h, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", target, w.Code)
		}
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
	}
	var locs localesAnswer
	get("/api/v1/locales", &locs)
	if len(locs.Locales) < 3 || locs.Locales[0].Tag != "sv" || !locs.Locales[0].Vetted || !locs.Locales[0].Source {
		t.Errorf("locales: %+v", locs.Locales)
	}
	for _, l := range locs.Locales {
		if l.Tag == "ar" && (l.Direction != vocab.RTL || l.Native != "العربية" || l.Script != "Arab" || l.Vetted || l.Messages == 0) {
			t.Errorf("ar: %+v", l)
		}
	}
	var topics topicsAnswer
	get("/api/v1/topics?lang=en", &topics)
	if topics.Lang != "en" || len(topics.Topics) == 0 || topics.Topics[0].ID != vocab.TopicViolence || topics.Topics[0].Summary == "" {
		t.Errorf("topics: %+v", topics)
	}
	var munis municipalitiesAnswer
	get("/api/v1/municipalities", &munis)
	if len(munis.Municipalities) != 290 {
		t.Errorf("%d municipalities, want 290", len(munis.Municipalities))
	}
	get("/api/v1/municipalities?q=halm", &munis)
	if len(munis.Municipalities) != 1 || munis.Municipalities[0].Code != "1380" {
		t.Errorf("search halm: %+v", munis.Municipalities)
	}
	get("/api/v1/municipalities?q=%C3%B6&max=3", &munis)
	if len(munis.Municipalities) != 3 {
		t.Errorf("search ö max 3: %d", len(munis.Municipalities))
	}
	var hz health
	get("/healthz", &hz)
	if hz.Status != "ok" || hz.Locales != len(locs.Locales) || len(hz.Formats) == 0 {
		t.Errorf("healthz: %+v", hz)
	}
}

func TestBuildFieldErrors(t *testing.T) {
	req := &request.Request{Languages: []string{"sv", "ar"}, Formats: []string{"html", "pdf"}}
	tests := []struct {
		name string
		err  error
		want []string
		ok   bool
	}{
		{"field errors", request.FieldErrors{{Field: "topics", Code: request.CodeRequired}}, []string{"topics: required"}, true},
		{"format", &assemble.FormatUnavailableError{Format: vocab.PDF}, []string{"formats[1]: format_unavailable map[Value:PDF]"}, true},
		{"missing message, twice", errors.Join(&catalog.MissingMessageError{Lang: "ar", ID: "a"}, fmt.Errorf("wrapped: %w", &catalog.MissingMessageError{Lang: "ar", ID: "b"})),
			[]string{"languages[1]: language_incomplete map[Value:ar]"}, true},
		{"unvetted", &resolve.UnvettedError{Lang: "ar", Topic: vocab.TopicViolence}, []string{"languages[1]: language_unvetted map[Value:ar]"}, true},
		{"something else", errors.Join(&catalog.MissingMessageError{Lang: "ar"}, errors.New("disk on fire")), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := buildFieldErrors(tt.err, req)
			if ok != tt.ok {
				t.Fatalf("ok = %v", ok)
			}
			var s []string
			for _, e := range got {
				s = append(s, e.Error())
			}
			if strings.Join(s, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}
