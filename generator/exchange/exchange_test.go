package exchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"infogeneratorn/fonts"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/review"
	"infogeneratorn/generator/xliff"
	"infogeneratorn/locales"
)

var fontCoverage = sync.OnceValues(func() (*lint.FontCoverage, error) { return lint.LoadCoverage(fonts.FS()) })

// fixture is a copy of the shipped locales in a temporary directory.
type fixture struct {
	dir string
	cov lint.Coverage
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	cov, err := fontCoverage()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "locales")
	if err := os.CopyFS(dir, locales.FS()); err != nil {
		t.Fatal(err)
	}
	return fixture{dir: dir, cov: cov}
}

// shipped is the shipped locales' sealed snapshot and the topics: what
// the exports are made from. A fixture's files are the same bytes until a
// test edits them, so one export per language serves every test.
var shipped = sync.OnceValues(func() (Locales, error) {
	seal, err := review.ReadSeal(locales.Seal())
	if err != nil {
		return Locales{}, err
	}
	snap, err := review.Load(review.Config{Locales: locales.FS(), Root: "locales", Seal: seal})
	if err != nil {
		return Locales{}, err
	}
	lines, err := helplines.Load()
	if err != nil {
		return Locales{}, err
	}
	topics, err := content.Load(lines.Has)
	if err != nil {
		return Locales{}, err
	}
	return Locales{Snap: snap, Topics: topics}, nil
})

func shippedLocales(t *testing.T) Locales {
	t.Helper()
	in, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	if !in.Snap.Sealed {
		t.Fatal("the shipped locales are not the sealed ones: run go generate ./locales")
	}
	return in
}

var exports sync.Map // lang -> []byte

func (f fixture) export(t *testing.T, lang string) []byte {
	t.Helper()
	if b, ok := exports.Load(lang); ok {
		return b.([]byte)
	}
	var b bytes.Buffer
	if err := WriteExport(&b, shippedLocales(t), lang, ""); err != nil {
		t.Fatal(err)
	}
	exports.Store(lang, b.Bytes())
	return b.Bytes()
}

func (f fixture) importXLIFF(lang string, data []byte) (Result, error) {
	return Import(ImportConfig{Dir: f.dir, Fonts: f.cov, Lang: lang, Name: lang + ".xlf", Limits: xliff.DefaultLimits}, bytes.NewReader(data))
}

func (f fixture) read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoundTripEveryLanguage: exporting a locale and importing the file
// unchanged leaves every locale file byte for byte as it was, and the
// import recomputes every message's text equal to the file's (no message
// counted as changed).
func TestRoundTripEveryLanguage(t *testing.T) {
	f := newFixture(t)
	in := shippedLocales(t)
	before := map[string][]byte{}
	tags := in.Snap.Catalog.Tags()
	for _, tag := range tags {
		before[tag] = f.read(t, tag+".toml")
	}
	n := 0
	for _, tag := range tags {
		if tag == "sv" {
			continue
		}
		n++
		x := f.export(t, tag)
		checkExport(t, tag, x, len(in.Snap.Catalog.Source().IDs()))
		res, err := f.importXLIFF(tag, x)
		if err != nil {
			t.Errorf("%s: %v", tag, err)
			continue
		}
		if res.Written || len(res.Changed) > 0 || res.Units == 0 {
			t.Errorf("%s: unchanged import: written %v, changed %v, %d units", tag, res.Written, res.Changed, res.Units)
		}
	}
	for _, tag := range tags {
		if !bytes.Equal(before[tag], f.read(t, tag+".toml")) {
			t.Errorf("%s.toml changed", tag)
		}
	}
	if n != 29 {
		t.Errorf("%d translations round-tripped, want 29", n)
	}
}

// checkExport holds an export to the rules of XLIFF 2 core (the OASIS
// schema cannot be fetched here, so its rules are written out: Decode
// enforces the elements, their order, required attributes and closed
// value sets; Check the identifiers and references) and to what the
// issue asks: srcLang sv, trgLang the locale, one unit per message,
// placeholders only as <ph> whose disp and originalData carry the
// template code, states of the core, a target wherever the state is not
// initial.
func checkExport(t *testing.T, lang string, data []byte, messages int) {
	t.Helper()
	doc, err := xliff.Decode(bytes.NewReader(data), xliff.DefaultLimits)
	if err != nil {
		t.Fatalf("%s: the export does not decode: %v", lang, err)
	}
	for _, p := range xliff.Check(doc) {
		t.Errorf("%s: %s", lang, p)
	}
	if doc.Version != "2.0" || doc.SrcLang != "sv" || doc.TrgLang != lang || len(doc.Files) != 1 {
		t.Errorf("%s: version %s, srcLang %s, trgLang %s, %d files", lang, doc.Version, doc.SrcLang, doc.TrgLang, len(doc.Files))
	}
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" `)) {
		t.Errorf("%s: the root is not <xliff> in the core namespace", lang)
	}
	units := doc.Files[0].Units
	if len(units) != messages {
		t.Errorf("%s: %d units, want one per message (%d)", lang, len(units), messages)
	}
	for _, u := range units {
		codes := map[string]string{}
		for _, d := range u.Data {
			codes[d.ID] = d.Text
		}
		if len(u.Segments) == 0 || len(u.Notes) == 0 || u.Notes[0].Category != "description" {
			t.Errorf("%s %s: %d segments, notes %v", lang, u.ID, len(u.Segments), u.Notes)
		}
		for _, s := range u.Segments {
			if s.State == "" || !s.State.Valid() || (s.State != xliff.Initial) != (s.Target != nil) {
				t.Errorf("%s %s/%s: state %q with target %v", lang, u.ID, s.ID, s.State, s.Target != nil)
			}
			contents := []xliff.Content{s.Source}
			if s.Target != nil {
				contents = append(contents, *s.Target)
			}
			for _, c := range contents {
				for _, r := range c {
					if r.Ph == nil && (strings.Contains(r.Text, "{{") || strings.Contains(r.Text, "}}")) {
						t.Errorf("%s %s: raw template text %q", lang, u.ID, r.Text)
					}
					if r.Ph != nil && (codes[r.Ph.DataRef] != r.Ph.Disp || !strings.HasPrefix(r.Ph.Disp, "{{.")) {
						t.Errorf("%s %s: <ph> %+v does not carry its code", lang, u.ID, r.Ph)
					}
				}
			}
		}
	}
}

// TestImportWritesInPlace: a changed target replaces that value only;
// comments, order and every other message stay byte for byte.
func TestImportWritesInPlace(t *testing.T) {
	f := newFixture(t)
	x := string(f.export(t, "en"))
	old := "or <ph id=\"1\" dataRef=\"d1\" disp=\"{{.Number}}\" canDelete=\"no\"/></target>"
	if !strings.Contains(x, old) {
		t.Fatalf("export lacks %q", old)
	}
	x = strings.Replace(x, old, "or else <ph id=\"1\" dataRef=\"d1\" disp=\"{{.Number}}\" canDelete=\"no\"/></target>", 1)
	before := f.read(t, "en.toml")
	res, err := f.importXLIFF("en", []byte(x))
	if err != nil {
		t.Fatal(err)
	}
	after := f.read(t, "en.toml")
	want := bytes.Replace(before, []byte(`other = "or {{.Number}}"`), []byte(`other = "or else {{.Number}}"`), 1)
	if !res.Written || strings.Join(res.Changed, ",") != "helpline.also" || !bytes.Equal(after, want) {
		t.Errorf("written %v, changed %v; file equals the one-value edit: %v", res.Written, res.Changed, bytes.Equal(after, want))
	}
}

// setTarget replaces the first target of unit id in an export.
func setTarget(t *testing.T, x, id, target string) string {
	t.Helper()
	i := strings.Index(x, `<unit id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no unit %s", id)
	}
	j := strings.Index(x[i:], "<target>")
	k := strings.Index(x[i:], "</target>")
	if j < 0 || k < j {
		t.Fatalf("unit %s has no target", id)
	}
	return x[:i+j] + "<target>" + target + x[i+k:]
}

const emergencyPh = `<ph id="1" dataRef="d1" disp="{{.Emergency}}" canDelete="no"/>`

// TestImportRefuses: one case per refusal. Each names the unit and the
// line of the XLIFF file, and leaves every locale file as it was.
func TestImportRefuses(t *testing.T) {
	f := newFixture(t)
	ar := string(f.export(t, "ar"))
	unitLine := func(x, id string) int {
		return strings.Count(x[:strings.Index(x, `<unit id="`+id+`">`)], "\n") + 1
	}
	tests := []struct {
		name string
		lang string
		xlf  string
		unit string // "" for a problem of the whole file
		want string
	}{
		{"not XML", "ar", "<xliff", "", "unexpected EOF"},
		{"not XLIFF 2", "ar", strings.Replace(ar, "document:2.0", "document:1.2", 1), "", "want <xliff> in"},
		{"other language", "fa", ar, "", `trgLang "ar": want "sv" and "fa"`},
		{"other source language", "ar", strings.Replace(ar, `srcLang="sv"`, `srcLang="en"`, 1), "", `srcLang "en"`},
		{"unknown message", "ar", strings.Replace(ar, `<unit id="vald.danger">`, `<unit id="vald.nothing">`, 1), "vald.nothing", "no such message"},
		{"unknown plural form", "ar", strings.Replace(ar, `<segment id="other" state="translated">
        <source>Är du eller ditt barn i fara`, `<segment id="few" state="translated">
        <source>Är du eller ditt barn i fara`, 1), "vald.danger", `segment "few"`},
		{"source edited", "ar", strings.Replace(ar, "Är du eller ditt barn i fara", "Är du i fara", 1), "vald.danger", "export the file again"},
		{"missing ph", "ar", setTarget(t, ar, "vald.danger", "هل أنت في خطر؟ اتصل الآن."), "vald.danger", "missing <ph> for {{.Emergency}}"},
		{"extra ph", "ar", setTarget(t, ar, "vald.danger", "اتصل "+emergencyPh+` <ph id="2" dataRef="d1"/>.`), "vald.danger", `<ph id="2"> in the target matches no <ph> of the source`},
		{"ph twice", "ar", setTarget(t, ar, "vald.danger", "اتصل "+emergencyPh+" "+emergencyPh+"."), "vald.danger", `<ph id="1"> twice in one target`},
		{"template text instead of ph", "ar", setTarget(t, ar, "vald.danger", "اتصل "+emergencyPh+" {{.Municipality}}"), "vald.danger", "template braces"},
		{"phone number added", "ar", setTarget(t, ar, "vald.danger", "اتصل بالرقم "+emergencyPh+" أو 020-50 50 51."), "vald.danger", "[contact]"},
		{"wrong script", "ar", setTarget(t, ar, "vald.danger", "Call "+emergencyPh+" now."), "vald.danger", "[script]"},
		{"bidi control", "ar", setTarget(t, ar, "vald.danger", "اتصل \u202e"+emergencyPh+"."), "vald.danger", "[bidi]"},
		{"too large", "ar", ar + strings.Repeat(" ", 9<<20), "", "larger than"},
	}
	before := f.read(t, "ar.toml")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.importXLIFF(tt.lang, []byte(tt.xlf))
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a refusal", err)
			}
			found := false
			for _, p := range re.Problems {
				if strings.Contains(p.String(), tt.want) && p.Unit == tt.unit {
					found = true
					if tt.unit != "" && (p.Line < unitLine(tt.xlf, tt.unit) || p.Line > unitLine(tt.xlf, tt.unit)+20) {
						t.Errorf("problem at line %d, the unit starts at %d", p.Line, unitLine(tt.xlf, tt.unit))
					}
				}
			}
			if !found {
				t.Errorf("problems %v, want %q in unit %q", re.Problems, tt.want, tt.unit)
			}
			if !bytes.Equal(before, f.read(t, "ar.toml")) {
				t.Fatal("ar.toml changed")
			}
		})
	}
}

// TestImportAllOrNothing: one bad unit among good edits writes nothing.
func TestImportAllOrNothing(t *testing.T) {
	f := newFixture(t)
	en := string(f.export(t, "en"))
	en = setTarget(t, en, "vald.intro", "Nobody may hit you.")
	en = setTarget(t, en, "vald.danger", "Danger? Phone now.") // placeholder lost
	before := f.read(t, "en.toml")
	_, err := f.importXLIFF("en", []byte(en))
	var re *RefusedError
	if !errors.As(err, &re) || len(re.Problems) != 1 || re.Problems[0].Unit != "vald.danger" {
		t.Fatalf("got %v", err)
	}
	if !bytes.Equal(before, f.read(t, "en.toml")) {
		t.Error("en.toml changed although the import was refused")
	}
}

// TestStateOf: how a message's review state maps to XLIFF's segment state.
func TestStateOf(t *testing.T) {
	tests := []struct {
		m    review.Message
		want xliff.State
	}{
		{review.Message{State: review.StateMissing}, xliff.Initial},
		{review.Message{State: review.StateVetted, Reviewer: "A"}, xliff.Final},
		{review.Message{State: review.StateUnvetted, Reasons: []review.Reason{review.NoRecord}}, xliff.Translated},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.TranslationEdited, review.Unsigned}}, xliff.Translated},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.SourceChanged}}, xliff.Translated},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.Unsigned}}, xliff.Reviewed},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.KeyNotListed}}, xliff.Reviewed},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.ReviewerNotListed}}, xliff.Reviewed},
		{review.Message{State: review.StateUnvetted, Reviewer: "A", Reasons: []review.Reason{review.FailsCheck}}, xliff.Translated},
	}
	for _, tt := range tests {
		if got := stateOf(tt.m); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.m, got, tt.want)
		}
	}
}

// TestImportAddsAMissingMessage: a message the locale's file lacks is
// appended as a table of its own with the source's description; the rest
// of the file stays byte for byte.
func TestImportAddsAMissingMessage(t *testing.T) {
	f := newFixture(t)
	p := filepath.Join(f.dir, "en.toml")
	orig := f.read(t, "en.toml")
	block := "\n[\"helpline.also\"]\ndescription = \"Another number of the same help line, under its first number: \\\"or {{.Number}}\\\".\"\nother = \"or {{.Number}}\"\n"
	without := bytes.Replace(orig, []byte(block), nil, 1)
	if bytes.Equal(without, orig) {
		t.Fatal("fixture: helpline.also not found as expected")
	}
	if err := os.WriteFile(p, without, 0o644); err != nil {
		t.Fatal(err)
	}
	x := f.export(t, "en") // made before the message went: it has a target for it
	res, err := f.importXLIFF("en", x)
	if err != nil || !res.Written {
		t.Fatalf("import: %v, %+v", err, res)
	}
	got := f.read(t, "en.toml")
	if !bytes.HasPrefix(got, without) || !bytes.HasPrefix(got[len(without):], []byte("\n[\"helpline.also\"]\ndescription = ")) ||
		!bytes.HasSuffix(got, []byte("other = \"or {{.Number}}\"\n")) {
		t.Errorf("the file is not the old one with the message appended:\n%s", got[max(0, len(without)-40):])
	}
}
