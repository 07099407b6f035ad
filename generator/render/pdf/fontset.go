package pdf

import "infogeneratorn/generator/fonts"

// Fonts returns the font set the renderer draws from, for a renderer that
// must draw the same glyphs (generator/render/svg's page previews).
func (r *Renderer) Fonts() *fonts.Set { return r.set }
