package compose

import "infogeneratorn/generator/vocab"

// mm is one millimetre in points.
const mm = 72 / 25.4

// Colours. Text on white and white on brand keep a contrast ratio of at
// least 7:1 (WCAG AAA); the tints are backgrounds for dark text.
var (
	colorInk        = Color{28, 28, 28}    // body text
	colorBrand      = Color{23, 74, 107}   // header band, headings, card labels, accents
	colorOnBrand    = Color{255, 255, 255} // title on the header band
	colorWhite      = Color{255, 255, 255} // the panel behind a logo
	colorOnBrandDim = Color{214, 230, 242} // municipality name on the header band
	colorTint       = Color{234, 241, 246} // card and footer background
	colorNotice     = Color{252, 235, 234} // notice background
	colorAlert      = Color{180, 35, 24}   // notice accent
	colorMuted      = Color{61, 74, 85}    // footer text, proof labels
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
		d.pad, d.cardGap, d.columns, d.stripH = 7, 6, 1, 3*mm
	} else {
		d.marginX, d.marginTop, d.marginBottom = 18*mm, 14*mm, 10*mm
		d.body, d.title, d.heading, d.municipality = 11, 24, 15, 10
		d.label, d.name, d.phone, d.small, d.footer = 9.5, 11.5, 16, 10, 8
		d.pad, d.cardGap, d.stripH = 9, 8, 4*mm
	}
	if l, ok := scriptLeading[script]; ok {
		d.leading = l
		// Text extractors (poppler: 1.5) take lines farther apart than
		// about one and a half times their size for separate blocks, and
		// then interleave the lines of cards that stand side by side.
		// Scripts set with more leading get one card per row.
		d.columns = 1
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
