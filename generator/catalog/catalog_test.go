package catalog

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

const metaTOML = `
[locale.sv]
name_sv = "svenska"
native = "svenska"
script = "Latn"
direction = "ltr"
font = "NotoSans"
source = true

[locale.ar]
name_sv = "arabiska"
native = "العربية"
script = "Arab"
direction = "rtl"
font = "NotoNaskhArabic"

[locale.fit]
name_sv = "meänkieli"
native = "meänkieli"
script = "Latn"
direction = "ltr"
font = "NotoSans"
plural_rules = "fi"
plural_reason = "Finnish number agreement"
`

func fixture(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{"locales.toml": {Data: []byte(metaTOML)}}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fs
}

var base = map[string]string{
	"sv.toml": `
["greeting"]
other = "Hej {{.Municipality}}"
["only.in.sv"]
other = "Bara svenska"
["lines"]
one = "{{.Count}} linje"
other = "{{.Count}} linjer"
`,
	"ar.toml": `
["greeting"]
other = "مرحبا {{.Municipality}}"
["lines"]
zero = "لا خطوط"
one = "خط واحد"
two = "خطان"
few = "{{.Count}} خطوط"
many = "{{.Count}} خطًا"
other = "{{.Count}} خط"
`,
	"fit.toml": `
["greeting"]
other = "Terve {{.Municipality}}"
["lines"]
one = "{{.Count}} linja"
other = "{{.Count}} linjaa"
`,
	"ui/sv.toml": `["ui.hello"]
other = "Hej"`,
}

func load(t *testing.T, files map[string]string) *Catalog {
	t.Helper()
	c, err := Load(fixture(files))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNoSilentFallback(t *testing.T) {
	c := load(t, base)
	ar, err := c.Locale("ar")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ar.Text("only.in.sv", nil)
	var missing *MissingMessageError
	if !errors.As(err, &missing) || missing.ID != "only.in.sv" || missing.Lang != "ar" {
		t.Fatalf("Text(only.in.sv) in ar = %q, %v; want MissingMessageError naming it and ar", s, err)
	}
	if s != "" {
		t.Errorf("a missing message returned text %q; it must return none", s)
	}
	if _, err := ar.Plural("only.in.sv", 2, nil); !errors.As(err, &missing) {
		t.Errorf("Plural of a missing message: %v", err)
	}
}

func TestMissingKeyIsAnError(t *testing.T) {
	files := map[string]string{}
	for k, v := range base {
		files[k] = v
	}
	files["ar.toml"] = strings.Replace(base["ar.toml"], "{{.Municipality}}", "{{.Municipalty}}", 1)
	c := load(t, files)
	ar, _ := c.Locale("ar")
	s, err := ar.Text("greeting", map[string]any{"Municipality": "Halmstad"})
	var te *TemplateError
	if !errors.As(err, &te) || te.ID != "greeting" || te.Lang != "ar" {
		t.Fatalf("misspelled placeholder: %q, %v; want TemplateError", s, err)
	}
	if strings.Contains(s, "<no value>") {
		t.Errorf("printed %q", s)
	}
	// And the correct spelling with data fills in.
	sv := c.Source()
	got, err := sv.Text("greeting", map[string]any{"Municipality": "Halmstad"})
	if err != nil || got != "Hej Halmstad" {
		t.Errorf("sv greeting = %q, %v", got, err)
	}
	// Data missing a key the template uses is an error too.
	if _, err := sv.Text("greeting", nil); !errors.As(err, &te) {
		t.Errorf("greeting without data: %v, want TemplateError", err)
	}
}

func TestPlurals(t *testing.T) {
	c := load(t, base)
	tests := []struct {
		lang  string
		n     int
		want  string
		forms []Form
	}{
		{"sv", 1, "1 linje", []Form{One, Other}},
		{"sv", 3, "3 linjer", []Form{One, Other}},
		{"ar", 0, "لا خطوط", []Form{Zero, One, Two, Few, Many, Other}},
		{"ar", 2, "خطان", []Form{Zero, One, Two, Few, Many, Other}},
		{"ar", 5, "5 خطوط", []Form{Zero, One, Two, Few, Many, Other}},
		{"ar", 11, "11 خطًا", []Form{Zero, One, Two, Few, Many, Other}},
		{"fit", 1, "1 linja", []Form{One, Other}},
		{"fit", 4, "4 linjaa", []Form{One, Other}},
	}
	for _, tt := range tests {
		l, err := c.Locale(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Plural("lines", tt.n, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s Plural(lines, %d) = %q, %v; want %q", tt.lang, tt.n, got, err, tt.want)
		}
		if !slices.Equal(l.PluralForms(), tt.forms) {
			t.Errorf("%s PluralForms = %v, want %v", tt.lang, l.PluralForms(), tt.forms)
		}
	}
	if fit, err := c.Locale("fit"); err != nil {
		t.Fatal(err)
	} else if fit.Tag() != "fit" {
		t.Errorf("fit locale reports tag %q: the donor must not rename the language", fit.Tag())
	}
}

func TestMissingPluralFormIsAnError(t *testing.T) {
	files := map[string]string{}
	for k, v := range base {
		files[k] = v
	}
	files["ar.toml"] = strings.Replace(base["ar.toml"], "two = \"خطان\"\n", "", 1)
	c := load(t, files)
	ar, _ := c.Locale("ar")
	if s, err := ar.Plural("lines", 2, nil); err == nil {
		t.Errorf("missing 'two' form gave %q and no error", s)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(map[string]string)
		meta  string
		wants string
	}{
		{"file without metadata", func(f map[string]string) { f["de.toml"] = `["x"]` + "\nother = \"y\"" }, "", "de.toml"},
		{"broken TOML", func(f map[string]string) { f["ar.toml"] = "[\"greeting\"\nother = 1" }, "", "ar.toml"},
		{"no plural rules and no donor", func(f map[string]string) {}, strings.Replace(metaTOML, "plural_rules = \"fi\"\n", "", 1), "plural_rules"},
		{"no plural rules, no donor, empty file", func(f map[string]string) { f["fit.toml"] = "# nothing yet\n" }, strings.Replace(metaTOML, "plural_rules = \"fi\"\n", "", 1), "no plural rule registered for fit"},
		{"bad direction", func(f map[string]string) {}, strings.Replace(metaTOML, `direction = "rtl"`, `direction = "right"`, 1), "direction"},
		{"no source", func(f map[string]string) {}, strings.Replace(metaTOML, "source = true", "", 1), "source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			tt.edit(files)
			fs := fixture(files)
			if tt.meta != "" {
				fs["locales.toml"] = &fstest.MapFile{Data: []byte(tt.meta)}
			}
			_, err := Load(fs)
			if err == nil || !strings.Contains(err.Error(), tt.wants) {
				t.Errorf("Load error %v, want one mentioning %q", err, tt.wants)
			}
		})
	}
}

func TestOrderAndLookup(t *testing.T) {
	c := load(t, base)
	if got := c.Tags(); !slices.Equal(got, []string{"sv", "ar", "fit"}) {
		t.Errorf("Tags = %v, want source first then by Swedish name", got)
	}
	if _, err := c.Locale("xx"); err == nil {
		t.Error("Locale(xx) found something")
	}
	if !c.Has("ar") || c.Has("de") {
		t.Error("Has is wrong")
	}
	ui, err := c.UI("sv")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := ui.Text("ui.hello", nil); err != nil || s != "Hej" {
		t.Errorf("ui.hello = %q, %v", s, err)
	}
}

// countingFS counts the reads of each file.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func TestOpenParsesEachLocaleWhenFirstAsked(t *testing.T) {
	files := map[string]string{}
	for k, v := range base {
		files[k] = v
	}
	files["fit.toml"] = "this is [not TOML"
	cfs := &countingFS{FS: fixture(files), reads: map[string]int{}}
	if _, err := Load(cfs); err == nil {
		t.Fatal("Load accepted a set with a file that does not parse")
	}
	cfs.reads = map[string]int{}
	shared := NewFiles(cfs)
	c, err := Open(shared)
	if err != nil {
		t.Fatalf("Open refused a set whose listing is sound: %v", err)
	}
	if n := cfs.reads["ar.toml"]; n != 0 {
		t.Fatalf("Open read ar.toml %d times before it was asked for", n)
	}
	if !c.Has("fit") {
		t.Error("Has(fit) = false: a locale with a file is known before it is parsed")
	}
	ar, err := c.Locale("ar")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ar.Text("greeting", map[string]any{"Municipality": "X"}); err != nil || got != "مرحبا X" {
		t.Errorf("ar greeting = %q, %v", got, err)
	}
	if _, err := c.Locale("fit"); err == nil {
		t.Error("Locale(fit) of a file that does not parse: no error")
	}
	if err := c.LoadAll(); err == nil || !strings.Contains(err.Error(), "fit.toml") {
		t.Errorf("LoadAll = %v, want the error of fit.toml", err)
	}
	// The check's reader and the catalog share one parse per file.
	raw, err := shared.Parse("ar.toml")
	if err != nil || len(raw) != 2 {
		t.Fatalf("Parse(ar.toml) = %d messages, %v", len(raw), err)
	}
	for _, name := range []string{"ar.toml", "sv.toml", "fit.toml"} {
		if n := cfs.reads[name]; n != 1 {
			t.Errorf("%s read %d times, want once", name, n)
		}
	}
}

// The check, the catalog and the review share one reading of
// locales.toml through Files.
func TestFilesReadMetaOnce(t *testing.T) {
	fsys := &readCount{FS: fixture(base), n: map[string]int{}}
	files := NewFiles(fsys)
	first, err := files.Meta()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(files); err != nil {
		t.Fatal(err)
	}
	again, err := files.Meta()
	if err != nil || len(again) != len(first) || len(first) == 0 {
		t.Fatalf("Meta again: %d locales, %v; first %d", len(again), err, len(first))
	}
	if fsys.n["locales.toml"] != 1 {
		t.Errorf("locales.toml read %d times, want once", fsys.n["locales.toml"])
	}
}

// readCount is a file system that counts the files opened.
type readCount struct {
	fs.FS
	n map[string]int
}

func (r *readCount) Open(name string) (fs.File, error) {
	r.n[name]++
	return r.FS.Open(name)
}

// Meta answers from locales.toml, without reading the locale's file.
func TestMetaReadsNoLocale(t *testing.T) {
	fsys := &readCount{FS: fixture(base), n: map[string]int{}}
	c, err := Open(NewFiles(fsys))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tag, font string
		ok        bool
	}{
		{"ar", "NotoNaskhArabic", true},
		{"sv", "NotoSans", true},
		{"de", "", false},
	} {
		m, ok := c.Meta(tc.tag)
		if ok != tc.ok || m.Font != tc.font {
			t.Errorf("Meta(%s) = font %q, %v; want %q, %v", tc.tag, m.Font, ok, tc.font, tc.ok)
		}
	}
	if fsys.n["ar.toml"] != 0 || fsys.n["sv.toml"] != 0 {
		t.Errorf("Meta read locale files: %v", fsys.n)
	}
}

// TestLocaleMessagesAreTheParsedOnes: a locale made through Files holds
// the messages Parse gives, forms and all, under their sorted IDs.
func TestLocaleMessagesAreTheParsedOnes(t *testing.T) {
	files := NewFiles(fixture(base))
	c, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"sv", "ar", "fit"} {
		loc, err := c.Locale(tag)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := files.Parse(tag + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, want := range raw {
			ids = append(ids, want.ID)
			got, ok := loc.Message(want.ID)
			if !ok || got.ID != want.ID || got.Description != want.Description || !maps.Equal(got.Forms, want.Forms) {
				t.Errorf("%s: Message(%s) = %+v, %v; want %+v", tag, want.ID, got, ok, want)
			}
		}
		if !slices.Equal(loc.IDs(), ids) {
			t.Errorf("%s: IDs() = %v, want %v", tag, loc.IDs(), ids)
		}
	}
}
