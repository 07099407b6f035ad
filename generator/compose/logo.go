package compose

import (
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// MinLogoResolution is the resolution, in pixels per inch, below which a
// logo prints visibly soft: print shops ask for 300, and accept 150 for
// line art at small sizes.
const MinLogoResolution = 150

// logoSize is the size, in points, at which img prints in the header: as
// tall as two title lines, at most 30 % of the content width.
func (d design) logoSize(img *document.Image) (w, h float64) {
	maxH, maxW := 2.2*d.title, 0.3*d.contentW()
	h = maxH
	w = h * float64(img.Width) / float64(img.Height)
	if w > maxW {
		w, h = maxW, maxW*float64(img.Height)/float64(img.Width)
	}
	return w, h
}

// maxScriptScale bounds scriptScale over the set's fonts (Noto Naskh
// Arabic measures 1.31; TestScriptScale checks the bound): the logo's
// resolution is reckoned with it where the font is not Latin.
const maxScriptScale = 1.4

// LogoResolutionAnyScript returns the lowest resolution at which a logo
// of w × h pixels prints on paper, in any script's leaflet and in large
// print (the title's size, and with it the logo's, depends on both).
func LogoResolutionAnyScript(paper vocab.Paper, w, h int) float64 {
	img := &document.Image{Width: w, Height: h}
	low := logoResolution(paper, false, 1, img)
	for _, large := range []bool{false, true} {
		low = min(low, logoResolution(paper, large, maxScriptScale, img))
	}
	return low
}

// LogoResolution returns the resolution, in pixels per inch, at which
// doc's logo prints: its width in pixels over its printed width, at the
// largest fitting step (the largest the logo prints at). It is 0 when doc
// has no logo.
func LogoResolution(doc *document.Document) float64 {
	img := doc.Logo
	if img == nil || img.Width <= 0 || img.Height <= 0 {
		return 0
	}
	xscale := 1.0
	if doc.Font != "" && doc.Font != fonts.FamilySans {
		xscale = maxScriptScale
	}
	return logoResolution(doc.Paper, doc.LargePrint, xscale, img)
}

func logoResolution(paper vocab.Paper, large bool, xscale float64, img *document.Image) float64 {
	if img.Width <= 0 || img.Height <= 0 {
		return 0
	}
	w, _ := newDesign(paper, large, "", xscale, fitSteps[0]).logoSize(img)
	return float64(img.Width) / (w / 72)
}
