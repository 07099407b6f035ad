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

// scriptLeading is the body line advance per script: Arabic script with
// its marks, Thai with stacked vowels and tone marks, and Ethiopic need
// more room between lines than Latin and Cyrillic.
var scriptLeading = map[string]float64{"Arab": 1.75, "Hebr": 1.55, "Thai": 1.7, "Ethi": 1.6}

// sizes are a design's font sizes in points.
type sizes struct {
	body, title, heading, municipality float64
	label, name, phone, small, footer  float64
}

// Base sizes in Latin points, before fitting: regular print on A4 and A5,
// and large print (UK clear-print guidance: 16 pt body or more), and the
// floors fitting never goes below. Text that is read (body, list items,
// the notice, card descriptions, hours and addresses) is at least 10 pt,
// in large print 16 pt; phone numbers at least 14 pt. A script whose
// short letters are smaller in the em than Latin ones is set larger by
// that ratio (see scriptScale), floors included.
var (
	sizesA4    = sizes{body: 11, title: 24, heading: 15, municipality: 10, label: 9.5, name: 11.5, phone: 16, small: 10, footer: 8}
	sizesA5    = sizes{body: 10, title: 19, heading: 13, municipality: 9, label: 8.5, name: 10.5, phone: 14, small: 10, footer: 7.5}
	sizesLarge = sizes{body: 16, title: 30, heading: 20, municipality: 14, label: 14, name: 16, phone: 20, small: 16, footer: 12}

	floorRegular = sizes{body: 10, title: 16, heading: 12, municipality: 8, label: 8, name: 10, phone: 14, small: 10, footer: 7}
	floorLarge   = sizes{body: 16, title: 24, heading: 18, municipality: 12, label: 13, name: 16, phone: 18, small: 16, footer: 12}
)

// fitStep scales a design to fit a page budget: text sizes by text (each
// held at its floor), spacing between blocks, lines and cards by space.
type fitStep struct{ text, space float64 }

// fitSteps are tried from the largest to the smallest: a leaflet is set
// at the largest step that fits its budget and its paper allows (see
// maxText). Steps above 1 fill a longer budget with larger text; below 1
// they tighten spacing, then text down to the floors.
var fitSteps = []fitStep{
	{1.5, 1.6}, {1.5, 1.45}, {1.45, 1.4}, {1.4, 1.35}, {1.35, 1.3}, {1.3, 1.6}, {1.3, 1.45},
	{1.3, 1.25}, {1.25, 1.2}, {1.2, 1.15}, {1.15, 1.1}, {1.1, 1.05}, {1.05, 1},
	{1, 1}, {1, 0.9}, {0.97, 0.85}, {0.94, 0.8}, {0.91, 0.75}, {0.88, 0.7}, {0.85, 0.65}, {0.8, 0.6},
}

// maxText is the largest text step a paper is filled with, an upper
// bound on body text in Latin points: A4 14.3 pt (11 × 1.3), A5 15 pt
// (10 × 1.5), large print 24 pt (16 × 1.5). A5 and large print go
// further than A4 because their budgets are set by the Arabic-script
// leaflets, whose text is 1.3 times larger with 1.25 times the leading:
// a Latin leaflet of the same topic has about half their length to
// fill the same count with (easy-to-read Swedish less still).
func maxText(paper vocab.Paper, large bool) float64 {
	switch {
	case large:
		return 1.5
	case paper == vocab.A5:
		return 1.5
	}
	return 1.3
}

// fills reports a step that only fills a short leaflet's budget: text
// above 1.3 or spacing above 1.25.
func (s fitStep) fills() bool { return s.text > maxTitleStep || s.space > 1.25 }

// maxTitleStep bounds the title's (and with it the logo's) growth: above
// it, fitting enlarges the text that is read, not the header.
const maxTitleStep = 1.3

// baseStep is the design as drawn: the step a leaflet without a budget
// is set at.
var baseStep = fitStep{1, 1}

func newDesign(paper vocab.Paper, large bool, script string, xscale float64, step fitStep) design {
	w, h := paper.SizeMM()
	d := design{pageW: w * mm, pageH: h * mm, leading: 1.4, columns: 2}
	base, floor := sizesA4, floorRegular
	if paper == vocab.A5 {
		base = sizesA5
		d.marginX, d.marginTop, d.marginBottom = 12*mm, 10*mm, 8*mm
		d.pad, d.cardGap, d.stripH = 7, 6, 3*mm
	} else {
		d.marginX, d.marginTop, d.marginBottom = 18*mm, 14*mm, 10*mm
		d.pad, d.cardGap, d.stripH = 9, 8, 4*mm
	}
	if large {
		base, floor = sizesLarge, floorLarge
	}
	if l, ok := scriptLeading[script]; ok {
		d.leading = l
	}
	// Tighter spacing takes a little of the leading too, never below
	// 1.25 (Latin) or the script's own leading less 10 %.
	d.leading = max(d.leading*(1-0.3*(1-min(step.space, 1))), d.leading*0.9, min(d.leading, 1.25))
	// Steps with spacing above 1.25 fill a short leaflet's longer
	// budget: their lines open up too, up to 17.5 % more leading at
	// spacing 1.6.
	d.leading *= 1 + 0.5*max(0, step.space-1.25)
	d.tight = d.leading * 0.85
	xscale = max(xscale, 1)
	size := func(b, f float64, scaled bool) float64 {
		v := max(b*step.text, f)
		if scaled {
			v *= xscale
		}
		return v
	}
	d.body = size(base.body, floor.body, true)
	d.title = max(base.title*min(step.text, maxTitleStep), floor.title) * xscale
	d.heading = size(base.heading, floor.heading, true)
	d.municipality = size(base.municipality, floor.municipality, true)
	d.label = size(base.label, floor.label, true)
	d.name = size(base.name, floor.name, true)
	d.small = size(base.small, floor.small, true)
	d.footer = size(base.footer, floor.footer, true)
	// Phone numbers are digits, set in the Latin face in every script.
	d.phone = size(base.phone, floor.phone, false)
	sp := step.space
	d.pad *= min(sp, 1)
	d.cardGap *= min(sp, 1.3)
	d.paraGap = 0.6 * d.body * sp
	d.headingGap = 1.0 * d.body * sp
	d.headingKeep = 0.3 * d.body * sp
	d.itemGap = 0.3 * d.body * sp
	d.indent = 1.5 * d.body
	d.bullet = 0.34 * d.body
	d.fieldGap = 0.35 * d.body * sp
	d.accent = 3
	return d
}

// contentW is the width between the side margins.
func (d design) contentW() float64 { return d.pageW - 2*d.marginX }
