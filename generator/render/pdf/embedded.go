package pdf

import (
	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
)

// NewEmbedded builds the renderer the program ships: the font set from
// the fonts built into the binary and a layout engine over it. Call it
// once per process; the renderer is safe for concurrent use.
//
// It reads a face only when a leaflet first draws with it, so that a run
// loads the fonts of its own scripts only, and does not subset each face
// whole first as New does: TestEmbeddedFontsSubset does that for these
// fonts, once, when they are built.
func NewEmbedded() (*Renderer, error) {
	set, err := fonts.Open(fontfiles.FS())
	if err != nil {
		return nil, err
	}
	eng, err := layout.New(set)
	if err != nil {
		return nil, err
	}
	return newRenderer(set, eng, false)
}

// Setter returns the layout the renderer composes with, for callers that
// compose without rendering (page-budget measurements).
func (r *Renderer) Setter() compose.Setter { return r.setter }

// Memo returns how the renderer remembers the fitting of the leaflets it
// made (see compose.Memo), for the SVG renderer drawing the same pages.
func (r *Renderer) Memo() *compose.Memo { return r.memo }
