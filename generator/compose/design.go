package compose

import "infogeneratorn/generator/vocab"

// mm is one millimetre in points.
const mm = 72 / 25.4

// Colours. Each is defined in CMYK for print (percent ink for the
// registered printing condition FOGRA39, coated paper, ISO 12647-2) and in
// sRGB for screens. The CMYK values are the print specification; each RGB
// value is that CMYK patch's measured colour in Fogra's FOGRA39L
// characterisation data (Debian's icc-profiles-free, FOGRA39L.ti3),
// media-relative (paper white is #ffffff), converted to sRGB, so that the
// screen rendition looks like the print (TestDesignRGBMatchesFOGRA39
// recomputes them). Every CMYK value is one of the data's measured
// patches. Text and thin rules are K only
// where they are black or grey, never rich black; coloured text (brand
// headings and labels) uses at most three inks, none of them Y.
//
// Contrast of the sRGB renditions (WCAG 2 ratio): ink on white 14.2:1,
// on tint 13.3:1, on notice 12.9:1; brand on white 10.5:1, on tint 9.9:1;
// white on brand 10.5:1, onBrandDim on brand 9.6:1; muted on tint 6.3:1
// (AA), on white 6.7:1; the alert bar against the notice 4.8:1 (graphics
// need 3:1). The HTML leaflet (templates/leaflet.css) uses the same sRGB
// values: one identity, navy brand and red notice, on paper and screen.
var (
	colorInk        = Color{R: 43, G: 43, B: 42, K: 100}                 // body text: 100 % K
	colorBrand      = Color{R: 22, G: 63, B: 116, C: 100, M: 70, K: 40}  // header band, headings, card labels, accents
	colorOnBrand    = Color{R: 255, G: 255, B: 255}                      // title on the header band: paper white
	colorWhite      = Color{R: 255, G: 255, B: 255}                      // the panel behind a logo: paper white
	colorOnBrandDim = Color{R: 234, G: 247, B: 254, C: 10}               // municipality name on the header band
	colorTint       = Color{R: 241, G: 249, B: 255, C: 7}                // card and footer background
	colorNotice     = Color{R: 254, G: 242, B: 237, M: 7, Y: 7}          // notice background
	colorAlert      = Color{R: 210, G: 33, B: 36, M: 100, Y: 100, K: 10} // notice accent bar (not text)
	colorMuted      = Color{R: 92, G: 92, B: 91, K: 80}                  // footer text, proof labels: 80 % K
	colorRule       = Color{R: 180, G: 179, B: 179, K: 40}               // thin rules (proof sheets): K only
)

// design is the leaflet's measures for one paper size and script.
type design struct {
	pageW, pageH float64
	marginX      float64 // left and right
	marginTop    float64
	marginBottom float64

	// Font sizes in points (already scaled for the script).
	body, title, heading, municipality float64
	label, name, phone, small, footer  float64

	leading float64 // line advance as a multiple of the size, body text
	tight   float64 // the same for headings and the title

	paraGap     float64 // after a paragraph
	headingGap  float64 // before a heading
	headingKeep float64 // between a heading and its text
	itemGap     float64 // between list items
	indent      float64 // list text indent
	bullet      float64 // bullet diameter
	pad         float64 // inside cards and the notice
	fieldGap    float64 // between the fields of a card
	cardGap     float64 // between cards, both ways
	accent      float64 // width of the start-side accent bar
	columns     int     // cards per row (see newDesign)
	stripH      float64 // the brand strip at the top of pages after the first
}

// scriptScale makes text in scripts with a small body in the em square
// (Arabic Naskh, Thai) read at the size of the Latin text.
var scriptScale = map[string]float64{"Arab": 1.15, "Hebr": 1.08, "Thai": 1.1, "Ethi": 1.05}

// scriptLeading is the body line advance per script: Arabic script with
// its marks, Thai with stacked vowels and tone marks, and Ethiopic need
// more room between lines than Latin and Cyrillic.
var scriptLeading = map[string]float64{"Arab": 1.75, "Hebr": 1.55, "Thai": 1.7, "Ethi": 1.6}

func newDesign(paper vocab.Paper, script string) design {
	w, h := paper.SizeMM()
	d := design{pageW: w * mm, pageH: h * mm, leading: 1.4, columns: 2}
	if paper == vocab.A5 {
		d.marginX, d.marginTop, d.marginBottom = 12*mm, 10*mm, 8*mm
		d.body, d.title, d.heading, d.municipality = 10, 19, 13, 9
		d.label, d.name, d.phone, d.small, d.footer = 8.5, 10.5, 14, 9, 7.5
		d.pad, d.cardGap, d.stripH = 7, 6, 3*mm
	} else {
		d.marginX, d.marginTop, d.marginBottom = 18*mm, 14*mm, 10*mm
		d.body, d.title, d.heading, d.municipality = 11, 24, 15, 10
		d.label, d.name, d.phone, d.small, d.footer = 9.5, 11.5, 16, 10, 8
		d.pad, d.cardGap, d.stripH = 9, 8, 4*mm
	}
	if l, ok := scriptLeading[script]; ok {
		d.leading = l
	}
	d.tight = d.leading * 0.85
	if s, ok := scriptScale[script]; ok {
		for _, p := range []*float64{&d.body, &d.title, &d.heading, &d.municipality,
			&d.label, &d.name, &d.phone, &d.small, &d.footer} {
			*p *= s
		}
	}
	d.paraGap = 0.6 * d.body
	d.headingGap = 1.0 * d.body
	d.headingKeep = 0.3 * d.body
	d.itemGap = 0.3 * d.body
	d.indent = 1.5 * d.body
	d.bullet = 0.34 * d.body
	d.fieldGap = 0.35 * d.body
	d.accent = 3
	return d
}

// contentW is the width between the side margins.
func (d design) contentW() float64 { return d.pageW - 2*d.marginX }
