// Package compose lays a resolved document out on pages: the leaflet's
// design and its pagination. Its output is pure data, lines of positioned
// glyphs (from generator/layout) and filled boxes in points on the trim
// box, which a renderer draws (generator/render/pdf).
//
// # Design
//
// The first page opens with a brand-coloured band that carries the
// municipality's name and the title and runs into the bleed; the pages
// after it have a thin strip of the same colour. Every page ends with the
// footer lines on a tinted band. In between flow the blocks: headings,
// paragraphs, bulleted lists (the bullet on the start side), the notice (a
// tinted box with an accent bar on the start side), and contact cards
// (role label, local name, description, phone numbers large and bold,
// hours, e-mail, web, address, notes), two to a row on A4 and A5 in
// every script. On A5 a column is 59 mm wide and holds about 26–29
// characters of card text (measured on vald_sv and vald_ar), a newspaper
// column's measure. Readers get the cards' order from the tagged PDF's
// structure tree, not from the positions a text extractor guesses
// reading order from. A phone number, e-mail address or URL that does not
// fit its column is set smaller (never below 60 %), as such stretches are
// never broken.
// Right-to-left documents mirror: text aligns right, bullets and accent
// bars stand on the right, the first card of a row is the right one.
//
// Sizes, margins and spacing come per paper size (A4, A5) and for large
// print (body text 16 pt or more). Text in a script whose short letters
// are smaller in the em than Latin ones is set larger by that ratio,
// measured from the fonts (fonts.Face.XHeight): Noto Naskh Arabic 1.31
// times; Hebrew, Thai and Ethiopic letters stand as tall as Latin ones and
// keep the Latin sizes, with more leading (design.go). Floors, in Latin
// points times that ratio: read text 10 pt (large print 16 pt); phone
// numbers 14 pt.
//
// # Pagination and page budgets
//
// Content is cut into slices, one per line (a row of cards is one slice),
// that never break. A heading is kept with the first lines of what
// follows, and so is an introduction of up to three lines after a heading
// (the section's first lines, item or cards come with it); the first two
// and last two lines of a paragraph or list item
// stay together; a card or notice is kept whole (set without a budget, a
// card taller than a page breaks between its lines). Line boxes include the
// line's ascent and descent, so no two lines overlap and nothing is
// clipped.
//
// A document with Pages set (its topic's page budget, from build) is set
// on exactly that many pages, its pages filled deliberately: every page
// at least 40 % down to the footer (floorFill) where the content allows,
// and for the shipped leaflets it does in every variant. Fitting sets the
// flow at a text step (fitSteps: text from the paper's cap, maxText, down
// to the floors, spacing from 1.6 times down to 0.6; above 1.3 the
// leading opens up too, and the title stays at 1.3) and finds the largest
// step at which it fits by binary search (the smallest step is tried
// only when no larger one fits); with a hint of where a leaflet like it
// fitted (Hints, through a Memo), the run of steps around the hint along
// which neither text nor spacing grows is searched from the hint
// outwards first, two probes when the hint is right, and bisection takes
// that run's answers from it: the same step, fewer trials. Trial steps
// are measured, not drawn: the setter's Measure gives the lines' heights
// without glyph runs, a
// measured slice is a bare line box (no Line placed in it, no boxes), a
// card row only its height, and the title's balancing is done once per
// size and frame (a width it tries in the reach of an earlier try's
// lines, layout.Reach, comes out as that try did and is not set); a
// trial step stops setting its flow once the part set takes more pages
// than the budget, as all fitting asks of a step that does not fit is
// that it does not (the smallest step is set whole, for the
// BudgetError's count); only the chosen step is set in full, and its
// slices must have the measured heights. Blocks append their slices
// straight into the flow. Of that step and the ones below
// it (two more, or up to maxScan while a page stays below the floor) it
// takes the one whose emptiest page is fullest (up to the floor), then,
// on regular print, one that keeps the cards two to a row where a step
// above 1.3 would stack them, then the best balanced: a smaller step can shrink a large unbreakable group
// (a row of cards, a heading with its introduction and first cards)
// enough that two share a page. Its blocks are broken into pages by
// dynamic programming (balance: first the largest least fill any
// breaking reaches, then, among the breakings that keep it, no page's
// text below 60 % where the content allows, fuller pages first), and
// each page's leftover room is shared out between its blocks (each gap
// up to six times its size). The caps, in Latin points of body text: A4
// 14.3 pt, A5 15 pt, large print 24 pt; A5 and large print go further
// because their budgets are set by Arabic-script leaflets about twice
// as long as the Latin ones of the same topic. A document that does not
// fit even at the floors, or holds a card or a heading with its text
// taller than a page, is a *BudgetError naming topic and language.
// Without Pages, the document is set at the base sizes on as many pages
// as it takes.
//
// A Memo remembers, for each document it fitted, the step and the page
// breaks fitting chose, and Memo.Compose sets a document met again at
// that step only: the same leaflet, without the trial steps (an order's
// ZIP, then the print shop's bundle of the same order).
//
// Titles are balanced: the narrowest frame that keeps their number of
// lines, and never a single word on the last line (narrower frames, then
// the last two words tied, then a smaller size down to 80 %).
//
// # Proof sheets
//
// Proof lays out rows of (label, text, language) on A4 pages, each text
// set exactly as a leaflet paragraph of its language: for translators
// checking strings, and for tests against HarfBuzz.
//
// # Errors
//
// Layout errors come back naming the language and the block's message
// IDs; a .notdef glyph in a line is a *MissingGlyphError.
//
//	l, err := compose.Compose(doc, engine) // engine: *layout.Engine
//	for _, page := range l.Pages {
//		for _, line := range page.Lines { … }
//	}
package compose
