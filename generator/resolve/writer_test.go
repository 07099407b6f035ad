package resolve

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// TestFixedTextsAsResolvedAnew resolves every message of every shipped
// locale through the resolver's memo of fixed texts, cold and warm, and
// without it, and wants the same text each time; a caller changing its
// copy changes nothing the next leaflet gets.
func TestFixedTextsAsResolvedAnew(t *testing.T) {
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	newWriter := func(loc *catalog.Locale, fixed *fixedTexts) *writer {
		w := &writer{loc: loc, data: map[string]any{"Municipality": "Halmstads kommun"}, script: loc.Meta().Script}
		if loc.Tag() != catalog.SourceTag && !strings.HasPrefix(loc.Tag(), catalog.SourceTag+"-") {
			w.src = cat.Source()
		}
		if fixed != nil {
			w.fixed = fixed.table(w.loc, w.src, w.script)
		}
		w.phone("Emergency", "112")
		return w
	}
	memo := &fixedTexts{}
	memoized := 0
	for _, tag := range cat.Tags() {
		loc, err := cat.Locale(tag)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range loc.IDs() {
			anew := newWriter(loc, nil).text(id)
			cold := newWriter(loc, memo).text(id)
			if !reflect.DeepEqual(cold, anew) {
				t.Errorf("%s %s: cold %#v, resolved anew %#v", tag, id, cold, anew)
			}
			if len(cold) > 0 {
				cold[0] = document.Span{Text: "changed by a caller"}
			}
			warm := newWriter(loc, memo).text(id)
			if !reflect.DeepEqual(warm, anew) {
				t.Errorf("%s %s: warm %#v, resolved anew %#v", tag, id, warm, anew)
			}
			if _, ok := newWriter(loc, memo).fixed.get(id); ok {
				memoized++
			}
		}
	}
	if memoized == 0 {
		t.Error("no message was memoized")
	}
}

// TestResolveConcurrentlyAsAlone resolves leaflets from several
// goroutines at once on one resolver, its memo cold, and wants each
// document as a resolver of its own makes it.
func TestResolveConcurrentlyAsAlone(t *testing.T) {
	f := newFixture(t, locales.FS())
	req := exampleRequest(t)
	langs := []string{"sv", "en", "ar", "fi", "th", "sv-x-lattlast"}
	shared := f.resolver(Config{})
	var wg sync.WaitGroup
	for _, topic := range vocab.Topics() {
		if _, ok := f.topics.Topic(topic); !ok {
			continue
		}
		for _, lang := range langs {
			wg.Go(func() {
				got, err := shared.Resolve(req, topic, lang)
				if err != nil {
					t.Error(err)
					return
				}
				want, err := f.resolver(Config{}).Resolve(req, topic, lang)
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s: resolved beside others differs from resolved alone", topic, lang)
				}
			})
		}
	}
	wg.Wait()
}

// withMessage copies the shipped locales and adds message id with text
// to the given files.
func withMessage(t *testing.T, id, text string, files ...string) fs.FS {
	t.Helper()
	return editedLocales(t, func(path string, data []byte) []byte {
		if slices.Contains(files, path) {
			data = append(data, "\n[\""+id+"\"]\nother = \""+text+"\"\n"...)
		}
		return data
	})
}

// TestFixedTextsOnlyWithoutMarkers resolves made-up fixed texts through
// the memo and anew: a text holding a phone marker depends on the
// leaflet's phones and is never memoized; a text in decomposed form is
// memoized normalized, as resolved anew.
func TestFixedTextsOnlyWithoutMarkers(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		lang       string
		wantMemo   bool
		wantPhones int
	}{
		{"plain", "Ring oss", "en", true, 0},
		{"decomposed", "Cafe\u0301 (Socialtja\u0308nsten)", "en", true, 0},
		{"phone marker", "Ring " + markerOpen + "Emergency" + markerClose, "en", false, 1},
		{"phone marker, arabic", "اتصل " + markerOpen + "Emergency" + markerClose, "ar", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := catalog.Load(withMessage(t, "test.extra", tt.text, "sv.toml", tt.lang+".toml"))
			if err != nil {
				t.Fatal(err)
			}
			loc, err := cat.Locale(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			memo := &fixedTexts{}
			newWriter := func(fixed *fixedTexts) *writer {
				w := &writer{loc: loc, src: cat.Source(), data: map[string]any{"Municipality": "Halmstads kommun"}, script: loc.Meta().Script}
				if fixed != nil {
					w.fixed = fixed.table(w.loc, w.src, w.script)
				}
				w.phone("Emergency", "112")
				return w
			}
			anew := newWriter(nil).text("test.extra")
			for _, pass := range []string{"cold", "warm"} {
				w := newWriter(memo)
				if got := w.text("test.extra"); !reflect.DeepEqual(got, anew) {
					t.Errorf("%s: %#v, resolved anew %#v", pass, got, anew)
				}
				if _, memoized := w.fixed.get("test.extra"); memoized != tt.wantMemo {
					t.Errorf("%s: memoized %v, want %v", pass, memoized, tt.wantMemo)
				}
			}
			phones := 0
			for _, s := range anew {
				if s.Kind == document.Phone {
					phones++
				}
			}
			if phones != tt.wantPhones {
				t.Errorf("%d phone spans in %#v, want %d", phones, anew, tt.wantPhones)
			}
		})
	}
}
