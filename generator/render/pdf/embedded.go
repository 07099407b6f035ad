package pdf

import (
	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
)

// NewEmbedded builds the renderer the program ships: the font set from
// the fonts built into the binary and a layout engine over it. Call it
// once per process; the renderer is safe for concurrent use.
func NewEmbedded() (*Renderer, error) {
	set, err := fonts.Load(fontfiles.FS())
	if err != nil {
		return nil, err
	}
	eng, err := layout.New(set)
	if err != nil {
		return nil, err
	}
	return New(set, eng)
}
