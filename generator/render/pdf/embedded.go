package pdf

import (
	"fmt"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/prepared"
)

// NewEmbedded builds the renderer the program ships: the font set from
// the fonts built into the binary and a layout engine over it, with the
// shipped paragraphs prepared ahead of time and the shipped leaflets'
// fitting steps as hints (package prepared). Call it
// once per process; the renderer is safe for concurrent use.
//
// It reads a face only when a leaflet first draws with it, so that a run
// loads the fonts of its own scripts only, and does not subset each face
// whole first as New does: TestEmbeddedFontsSubset does that for these
// fonts, once, when they are built.
func NewEmbedded() (*Renderer, error) { return NewEmbeddedWith(EmbeddedOptions{}) }

// EmbeddedOptions change what NewEmbeddedWith builds.
type EmbeddedOptions struct {
	// NoPreset leaves the prepared paragraphs out: every paragraph is
	// analysed and shaped, as when making them.
	NoPreset bool
	// Prepared is called with every paragraph the engine prepares (see
	// layout.Options).
	Prepared func(layout.Paragraph)
	// Measured is called with every paragraph the engine is asked to
	// measure, and the width; the engine then caches no lines (see
	// layout.Options).
	Measured func(layout.Paragraph, float64)
	// NoHints leaves the shipped fitting steps out: fitting bisects all
	// the steps, as when making them.
	NoHints bool
	// Fitted, if not nil, records the step of every leaflet fitted in
	// full (see compose.MemoOptions).
	Fitted *compose.Hints
	// Once says that each leaflet is made once, as in one command-line
	// run: the renderer keeps no compressed streams for the next time it
	// draws the same (see streamCache), and takes no digests to find
	// them. All 180 leaflets found 36 of their 1,084 streams, 16 kB, and
	// the digests cost 1.5 % of their CPU.
	Once bool
}

// NewEmbeddedWith is NewEmbedded with options.
func NewEmbeddedWith(opt EmbeddedOptions) (*Renderer, error) {
	set, err := fonts.Open(fontfiles.FS())
	if err != nil {
		return nil, err
	}
	lopt := layout.Options{Prepared: opt.Prepared, Measured: opt.Measured}
	if data := prepared.Paragraphs(); !opt.NoPreset && len(data) > 0 {
		if lopt.Preset, err = layout.ReadPreset(data, set); err != nil {
			return nil, fmt.Errorf("pdf: the prepared paragraphs: %w", err)
		}
	}
	eng, err := layout.NewWith(set, lopt)
	if err != nil {
		return nil, err
	}
	mopt := compose.MemoOptions{Record: opt.Fitted}
	if !opt.NoHints {
		if mopt.Hints, err = compose.ReadHints(prepared.Steps()); err != nil {
			return nil, fmt.Errorf("pdf: the prepared fitting steps: %w", err)
		}
	}
	r, err := newRenderer(set, eng, mopt, false)
	if err != nil {
		return nil, err
	}
	r.z.once = opt.Once
	return r, nil
}

// Setter returns the layout the renderer composes with, for callers that
// compose without rendering (page-budget measurements).
func (r *Renderer) Setter() compose.Setter { return r.setter }

// Memo returns how the renderer remembers the fitting of the leaflets it
// made (see compose.Memo), for the SVG renderer drawing the same pages.
func (r *Renderer) Memo() *compose.Memo { return r.memo }
