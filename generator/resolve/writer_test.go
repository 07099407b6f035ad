package resolve

import (
	"reflect"
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
