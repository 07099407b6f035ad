package lint

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"infogeneratorn/fonts"
)

// fixture is testdata/base with testdata/cases/<name> laid over it.
func fixture(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"testdata/base", "testdata/cases/" + name} {
		if name == "" && dir != "testdata/base" {
			continue
		}
		err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path.Join(dir, p))
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

var realCoverage = sync.OnceValues(func() (*FontCoverage, error) { return LoadCoverage(fonts.FS()) })

func coverage(t *testing.T) *FontCoverage {
	t.Helper()
	c, err := realCoverage()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// brief renders diagnostics as "file:line:col: severity [rule]", what the
// tests pin exactly; the wording is checked separately.
func brief(r Report) []string {
	out := []string{}
	for _, d := range r.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s [%s]", d.File, d.Line, d.Col, d.Severity, d.Rule))
	}
	return out
}

func TestBaseFixtureIsClean(t *testing.T) {
	r := Check(Config{Locales: fixture(t, ""), Fonts: coverage(t)})
	if len(r.Diagnostics) != 0 {
		t.Fatalf("base fixture: %v", r.Diagnostics)
	}
	if r.ExitCode() != 0 {
		t.Fatalf("exit %d", r.ExitCode())
	}
}

func TestRules(t *testing.T) {
	tests := []struct {
		name string
		want []string
		text string // a part of the first diagnostic's text
		exit int
	}{
		{"parse", []string{"en.toml:6:63: error [parse]"}, "does not parse", 1},
		{"tag", []string{
			"de.toml:1:1: error [tag]",
			"en-gb.toml:1:1: error [tag]",
			"engelska.toml:1:1: error [tag]",
		}, `unknown language "de"`, 1},
		{"missing", []string{"en.toml:1:1: error [missing]"}, "missing", 1},
		{"extra", []string{"en.toml:15:2: error [extra]"}, "no such message", 1},
		{"duplicate", []string{"en.toml:15:2: error [duplicate]"}, "written twice (first at line 1)", 1},
		{"template", []string{"en.toml:6:10: error [template]"}, "does not parse", 1},
		{"placeholder_missing", []string{"en.toml:6:10: error [placeholder]"}, "{{.Municipality}} of the source is missing", 1},
		{"placeholder_misspelled", []string{
			"en.toml:6:10: error [placeholder]",
			"en.toml:6:47: error [placeholder]",
		}, "missing", 1},
		{"placeholder_added", []string{"en.toml:12:36: error [placeholder]"}, "{{.Municipality}} is not in the source", 1},
		{"plural", []string{"ru.toml:10:2: error [plural]", "ru.toml:10:2: error [plural]"}, `plural form "few" is missing`, 1},
		{"empty", []string{"en.toml:3:10: error [empty]"}, "empty translation", 1},
		{"identical", []string{"en.toml:3:10: error [identical]"}, "identical to the source", 1},
		{"phone", []string{
			"en.toml:9:10: error [contact]",
			"en.toml:9:15: error [contact]",
		}, `the source's phone number "020-50 50 50" is missing or changed`, 1},
		{"email", []string{
			"en.toml:9:10: error [contact]",
			"en.toml:9:40: error [contact]",
		}, `e-mail address "stod@example.se" is missing`, 1},
		{"rlo", []string{"en.toml:6:34: error [bidi]"}, "U+202E (RIGHT-TO-LEFT OVERRIDE) typed in the text, and unbalanced", 1},
		{"rlo_escaped", []string{"en.toml:6:34: error [bidi]"}, "U+202E", 1},
		{"multiline", []string{"en.toml:8:4: error [bidi]"}, "U+202E", 1},
		{"isolate", []string{"en.toml:3:18: error [bidi]"}, "U+2066 (LEFT-TO-RIGHT ISOLATE) typed in the text, and unbalanced", 1},
		{"zwsp", []string{"en.toml:3:21: error [invisible]"}, "U+200B (ZERO WIDTH SPACE)", 1},
		{"zwnj_en", []string{"en.toml:3:21: error [invisible]"}, "only Persian, Dari, Pashto, Sorani and Urdu", 1},
		{"zwnj", []string{"ar.toml:16:49: error [invisible]"}, "U+200C", 1},
		{"script", []string{"ti.toml:11:12: error [script]"}, `Latin letters in "call this line": this locale is written in Ethiopic (Ethi)`, 1},
		{"warnings", []string{
			"en.toml:3:10: warning [length]",
			"en.toml:3:13: warning [spaces]",
			"en.toml:3:92: warning [punctuation]",
		}, "characters, the source 16", 0},
		{"nfc", []string{"en.toml:3:29: warning [nfc]"}, "NFC", 0},
		{"load", []string{"kmr.toml:1:1: error [load]"}, "the catalog refuses the file", 1},
		{"meta", []string{"locales.toml:46:2: error [meta]"}, `script "Cyrs"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(Config{Locales: fixture(t, tt.name), Fonts: coverage(t)})
			if got := brief(r); !slices.Equal(got, tt.want) {
				t.Fatalf("got\n\t%s\nwant\n\t%s\nall: %v", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"), r.Diagnostics)
			}
			if !strings.Contains(r.Diagnostics[0].Text, tt.text) {
				t.Errorf("first text %q does not say %q", r.Diagnostics[0].Text, tt.text)
			}
			if r.ExitCode() != tt.exit {
				t.Errorf("exit %d, want %d", r.ExitCode(), tt.exit)
			}
		})
	}
}

// TestFontCoverage checks a Sami text against a NotoSans that lacks ŧ
// (U+0167): the same file passes with the real NotoSans, which has it.
func TestFontCoverage(t *testing.T) {
	real, err := fs.ReadFile(fonts.FS(), "NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	runes, err := ReadCmap(real)
	if err != nil {
		t.Fatal(err)
	}
	if !runes['ŧ'] || !runes['ŋ'] {
		t.Fatal("the real NotoSans should map ŧ and ŋ")
	}
	delete(runes, 'ŧ')
	lacking := fstest.MapFS{"NotoSans-Regular.ttf": {Data: cmapFont(runes)}}
	for _, f := range []string{"NotoNaskhArabic-Regular.ttf", "NotoSansEthiopic-Regular.ttf"} {
		data, _ := fs.ReadFile(fonts.FS(), f)
		lacking[f] = &fstest.MapFile{Data: data}
	}
	cov, err := LoadCoverage(lacking)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cov  Coverage
		want []string
	}{
		{"NotoSans without ŧ", cov, []string{"se.toml:13:54: error [font]"}},
		{"the real NotoSans", coverage(t), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(Config{Locales: fixture(t, "font"), Fonts: tt.cov})
			if got := brief(r); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", r.Diagnostics, tt.want)
			}
			if len(tt.want) > 0 && !strings.Contains(r.Diagnostics[0].Text, `U+0167 'ŧ' cannot be printed: neither NotoSans draws it`) {
				t.Errorf("text %q", r.Diagnostics[0].Text)
			}
		})
	}
}

func TestReadCmapRealFonts(t *testing.T) {
	cov := coverage(t)
	tests := []struct {
		family string
		r      rune
		want   bool
	}{
		{"NotoSans", 'ŧ', true},
		{"NotoSans", 'ệ', true},
		{"NotoSansEthiopic", 'ሀ', true},
		{"NotoSansEthiopic", 'ŧ', false},
		{"NotoNaskhArabic", 'ڵ', true}, // Sorani
		{"NotoNaskhArabic", 'ټ', true}, // Pashto
		{"NotoNaskhArabic", 'ሀ', false},
		{"NotoSansHebrew", 'ײ', true},
		{"NotoLoopedThai", 'ก', true},
		{"NoSuchFamily", 'a', false},
	}
	for _, tt := range tests {
		if got := cov.Covers(tt.family, tt.r); got != tt.want {
			t.Errorf("%s covers %q: %v, want %v", tt.family, tt.r, got, tt.want)
		}
	}
}

// cmapFont builds the smallest font ReadCmap accepts: an sfnt with only a
// cmap table of format 12 mapping runes to glyphs 1, 2, 3 ….
func cmapFont(runes map[rune]bool) []byte {
	list := make([]rune, 0, len(runes))
	for r, ok := range runes {
		if ok {
			list = append(list, r)
		}
	}
	slices.Sort(list)
	var groups [][3]uint32
	for i, r := range list {
		if n := len(groups); n > 0 && groups[n-1][1]+1 == uint32(r) {
			groups[n-1][1]++
			continue
		}
		groups = append(groups, [3]uint32{uint32(r), uint32(r), uint32(i + 1)})
	}
	be := binary.BigEndian
	sub := be.AppendUint16(nil, 12)
	sub = be.AppendUint16(sub, 0)
	sub = be.AppendUint32(sub, uint32(16+12*len(groups)))
	sub = be.AppendUint32(sub, 0)
	sub = be.AppendUint32(sub, uint32(len(groups)))
	for _, g := range groups {
		sub = be.AppendUint32(be.AppendUint32(be.AppendUint32(sub, g[0]), g[1]), g[2])
	}
	cmap := be.AppendUint16(be.AppendUint16(nil, 0), 1)
	cmap = be.AppendUint32(be.AppendUint16(be.AppendUint16(cmap, 3), 10), 12)
	cmap = append(cmap, sub...)
	font := be.AppendUint32(nil, 0x00010000)
	font = be.AppendUint16(font, 1)
	font = append(font, 0, 16, 0, 0, 0, 0)
	font = append(font, "cmap"...)
	font = be.AppendUint32(font, 0)
	font = be.AppendUint32(font, 28)
	font = be.AppendUint32(font, uint32(len(cmap)))
	return append(font, cmap...)
}

// TestPositionsPointAtTheCharacter reads each error position back from the
// fixture file and checks that it names the character the text says.
func TestPositionsPointAtTheCharacter(t *testing.T) {
	tests := []struct {
		name string
		want string // what the file has at the position
	}{
		{"rlo", "\u202e"},
		{"rlo_escaped", `\u202E`},
		{"multiline", "\u202e"},
		{"zwsp", "\u200b"},
		{"zwnj", "\u200c"},
		{"script", "call this line"},
		{"placeholder_added", ".Municipality"},
		{"phone", "Call"}, // the first diagnostic is the missing number, at the text's start
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, tt.name)
			r := Check(Config{Locales: fsys, Fonts: coverage(t)})
			d := r.Diagnostics[len(r.Diagnostics)-1]
			if tt.name == "phone" {
				d = r.Diagnostics[0]
			}
			data, _ := fs.ReadFile(fsys, d.File)
			line := []rune(strings.Split(string(data), "\n")[d.Line-1])
			if got := string(line[d.Col-1:]); !strings.HasPrefix(got, tt.want) {
				t.Errorf("%s points at %q, want %q", d, got, tt.want)
			}
		})
	}
}

func TestDiagnosticString(t *testing.T) {
	d := Diagnostic{File: "locales/ar.toml", Line: 12, Col: 9, Severity: Error, Rule: RulePlaceholder, ID: "vald.intro", Text: "x"}
	if got, want := d.String(), "locales/ar.toml:12:9: error: vald.intro: x [placeholder]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestContacts(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ring 112 eller 114 14.", []string{"phone number 112", "phone number 11414"}},
		{"Ring 020-50 50 50.", []string{"phone number 020505050"}},
		{"اتصل ١١٢", []string{"phone number 112"}},
		{"Du är 18 år.", nil},
		{"Gå till 1177.se eller www.bris.se/chatt.", []string{"web address 1177.se", "web address www.bris.se/chatt"}},
		{"Skriv till info@kommun.se.", []string{"e-mail address info@kommun.se"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range contacts(tt.in) {
			got = append(got, c.kind+" "+c.key)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("contacts(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestUnbalanced(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"a\u2066b\u2069c", 0},
		{"a\u2066b", 1},
		{"a\u2069", 1},
		{"\u202Bx\u202C", 0},
		{"\u2067\u202Ax\u2069", 1}, // the embedding is ended by the isolate's close
		{"\u202C", 1},
	}
	for _, tt := range tests {
		if got := len(unbalanced(plain(tt.in))); got != tt.want {
			t.Errorf("unbalanced(%+q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	base := fixture(f, "")
	for _, name := range []string{"en.toml", "sv.toml"} {
		f.Add(base[name].Data)
	}
	f.Add([]byte("[a]\nb = '''\n\\u202E'''\n"))
	f.Add([]byte("x = \"\\U0001F600 {{.A}\""))
	cov, err := realCoverage()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["en.toml"] = &fstest.MapFile{Data: data}
		r := Check(Config{Locales: fsys, Fonts: cov})
		for _, d := range r.Diagnostics {
			if d.Line < 1 || d.Col < 1 {
				t.Fatalf("bad position: %v", d)
			}
		}
	})
}

func FuzzReadCmap(f *testing.F) {
	f.Add(cmapFont(map[rune]bool{'a': true, 'ŧ': true}))
	f.Add([]byte("\x00\x01\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ReadCmap(data)
	})
}

// The form's strings are checked against ui/sv.toml, and their findings
// belong to no leaflet locale: an error there never unvets a leaflet.
func TestUIFindingsHaveNoLeafletLocale(t *testing.T) {
	fsys := fixture(t, "")
	fsys["ui/en.toml"] = &fstest.MapFile{Data: []byte("[\"form.title\"]\nother = \"Order \u202Eleaflets\"\n\n[\"language.ar\"]\nother = \"Arabic\"\n")}
	r := Check(Config{Locales: fsys, Fonts: coverage(t)})
	if got := brief(r); !slices.Equal(got, []string{"ui/en.toml:2:16: error [bidi]"}) {
		t.Fatalf("got %v", r.Diagnostics)
	}
	if r.Diagnostics[0].Lang != "" || len(r.Failing("en")) != 0 {
		t.Errorf("a ui/ finding counts against the en leaflet: %+v", r.Diagnostics[0])
	}
}

// LazyCoverage reads the fonts when first asked, and fonts it cannot read
// cover nothing, so the check fails rather than passes.
func TestLazyCoverage(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		want bool
	}{
		{"the shipped fonts", fonts.FS(), true},
		{"no fonts", fstest.MapFS{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := LazyCoverage(tt.fsys)
			if got := c.Has("NotoSans") && c.Covers("NotoSans", 'å'); got != tt.want {
				t.Errorf("NotoSans covers å: %v, want %v", got, tt.want)
			}
		})
	}
}

// LazyCoverage's Printable answers as LoadCoverage's does, and reads the
// fonts of FallbackFamily only for a character they draw.
func TestLazyPrintable(t *testing.T) {
	full, err := realCoverage()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		r     rune
		fonts []string // the files read to answer
	}{
		{"Latin", 'å', []string{"NotoSans-Bold.ttf", "NotoSans-Regular.ttf"}},
		{"a joiner, no glyph needed", '\u200D', []string{}},
		{"Arabic", 'ب', nil},
		{"Ethiopic", 'ሀ', nil},
		{"a telephone", '☎', nil},
		{"Hangul, no font", '한', nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read := &openLog{FS: fonts.FS()}
			c := LazyCoverage(read).(Printer)
			if got, want := c.Printable(tc.r), full.Printable(tc.r); got != want {
				t.Errorf("Printable(%q) = %v, LoadCoverage's %v", tc.r, got, want)
			}
			if tc.fonts != nil && !slices.Equal(read.names, tc.fonts) {
				t.Errorf("read %v, want %v", read.names, tc.fonts)
			}
		})
	}
}

// openLog is a file system that records the .ttf files opened.
type openLog struct {
	fs.FS
	names []string
}

func (o *openLog) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".ttf") {
		o.names = append(o.names, name)
	}
	return o.FS.Open(name)
}

// TestCmapTableAlone: the coverage read from the cmap table alone (at an
// offset of the file) is the coverage read from the whole file, for every
// embedded font.
func TestCmapTableAlone(t *testing.T) {
	names, _ := fs.Glob(fonts.FS(), "*.ttf")
	if len(names) == 0 {
		t.Fatal("no fonts")
	}
	for _, name := range names {
		whole, err := fs.ReadFile(fonts.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ReadCmap(whole)
		if err != nil {
			t.Fatal(err)
		}
		table, err := readCmapTable(fonts.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cmapRunes(table)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(table) >= len(whole)/2 {
			t.Errorf("%s: read %d of %d bytes", name, len(table), len(whole))
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d runes from the cmap table, %d from the file", name, len(got), len(want))
		}
		for _, r := range got {
			if !want[r] {
				t.Fatalf("%s: U+%04X from the cmap table only", name, r)
			}
		}
	}
}

// BenchmarkLoadCoverage reads the coverage of every embedded font, as the
// first request validation of a process does.
func BenchmarkLoadCoverage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCoverage(fonts.FS()); err != nil {
			b.Fatal(err)
		}
	}
}
