package fonts_test

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/fonts"

	"github.com/go-text/typesetting/language"
)

func loadSet(t *testing.T) *fonts.Set {
	t.Helper()
	s, err := fonts.Load(fontfiles.FS())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoad(t *testing.T) {
	s := loadSet(t)
	if n := len(s.Faces()); n != 14 {
		t.Fatalf("%d faces, want 14", n)
	}
	tests := []struct {
		family string
		bold   bool
		ps     string
	}{
		{fonts.FamilySans, false, "NotoSans-Regular"},
		{fonts.FamilySans, true, "NotoSans-Bold"},
		{fonts.FamilyNaskh, false, "NotoNaskhArabic-Regular"},
		{fonts.FamilyNastaliq, true, "NotoNastaliqUrdu-Bold"},
		{fonts.FamilyHebrew, false, "NotoSansHebrew-Regular"},
		{fonts.FamilyThai, true, "NotoLoopedThai-Bold"},
		{fonts.FamilyEthiopic, false, "NotoSansEthiopic-Regular"},
		{fonts.FamilySymbols, false, "NotoSansSymbols-Regular"},
		{fonts.FamilySymbols2, true, "NotoSansSymbols2-Regular"}, // no bold face: the regular one
	}
	for _, tt := range tests {
		f, ok := s.Face(tt.family, tt.bold)
		if !ok || f.PSName != tt.ps || f.Bold != (tt.bold && strings.HasSuffix(tt.ps, "-Bold")) || f.Family != tt.family {
			t.Errorf("Face(%s, %v) = %+v, %v; want %s", tt.family, tt.bold, f, ok, tt.ps)
			continue
		}
		if f.File != tt.ps+".ttf" || len(f.Data) == 0 || f.UnitsPerEm != 1000 || f.Ascender <= 0 || f.Descender >= 0 || f.NumGlyphs < 100 {
			t.Errorf("%s: implausible face data: file %s, %d bytes, upem %d, asc %d, desc %d, %d glyphs",
				tt.ps, f.File, len(f.Data), f.UnitsPerEm, f.Ascender, f.Descender, f.NumGlyphs)
		}
		if s.Shaping(f) == nil {
			t.Errorf("%s: no shaping face", tt.ps)
		}
	}
	if _, ok := s.Face("Comic", false); ok {
		t.Error("unknown family found")
	}
}

func TestResolve(t *testing.T) {
	s := loadSet(t)
	tests := []struct {
		name    string
		primary string
		r       rune
		want    string
	}{
		{"Arabic letter in its face", fonts.FamilyNaskh, 'ب', fonts.FamilyNaskh},
		{"Latin letter in Arabic text falls back to NotoSans", fonts.FamilyNaskh, 'a', fonts.FamilySans},
		{"digit in Hebrew text falls back to NotoSans", fonts.FamilyHebrew, '7', fonts.FamilySans},
		{"Thai in Latin text", fonts.FamilySans, 'ก', fonts.FamilyThai},
		{"Ethiopic in Arabic text", fonts.FamilyNaskh, 'ሀ', fonts.FamilyEthiopic},
		{"Vietnamese in Latin", fonts.FamilySans, 'ộ', fonts.FamilySans},
		{"Sami in Latin", fonts.FamilySans, 'ŋ', fonts.FamilySans},
		{"Cyrillic in Latin", fonts.FamilySans, 'Ж', fonts.FamilySans},
		{"Pashto letter", fonts.FamilyNaskh, 'ټ', fonts.FamilyNaskh},
		{"Sorani letter", fonts.FamilyNaskh, 'ڵ', fonts.FamilyNaskh},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := s.Resolve(tt.primary, false, tt.r)
			if err != nil || f.Family != tt.want {
				t.Fatalf("Resolve(%s, %q) = %v, %v; want %s", tt.primary, tt.r, f, err, tt.want)
			}
		})
	}
	_, err := s.Resolve(fonts.FamilyNaskh, false, 0x1F600)
	var nf *fonts.NoFaceError
	if !errors.As(err, &nf) || nf.Rune != 0x1F600 {
		t.Fatalf("got %v, want a NoFaceError for U+1F600", err)
	}
}

func TestHomeFamily(t *testing.T) {
	s := loadSet(t)
	tests := []struct {
		primary string
		script  language.Script
		want    string
		ok      bool
	}{
		{fonts.FamilyNaskh, language.Arabic, fonts.FamilyNaskh, true},
		{fonts.FamilyNastaliq, language.Arabic, fonts.FamilyNastaliq, true},
		{fonts.FamilySans, language.Arabic, fonts.FamilyNaskh, true},
		{fonts.FamilyNaskh, language.Latin, fonts.FamilySans, true},
		{fonts.FamilyThai, language.Cyrillic, fonts.FamilySans, true},
		{fonts.FamilySans, language.Han, "", false},
	}
	for _, tt := range tests {
		got, ok := s.HomeFamily(tt.primary, tt.script)
		if got != tt.want || ok != tt.ok {
			t.Errorf("HomeFamily(%s, %v) = %s, %v; want %s, %v", tt.primary, tt.script, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	sans, err := fontfiles.FS().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"no fonts", fstest.MapFS{"OFL.txt": {Data: []byte("licence")}}},
		{"bad name", fstest.MapFS{"NotoSans.ttf": {Data: sans}}},
		{"not a font", fstest.MapFS{"Broken-Regular.ttf": {Data: []byte("not a font")}}},
		{"bold without regular", fstest.MapFS{"NotoSans-Bold.ttf": {Data: sans}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := fonts.Load(tt.fsys); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// TestSymbolsACommunicatorTypes: the arrows, check marks and telephones
// people put into contact names resolve to a face in every script's
// chain, and emoji, CJK and Hangul to none (the request refuses them).
func TestSymbolsACommunicatorTypes(t *testing.T) {
	s := loadSet(t)
	for _, primary := range []string{fonts.FamilySans, fonts.FamilyNaskh, fonts.FamilyThai, fonts.FamilyEthiopic, fonts.FamilyHebrew} {
		for _, r := range "→←↑✓✔✗☎✆✉★•" {
			if _, err := s.Resolve(primary, true, r); err != nil {
				t.Errorf("%s: %v", primary, err)
			}
		}
		for _, r := range "😀社한" {
			if _, err := s.Resolve(primary, false, r); err == nil {
				t.Errorf("%s: %s resolves, but no face of the set is meant to draw it", primary, fonts.RuneName(r))
			}
		}
	}
}

// TestXHeight: every face has an x-height measured from its script's
// short letters; Noto Naskh Arabic's is smaller in the em than Noto
// Sans's (its text is set larger), Hebrew's, Thai's and Ethiopic's not.
func TestXHeight(t *testing.T) {
	s, err := fonts.Load(fontfiles.FS())
	if err != nil {
		t.Fatal(err)
	}
	em := func(family string) float64 {
		f, ok := s.Face(family, false)
		if !ok || f.XHeight <= 0 {
			t.Fatalf("%s: no x-height", family)
		}
		return float64(f.XHeight) / float64(f.UnitsPerEm)
	}
	latin := em(fonts.FamilySans)
	if latin < 0.5 || latin > 0.56 {
		t.Errorf("Noto Sans x-height %.3f em, want about 0.536", latin)
	}
	if r := latin / em(fonts.FamilyNaskh); r < 1.2 || r > 1.45 {
		t.Errorf("Latin/Naskh x-height ratio %.2f", r)
	}
	for _, f := range []string{fonts.FamilyHebrew, fonts.FamilyThai, fonts.FamilyEthiopic} {
		if em(f) < latin {
			t.Errorf("%s x-height %.3f em below Latin's %.3f", f, em(f), latin)
		}
	}
}

// TestFaceDataInPlace: a set on the embedded fonts uses each file's bytes
// where the binary has them, not a copy on the heap; a file system that
// cannot hand them out gets a copy read with fs.ReadFile.
func TestFaceDataInPlace(t *testing.T) {
	embedded := fontfiles.FS()
	inPlace, _ := embedded.(interface{ Bytes(string) ([]byte, bool) }).Bytes("NotoSans-Regular.ttf")
	copied, err := fs.ReadFile(embedded, "NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		fsys       fs.FS
		wantShared bool
	}{
		{"embedded", embedded, true},
		{"plain file system", fstest.MapFS{"NotoSans-Regular.ttf": {Data: copied}}, false},
	}
	for _, tt := range tests {
		s, err := fonts.Open(tt.fsys)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		f, ok := s.Face(fonts.FamilySans, false)
		if !ok {
			t.Fatalf("%s: no NotoSans face", tt.name)
		}
		if !bytes.Equal(f.Data, inPlace) {
			t.Fatalf("%s: Data differs from the file", tt.name)
		}
		if shared := &f.Data[0] == &inPlace[0]; shared != tt.wantShared {
			t.Errorf("%s: Data shares the embedded bytes = %v, want %v", tt.name, shared, tt.wantShared)
		}
	}
}
