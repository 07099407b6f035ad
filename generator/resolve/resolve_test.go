package resolve

import (
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

type fixture struct {
	cat    *catalog.Catalog
	topics *content.Set
	lines  *helplines.Set
	munis  *municipality.List
}

func newFixture(t testing.TB, fsys fs.FS) fixture {
	t.Helper()
	cat, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := helplines.Load()
	if err != nil {
		t.Fatal(err)
	}
	topics, err := content.Load(lines.Has)
	if err != nil {
		t.Fatal(err)
	}
	munis, err := municipality.Load()
	if err != nil {
		t.Fatal(err)
	}
	return fixture{cat, topics, lines, munis}
}

func (f fixture) resolver(cfg Config) *Resolver {
	cfg.Catalog, cfg.Topics, cfg.HelpLines, cfg.Municipalities = f.cat, f.topics, f.lines, f.munis
	cfg.Version = "test"
	cfg.Now = func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	return New(cfg)
}

func exampleRequest(t testing.TB) *request.Request {
	t.Helper()
	f, err := os.Open("testdata/request.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	req, err := request.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestGolden snapshots the resolved document of every topic in the source
// language, English and Arabic. Run with -update after a content change and
// read the diff.
func TestGolden(t *testing.T) {
	f := newFixture(t, locales.FS())
	r := f.resolver(Config{})
	req := exampleRequest(t)
	for _, topic := range vocab.Topics() {
		if _, ok := f.topics.Topic(topic); !ok {
			continue // drafted topics join the snapshots once structured
		}
		for _, lang := range []string{"sv", "en", "ar"} {
			if !f.cat.Has(lang) {
				continue
			}
			t.Run(string(topic)+"_"+lang, func(t *testing.T) {
				doc, err := r.Resolve(req, topic, lang)
				if err != nil {
					t.Fatal(err)
				}
				got, err := json.MarshalIndent(doc, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
				path := filepath.Join("testdata", "golden", string(topic)+"_"+lang+".json")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if string(got) != string(want) {
					t.Errorf("%s differs from the resolved document; run go test ./generator/resolve -update and review the diff", path)
				}
			})
		}
	}
}

func TestDirectionAndPhonesInRTL(t *testing.T) {
	f := newFixture(t, locales.FS())
	req := exampleRequest(t)
	doc, err := f.resolver(Config{}).Resolve(req, vocab.TopicViolence, "ar")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Dir != vocab.RTL || doc.Lang != "ar" {
		t.Errorf("ar document: dir %s lang %s", doc.Dir, doc.Lang)
	}
	phones := map[string]bool{}
	for _, b := range doc.Blocks {
		for _, c := range b.Cards {
			for _, p := range c.Phones {
				var n []document.Span
				for _, s := range p {
					if s.Kind == document.Phone {
						n = append(n, s)
					}
				}
				if len(n) != 1 || !n[0].LTR() {
					t.Errorf("phone line %q does not hold one left-to-right phone span", p.Bare())
					continue
				}
				phones[strings.ReplaceAll(n[0].Text, "\u00A0", " ")] = true
			}
		}
	}
	for _, c := range req.Contacts {
		if slices.Contains(f.topicRoles(vocab.TopicViolence), vocab.Role(c.Role)) && !phones[c.Phone] {
			t.Errorf("contact phone %s missing from the Arabic leaflet", c.Phone)
		}
	}
	if !phones["112"] || !phones["116 016"] || !phones["020-50 50 50"] {
		t.Errorf("national lines missing: %v", phones)
	}
	// The emergency number inside the notice's prose is a phone span too.
	for _, b := range doc.Blocks {
		if b.Kind != document.Notice {
			continue
		}
		if !slices.ContainsFunc(b.Text, func(s document.Span) bool { return s.Kind == document.Phone && s.Text == "112" }) {
			t.Errorf("notice %q does not carry 112 as a phone span", b.Text.Bare())
		}
		if !strings.Contains(b.Text.String(), document.LRI+"112"+document.PDI) {
			t.Errorf("notice text %q lacks LRI 112 PDI", b.Text.String())
		}
	}
}

func (f fixture) topicRoles(id vocab.TopicID) []vocab.Role {
	t, _ := f.topics.Topic(id)
	return t.Roles
}

// editedLocales copies the shipped locales, each file's bytes through
// edit.
func editedLocales(t *testing.T, edit func(path string, data []byte) []byte) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(locales.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(locales.FS(), path)
		if err != nil {
			return err
		}
		out[path] = &fstest.MapFile{Data: edit(path, data)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withoutMessage copies the shipped locales and deletes one message from one file.
func withoutMessage(t *testing.T, file, id string) fs.FS {
	t.Helper()
	return editedLocales(t, func(path string, data []byte) []byte {
		if path != file {
			return data
		}
		text := string(data)
		start := strings.Index(text, `["`+id+`"]`)
		if start < 0 {
			t.Fatalf("%s has no message %s", file, id)
		}
		end := strings.Index(text[start+1:], "\n[")
		if end < 0 {
			text = text[:start]
		} else {
			text = text[:start] + text[start+1+end+1:]
		}
		return []byte(text)
	})
}

func TestMissingMessageIsAnErrorNotSwedish(t *testing.T) {
	f := newFixture(t, withoutMessage(t, "ar.toml", "vald.intro"))
	_, err := f.resolver(Config{}).Resolve(exampleRequest(t), vocab.TopicViolence, "ar")
	var missing *catalog.MissingMessageError
	if !errors.As(err, &missing) || missing.ID != "vald.intro" || missing.Lang != "ar" {
		t.Fatalf("Resolve with vald.intro deleted from ar: %v; want MissingMessageError naming vald.intro and ar", err)
	}
}

func TestProfessionalAndUncertainLinesNeverPrinted(t *testing.T) {
	f := newFixture(t, locales.FS())
	topics, err := content.Parse(`
[[topic]]
id = "heder"
title = "vald.title"
summary = "vald.summary"
helplines = ["nch-stodtelefon", "jamstalldhetsmyndigheten-stodtelefon", "terrafem", "mind-foraldralinjen", "nodnummer"]
  [[topic.block]]
  kind = "helplines"
`, f.lines.Has)
	if err != nil {
		t.Fatal(err)
	}
	f.topics = topics
	for _, policy := range []helplines.Policy{{}, {MinConfidence: helplines.Low}} {
		doc, err := f.resolver(Config{Policy: policy}).Resolve(exampleRequest(t), vocab.TopicHonour, "sv")
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(doc)
		for _, number := range []string{"010-223", "020-390", "020-52", "020-85"} {
			if strings.Contains(string(js), number) {
				t.Errorf("policy %+v: leaflet prints %s", policy, number)
			}
		}
		if !strings.Contains(string(js), `"text":"112"`) {
			t.Errorf("policy %+v: 112 missing", policy)
		}
	}
}

// Kvinnofridslinjen prints 116 016 first and 020-50 50 50 beside it, on one
// card, in every language: a phone span each, the second with the
// locale's word for "or" around it.
func TestKvinnofridslinjenBothNumbersOneCard(t *testing.T) {
	f := newFixture(t, locales.FS())
	req := exampleRequest(t)
	for _, tag := range f.cat.Tags() {
		doc, err := f.resolver(Config{}).Resolve(req, vocab.TopicViolence, tag)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		var cards []document.Card
		for _, b := range doc.Blocks {
			for _, c := range b.Cards {
				for _, p := range c.Phones {
					for _, s := range p {
						if n := strings.ReplaceAll(s.Text, "\u00A0", " "); s.Kind == document.Phone && (n == "116 016" || n == "020-50 50 50") {
							cards = append(cards, c)
						}
					}
				}
			}
		}
		if len(cards) != 2 || !reflect.DeepEqual(cards[0], cards[1]) {
			t.Errorf("%s: 116 016 and 020-50 50 50 are not on one card: %d cards", tag, len(cards))
			continue
		}
		c := cards[0]
		if len(c.Phones) != 2 || len(c.Phones[0]) != 1 || c.Phones[0][0].Text != "116\u00A0016" {
			t.Errorf("%s: first number %q, want 116 016 alone", tag, c.Phones[0].Bare())
			continue
		}
		second := slices.IndexFunc(c.Phones[1], func(s document.Span) bool { return s.Kind == document.Phone })
		if second < 0 || c.Phones[1][second].Text != "020-50\u00A050\u00A050" || len(c.Phones[1]) < 2 {
			t.Errorf("%s: second number line %q, want a word and 020-50 50 50", tag, c.Phones[1].Bare())
		}
	}
}

type vetAll struct{}

func (vetAll) Unvetted(string, []string) []string { return nil }

type vetAllBut struct{ id string }

func (v vetAllBut) Unvetted(_ string, ids []string) []string {
	if slices.Contains(ids, v.id) {
		return []string{v.id}
	}
	return nil
}

func TestUnvettedFooterAndRequireVetted(t *testing.T) {
	f := newFixture(t, locales.FS())
	req := exampleRequest(t)

	doc, err := f.resolver(Config{Vetting: vetAll{}}).Resolve(req, vocab.TopicViolence, "ar")
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Review.Vetted || len(doc.Footer) != 1 {
		t.Errorf("all vetted: review %+v, footer %d lines", doc.Review, len(doc.Footer))
	}

	doc, err = f.resolver(Config{Vetting: vetAllBut{"vald.intro"}}).Resolve(req, vocab.TopicViolence, "ar")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Review.Vetted || !slices.Equal(doc.Review.Unvetted, []string{"vald.intro"}) {
		t.Errorf("one unvetted: review %+v", doc.Review)
	}
	ar, _ := f.cat.Locale("ar")
	sv := f.cat.Source()
	wantAR, _ := ar.Text(content.MsgUnvetted, nil)
	wantSV, _ := sv.Text(content.MsgUnvetted, nil)
	if len(doc.Footer) != 3 || doc.Footer[1].Text.Bare() != wantAR || doc.Footer[2].Text.Bare() != wantSV ||
		doc.Footer[2].Lang != "sv" || doc.Footer[2].Dir != vocab.LTR || !doc.Footer[1].Strong {
		t.Errorf("footer %+v: want the notice in Arabic, then in Swedish marked lang=sv", doc.Footer)
	}

	_, err = f.resolver(Config{Vetting: vetAllBut{"vald.intro"}, RequireVetted: true}).Resolve(req, vocab.TopicViolence, "ar")
	var ue *UnvettedError
	if !errors.As(err, &ue) || !slices.Equal(ue.IDs, []string{"vald.intro"}) || ue.Lang != "ar" {
		t.Errorf("RequireVetted: %v; want UnvettedError naming vald.intro", err)
	}
}

func TestSourceIsVettedByDefault(t *testing.T) {
	f := newFixture(t, locales.FS())
	r := f.resolver(Config{})
	req := exampleRequest(t)
	sv, err := r.Resolve(req, vocab.TopicViolence, "sv")
	if err != nil {
		t.Fatal(err)
	}
	en, err := r.Resolve(req, vocab.TopicViolence, "en")
	if err != nil {
		t.Fatal(err)
	}
	if !sv.Review.Vetted || en.Review.Vetted || len(en.Review.Unvetted) == 0 {
		t.Errorf("sv vetted=%v, en vetted=%v (%d unvetted): the source is the text, every translation a draft",
			sv.Review.Vetted, en.Review.Vetted, len(en.Review.Unvetted))
	}
}
