package content_test

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"infogeneratorn/fonts"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// localesDir is the checked-out locales directory; the keep-list
// (approvals/keep.toml) is not embedded, so the checks read it from here.
const localesDir = "../../locales"

type fixture struct {
	set   *content.Set
	cat   *catalog.Catalog
	lines *helplines.Set
	keep  *lint.Keep
}

func load(t *testing.T) fixture {
	t.Helper()
	lines, err := helplines.Load()
	if err != nil {
		t.Fatal(err)
	}
	set, err := content.Load(lines.Has)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	keep, diags := lint.LoadKeep(os.DirFS(localesDir))
	for _, d := range diags {
		t.Fatal(d)
	}
	return fixture{set: set, cat: cat, lines: lines, keep: keep}
}

// pair is one form of a translated message beside the Swedish text it
// translates.
type pair struct {
	lang, id string
	form     catalog.Form
	text     string
	source   string
}

// pairs returns every form of every message of every shipped locale but
// the source, with its Swedish text.
func (f fixture) pairs() []pair {
	src := f.cat.Source()
	var out []pair
	for _, tag := range f.cat.Tags() {
		if tag == catalog.SourceTag {
			continue
		}
		loc, _ := f.cat.Locale(tag)
		for _, id := range loc.IDs() {
			m, _ := loc.Message(id)
			sm, ok := src.Message(id)
			if !ok {
				continue // reported by TestCompleteness
			}
			for _, form := range formsOf(m) {
				out = append(out, pair{lang: tag, id: id, form: form, text: m.Forms[form], source: sourceText(sm, form)})
			}
		}
	}
	return out
}

// sourceText is the Swedish text a form of a translation is measured
// against: the same plural form, or "other" where Swedish has no such form.
func sourceText(src catalog.Message, form catalog.Form) string {
	if s, ok := src.Forms[form]; ok {
		return s
	}
	return src.Forms[catalog.Other]
}

var placeholderRE = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

// placeholders returns the template actions of every form, normalised
// and sorted, once each.
func placeholders(m catalog.Message) []string {
	var out []string
	for _, s := range m.Forms {
		for _, p := range placeholderRE.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, p[1]) {
				out = append(out, p[1])
			}
		}
	}
	slices.Sort(out)
	return out
}

func formsOf(m catalog.Message) []catalog.Form {
	var out []catalog.Form
	for _, f := range catalog.Forms() {
		if _, ok := m.Forms[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// TestEveryTopicHasAStructure: a topic of the vocabulary without a
// structure cannot be ordered.
func TestEveryTopicHasAStructure(t *testing.T) {
	f := load(t)
	for _, id := range vocab.Topics() {
		if _, ok := f.set.Topic(id); !ok {
			t.Errorf("topic %q has no structure in topics.toml", id)
		}
	}
}

// TestViolenceTopicsSayWhenToCallTheEmergencyNumber: every violence topic
// has a notice, near the top, that names the emergency number through the
// {{.Emergency}} placeholder (the digits come from the help-line data).
func TestViolenceTopicsSayWhenToCallTheEmergencyNumber(t *testing.T) {
	f := load(t)
	src := f.cat.Source()
	for _, id := range vocab.Topics() {
		if id == vocab.TopicParentingSupport {
			continue
		}
		topic, _ := f.set.Topic(id)
		found := -1
		for i, b := range topic.Blocks {
			m, _ := src.Message(b.Msg)
			if b.Kind == content.Notice && strings.Contains(m.Forms[catalog.Other], "{{.Emergency}}") {
				found = i
				break
			}
		}
		if found < 0 || found > 2 {
			t.Errorf("%s: no notice with {{.Emergency}} among the first three blocks", id)
		}
		if !slices.Contains(topic.HelpLines, "nodnummer") {
			t.Errorf("%s: does not print the emergency number's card", id)
		}
	}
}

// completeness lists what a locale lacks: messages any leaflet prints
// that are missing, placeholders that differ from the source's, plural
// forms the locale's rules need (and no others), and messages no leaflet
// prints.
func completeness(set *content.Set, src, loc *catalog.Locale) []string {
	var out []string
	all := set.AllMessages()
	for _, id := range all {
		sm, ok := src.Message(id)
		if !ok {
			out = append(out, id+": missing in the Swedish source")
			continue
		}
		m, ok := loc.Message(id)
		if !ok {
			out = append(out, id+": missing")
			continue
		}
		if got, want := placeholders(m), placeholders(sm); !slices.Equal(got, want) {
			out = append(out, fmt.Sprintf("%s: placeholders %q, the source has %q", id, got, want))
		}
		want := []catalog.Form{catalog.Other}
		if len(sm.Forms) > 1 {
			want = loc.PluralForms()
		}
		if got := formsOf(m); !slices.Equal(got, want) {
			out = append(out, fmt.Sprintf("%s: plural forms %q, the locale's rules need %q", id, got, want))
		}
	}
	for _, id := range loc.IDs() {
		if !slices.Contains(all, id) {
			out = append(out, id+": no leaflet prints this message (stale, or missing from topics.toml)")
		}
	}
	return out
}

// TestCompleteness: every message any leaflet prints exists in every
// shipped locale, with the source's placeholders and every plural form
// the locale's rules use, and no locale carries messages no leaflet
// prints.
func TestCompleteness(t *testing.T) {
	f := load(t)
	for _, tag := range f.cat.Tags() {
		loc, _ := f.cat.Locale(tag)
		for _, p := range completeness(f.set, f.cat.Source(), loc) {
			t.Errorf("%s: %s", tag, p)
		}
	}
}

// TestEveryTargetLocaleShips: the target languages (every locale that
// locales.toml describes: the largest immigrant languages, the national
// minority languages and easy-to-read Swedish) each have a message file,
// so the completeness test above covers them all.
func TestEveryTargetLocaleShips(t *testing.T) {
	f := load(t)
	metas, err := catalog.LoadMeta(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for tag := range metas {
		if !f.cat.Has(tag) {
			t.Errorf("locales.toml describes %s, but %s.toml does not exist", tag, tag)
		}
	}
	if len(metas) < 28 {
		t.Errorf("%d target locales, want at least the 28 of the brief", len(metas))
	}
}

// TestCompletenessCatchesGaps proves the check on a broken copy of the
// shipped Arabic: a deleted message, a misspelled placeholder and a
// missing plural form are each reported.
func TestCompletenessCatchesGaps(t *testing.T) {
	f := load(t)
	fsys := fstest.MapFS{}
	for _, name := range []string{"locales.toml", "sv.toml", "ar.toml"} {
		data, err := fs.ReadFile(locales.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	fsys["ui"] = &fstest.MapFile{Mode: fs.ModeDir}
	ar := string(fsys["ar.toml"].Data)
	for _, edit := range [][2]string{
		{"[\"vald.intro\"]", "[\"vald.intro-deleted\"]"},
		{"بالرقم {{.Emergency}}", "بالرقم {{.Emergncy}}"},
		{"two = ", "# two = "},
	} {
		if !strings.Contains(ar, edit[0]) {
			t.Fatalf("ar.toml has no %q to break", edit[0])
		}
		ar = strings.Replace(ar, edit[0], edit[1], 1)
	}
	fsys["ar.toml"] = &fstest.MapFile{Data: []byte(ar)}
	cat, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := cat.Locale("ar")
	got := strings.Join(completeness(f.set, cat.Source(), loc), "\n")
	for _, want := range []string{
		"vald.intro: missing",
		"vald.intro-deleted: no leaflet prints",
		"vald.danger: placeholders",
		"common.helplines.intro: plural forms",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not reported: %q\ngot:\n%s", want, got)
		}
	}
}

var bidiControls = []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

var (
	digitRunRE = regexp.MustCompile(`\p{Nd}{3,}`)
	contactRE  = regexp.MustCompile(`@|https?:|www\.`)
)

// TestTextHygiene: NFC, no bidi controls or private-use characters, ZWNJ
// only where the orthography needs it, and no phone number, e-mail or web
// address typed into prose.
func TestTextHygiene(t *testing.T) {
	f := load(t)
	joiners := []string{"fa", "fa-AF", "ps", "ckb", "ur"}
	for _, tag := range f.cat.Tags() {
		loc, _ := f.cat.Locale(tag)
		for _, id := range loc.IDs() {
			m, _ := loc.Message(id)
			for form, s := range m.Forms {
				where := tag + " " + id + " (" + string(form) + ")"
				text := placeholderRE.ReplaceAllString(s, "")
				switch {
				case strings.TrimSpace(s) == "":
					t.Errorf("%s: empty", where)
				case !norm.NFC.IsNormalString(s):
					t.Errorf("%s: not in Unicode NFC", where)
				case strings.ContainsFunc(s, func(r rune) bool { return slices.Contains(bidiControls, r) }):
					t.Errorf("%s: bidi control character typed in", where)
				case strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Co, r) }):
					t.Errorf("%s: private-use character", where)
				case strings.ContainsAny(s, "\u200c\u200d") && !slices.Contains(joiners, tag):
					t.Errorf("%s: ZWNJ/ZWJ outside the languages that spell with them", where)
				case digitRunRE.MatchString(text):
					t.Errorf("%s: %q looks like a number typed into prose; numbers come from data", where, digitRunRE.FindString(text))
				case contactRE.MatchString(text):
					t.Errorf("%s: an e-mail or web address typed into prose", where)
				}
			}
		}
	}
}

// TestHelpLineTextsLeaveFactsToTheData: whether a line is free, anonymous
// or open around the clock is printed from the data's flags, so a
// description that says so could contradict the data.
func TestHelpLineTextsLeaveFactsToTheData(t *testing.T) {
	f := load(t)
	src := f.cat.Source()
	for _, id := range src.IDs() {
		if !strings.HasPrefix(id, "helpline.") || !strings.HasSuffix(id, ".about") {
			continue
		}
		m, _ := src.Message(id)
		lower := strings.ToLower(m.Forms[catalog.Other])
		for _, w := range []string{"gratis", "kostnadsfri", "anonym", "dygnet runt", "alla dagar", "vardagar"} {
			if strings.Contains(lower, w) {
				t.Errorf("%s says %q; that comes from the help-line data", id, w)
			}
		}
	}
}

// TestNotIdenticalToSource: a translation that equals the Swedish text is
// an untranslated copy, unless the keep-list names it (proper names, the
// labels lätt svenska shares with Swedish) or it has no letters at all.
func TestNotIdenticalToSource(t *testing.T) {
	f := load(t)
	for _, p := range f.pairs() {
		if p.text == p.source && hasLetter(placeholderRE.ReplaceAllString(p.text, "")) && !f.keep.Allows(p.lang, p.id) {
			t.Errorf("%s %s (%s): identical to the Swedish source %q", p.lang, p.id, p.form, p.text)
		}
	}
}

var glossRE = regexp.MustCompile(`\s*\(([^()]*)\)`)

// measure is the length of a text for comparison with the source: each
// placeholder counts as one character, and a Swedish term given in
// brackets after the translation (which the glossary asks for) does not
// count.
func (f fixture) measure(lang, s string) float64 {
	s = placeholderRE.ReplaceAllString(s, "#")
	s = glossRE.ReplaceAllStringFunc(s, func(g string) string {
		inner := glossRE.FindStringSubmatch(g)[1]
		for _, w := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
			if !f.keep.AllowsWord(lang, w) {
				return g
			}
		}
		return ""
	})
	n := 0.0
	for _, r := range strings.TrimSpace(s) {
		n++
		if unicode.Is(unicode.Ethiopic, r) {
			n += 0.5 // an Ethiopic letter is a syllable: a consonant and often a vowel
		}
	}
	return n
}

// TestLength: each message is between half and two and a half times as
// long as the Swedish source; outside that, something was left out or
// added. Length counts characters, an Ethiopic syllable as one and a half
// (ሰኞ, "Monday", is as long as the word can be), and the upper bound of a
// short label is reckoned from at least 14 characters. A source with no letters (a pattern of placeholders such as
// "{{.Days}} {{.From}}–{{.To}}") has no prose to compare and is skipped.
func TestLength(t *testing.T) {
	const lo, hi = 0.5, 2.5
	f := load(t)
	for _, p := range f.pairs() {
		if !hasLetter(placeholderRE.ReplaceAllString(p.source, "")) {
			continue // only placeholders and punctuation ("{{.From}}–{{.To}}"): no prose to compare
		}
		n, want := f.measure(p.lang, p.text), f.measure(catalog.SourceTag, p.source)
		// A label of a word or two ("Webb", "Polisen") often needs a short
		// phrase in another language ("local police"); its upper bound is
		// taken from at least shortLabel characters.
		const shortLabel = 14
		if r := n / want; r < lo || n > hi*max(want, shortLabel) {
			t.Errorf("%s %s (%s): %.1f characters, %.2f × the source's %.0f (want %.1f–%.1f)", p.lang, p.id, p.form, n, r, want, lo, hi)
		}
	}
}

// TestLintFindsNoErrors: the translators' checker (`infogen locales
// check`) passes the shipped leaflet locales; its errors would keep a
// locale from loading or a message from counting as vetted. (The web
// form's strings under ui/ are the web package's to test.)
func TestLintFindsNoErrors(t *testing.T) {
	cov, err := lint.LoadCoverage(fonts.FS())
	if err != nil {
		t.Fatal(err)
	}
	rep := lint.Check(lint.Config{Locales: os.DirFS(localesDir), Root: "locales", Fonts: cov})
	for _, d := range rep.Diagnostics {
		if d.Severity == lint.Error && !strings.HasPrefix(d.File, "locales/ui/") {
			t.Error(d)
		}
	}
}
