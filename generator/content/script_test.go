package content_test

import (
	"strings"
	"testing"
	"unicode"

	"infogeneratorn/generator/catalog"
)

// scriptTables maps the ISO 15924 codes of locales.toml to Unicode's
// script tables.
var scriptTables = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin,
	"Arab": unicode.Arabic,
	"Hebr": unicode.Hebrew,
	"Ethi": unicode.Ethiopic,
	"Thai": unicode.Thai,
	"Cyrl": unicode.Cyrillic,
}

// words splits text into runs of letters and combining marks.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r)
	})
}

// foreign reports whether word has a letter of a script other than table
// (Common and Inherited characters belong to every script).
func foreign(table *unicode.RangeTable, word string) bool {
	return strings.ContainsFunc(word, func(r rune) bool {
		return unicode.IsLetter(r) && !unicode.Is(table, r) && !unicode.In(r, unicode.Common, unicode.Inherited)
	})
}

// properNames returns the words of the Swedish names every locale keeps
// (the keep-list's "*" identical messages: Kvinnofridslinjen, Välj att
// sluta …), lower-cased.
func (f fixture) properNames() map[string]bool {
	src := f.cat.Source()
	out := map[string]bool{}
	for _, id := range src.IDs() {
		if !f.keep.Allows("*", id) {
			continue
		}
		m, _ := src.Message(id)
		for _, w := range words(m.Forms[catalog.Other]) {
			out[strings.ToLower(w)] = true
		}
	}
	return out
}

// TestScript: every message is written in its locale's script. Letters of
// another script may appear only in placeholders (filled with the
// municipality's own names), in the proper names of help lines, and in
// the Swedish terms of the keep-list that a translation gives in brackets.
func TestScript(t *testing.T) {
	f := load(t)
	names := f.properNames()
	for _, tag := range f.cat.Tags() {
		loc, _ := f.cat.Locale(tag)
		table := scriptTables[loc.Meta().Script]
		if table == nil {
			t.Errorf("%s: script %q has no Unicode table in this test", tag, loc.Meta().Script)
			continue
		}
		for _, id := range loc.IDs() {
			m, _ := loc.Message(id)
			for form, s := range m.Forms {
				for _, w := range words(placeholderRE.ReplaceAllString(s, " ")) {
					if foreign(table, w) && !names[strings.ToLower(w)] && !f.keep.AllowsWord(tag, w) {
						t.Errorf("%s %s (%s): %q is not in %s script, nor a kept name or Swedish term", tag, id, form, w, loc.Meta().Script)
					}
				}
			}
		}
	}
}

// TestScriptCheckCatchesCopies proves the check is not vacuous: an Arabic
// text with an untranslated Swedish word, or a Cyrillic look-alike in a
// Latin text, is caught; a kept term in brackets is not.
func TestScriptCheckCatchesCopies(t *testing.T) {
	cases := []struct {
		name   string
		script string
		text   string
		bad    bool
	}{
		{"arabic with a swedish word", "Arab", "يمكنك الاتصال بـ hjälp", true},
		{"arabic with a kept term", "Arab", "الخدمات الاجتماعية (socialtjänsten)", false},
		{"latin with a cyrillic a", "Latn", "Cаll the police", true},
		{"persian with zwnj", "Arab", "می\u200cتوانید", false},
		{"ethiopic with word space", "Ethi", "ሰላም፡ዓለም።", false},
	}
	f := load(t)
	names := f.properNames()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := false
			for _, w := range words(c.text) {
				if foreign(scriptTables[c.script], w) && !names[strings.ToLower(w)] && !f.keep.AllowsWord("ar", w) {
					bad = true
				}
			}
			if bad != c.bad {
				t.Errorf("%q in %s: flagged %v, want %v", c.text, c.script, bad, c.bad)
			}
		})
	}
}
