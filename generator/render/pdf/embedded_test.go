package pdf

import (
	"testing"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
)

// TestEmbeddedFontsSubset is the check NewEmbedded leaves out at start-up:
// every shipped face parses, and subsetting it whole gives a font that
// reads back with every glyph (New does it for any set).
func TestEmbeddedFontsSubset(t *testing.T) {
	set, err := fonts.Load(fontfiles.FS())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := layout.New(set)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(set, eng)
	if err != nil {
		t.Fatalf("a shipped font fails the subset check: %v", err)
	}
	if len(r.faces) != len(set.Faces()) || len(r.faces) < 12 {
		t.Errorf("New read %d faces of %d", len(r.faces), len(set.Faces()))
	}
}

// TestEmbeddedReadsOnlyTheFacesDrawn: the shipped renderer reads a face
// when a leaflet first draws with it, so a Swedish leaflet leaves the
// Arabic, Ethiopic, Hebrew and Thai faces unread.
func TestEmbeddedReadsOnlyTheFacesDrawn(t *testing.T) {
	r, err := NewEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.faces) != 0 {
		t.Fatalf("NewEmbedded read %d faces before any leaflet", len(r.faces))
	}
	doc, err := composetest.Document("vald_sv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(doc); err != nil {
		t.Fatal(err)
	}
	for face := range r.faces {
		if face.Family != fonts.FamilySans {
			t.Errorf("a Swedish leaflet read %s", face.File)
		}
	}
	if len(r.faces) == 0 {
		t.Error("no face read for a Swedish leaflet")
	}
}
