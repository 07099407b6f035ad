package layout

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// countingFS counts the files opened through it.
type countingFS struct {
	fs.FS
	opened *int
}

func (c countingFS) Open(name string) (fs.File, error) {
	*c.opened++
	return c.FS.Open(name)
}

// TestNewWithLoadsNoFace: making an engine parses no face. A face is
// read when a leaflet first draws with it, or ahead of that by a caller
// that knows which it will need (infogen's prefetch), not on the path
// every start takes. A set without the Latin face, which draws every
// leaflet's numbers and addresses, is still refused at once.
func TestNewWithLoadsNoFace(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf"} {
		data, err := fs.ReadFile(fontfiles.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	opened := 0
	set, err := fonts.Open(countingFS{files, &opened})
	if err != nil {
		t.Fatal(err)
	}
	before := opened
	e, err := NewWith(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if opened != before {
		t.Errorf("NewWith opened %d font files", opened-before)
	}
	// The faces are read when first drawn with.
	if _, err := e.Lines(Paragraph{Text: "Ring 035-13 70 00", Lang: "sv", Dir: vocab.LTR, Style: Style{Size: 11}, Font: fonts.FamilySans}, 200); err != nil {
		t.Fatal(err)
	}
	if opened == before {
		t.Error("setting a Latin paragraph read no font file")
	}

	delete(files, "NotoSans-Regular.ttf")
	noLatin, err := fonts.Open(files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewWith(noLatin, Options{}); err == nil || !strings.Contains(err.Error(), fonts.FamilySans) {
		t.Errorf("a set without %s: %v, want an error naming it", fonts.FamilySans, err)
	}
}
