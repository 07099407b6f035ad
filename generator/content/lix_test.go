package content_test

import (
	"strings"
	"testing"
	"unicode"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/vocab"
)

// lix is the Swedish readability index (Björnsson 1968): words per
// sentence plus the percentage of long words (more than six letters).
// Below 30 is very easy, 30–40 easy (simple fiction, plain-language
// information), 40–50 average, above 50 hard.
type lix struct {
	Words, Sentences, Long int
}

func (l lix) Value() float64 {
	if l.Words == 0 || l.Sentences == 0 {
		return 0
	}
	return float64(l.Words)/float64(l.Sentences) + 100*float64(l.Long)/float64(l.Words)
}

// add counts one message: a word is a run of letters and digits (a hyphen
// inside a word keeps it whole); a sentence ends at . ! ? or : before a
// space or the end. A heading, title or list item without final
// punctuation is one sentence.
func (l *lix) add(text string) {
	sentences, open := 0, false
	for _, w := range strings.Fields(text) {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" {
			continue
		}
		l.Words++
		letters := 0
		for _, r := range core {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters > 6 {
			l.Long++
		}
		open = true
		if strings.ContainsAny(w[len(w)-1:], ".!?:") {
			sentences++
			open = false
		}
	}
	if open {
		sentences++
	}
	l.Sentences += sentences
}

// topicLix measures a topic's own text as the leaflet prints it: the
// title and every block's messages, with {{.Emergency}} read as "112".
func (f fixture) topicLix(t *testing.T, loc *catalog.Locale, id vocab.TopicID) lix {
	t.Helper()
	topic, _ := f.set.Topic(id)
	ids := []string{topic.Title}
	for _, b := range topic.Blocks {
		if b.Msg != "" {
			ids = append(ids, b.Msg)
		}
		ids = append(ids, b.Msgs...)
	}
	var l lix
	for _, mid := range ids {
		m, ok := loc.Message(mid)
		if !ok {
			t.Fatalf("%s: %s missing", loc.Tag(), mid)
		}
		l.add(strings.ReplaceAll(m.Forms[catalog.Other], "{{.Emergency}}", "112"))
	}
	return l
}

func TestLixCounts(t *testing.T) {
	cases := []struct {
		text                   string
		words, sentences, long int
	}{
		{"Du är inte ensam.", 4, 1, 0},
		{"Våld i nära relationer", 4, 1, 1},
		{"Är du i fara? Ring 112.", 6, 2, 0},
		{"Fysiskt våld: någon slår dig.", 5, 2, 1},
		{"Tjej- och ungdomsjouren", 3, 1, 1},
	}
	for _, c := range cases {
		var l lix
		l.add(c.text)
		if l.Words != c.words || l.Sentences != c.sentences || l.Long != c.long {
			t.Errorf("%q: %+v, want %d words, %d sentences, %d long", c.text, l, c.words, c.sentences, c.long)
		}
	}
}

// TestLix: the standard Swedish text of each topic has LIX at most 40 and
// fits one A4 page (at most 350 words of its own text besides the contact
// and help-line cards); the lätt svenska rewrite has LIX at most 30.
func TestLix(t *testing.T) {
	f := load(t)
	limits := []struct {
		tag      string
		maxLix   float64
		maxWords int
	}{
		{catalog.SourceTag, 40, 350},
		{"sv-x-lattlast", 30, 350},
	}
	for _, lim := range limits {
		loc, err := f.cat.Locale(lim.tag)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range vocab.Topics() {
			l := f.topicLix(t, loc, id)
			t.Logf("%-14s %-18s LIX %4.1f  (%d words, %d sentences, %d long words)", lim.tag, id, l.Value(), l.Words, l.Sentences, l.Long)
			if l.Value() > lim.maxLix {
				t.Errorf("%s %s: LIX %.1f, want at most %.0f", lim.tag, id, l.Value(), lim.maxLix)
			}
			if l.Words > lim.maxWords {
				t.Errorf("%s %s: %d words, more than one A4 page (%d)", lim.tag, id, l.Words, lim.maxWords)
			}
		}
	}
}
