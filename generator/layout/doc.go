// Package layout sets paragraphs of any of the leaflets' scripts into
// lines of positioned glyphs: itemising, font fallback, shaping, line
// breaking and bidi reordering. Only it and generator/fonts know go-text.
//
// An Engine is built once per process from the font set (New) and sets one
// paragraph at a time (Engine.Lines). Pagination is the next stage's work
// (generator/compose); drawing is the renderers'.
//
// # Itemising and fonts
//
// The paragraph's runes get their embedding levels from go-text's bidi
// package (UAX #9), after the weak types (digits, separators, terminators)
// are resolved in one pass of our own (bidiweak.go), because go-text's
// rules W2, W5 and W7 cost the square of a run of digits; the levels are
// the same (BidiCharacterTest, and a differential test against go-text).
// Text with nothing right-to-left in it (no R, AL, AN, embedding, RLI or
// FSI: Latin, Thai, Cyrillic, … with its LRI … PDI isolates) has only
// even levels, which appendEvenLevels gives without go-text (checked
// against go-text on random texts).
// Brackets and isolates, which go-text pairs in time that grows with
// their number, are bounded: more than MaxBidiPairs is a *BidiCostError.
// Then each rune gets a script and a face. A rune is set in the family at
// home in its script, the paragraph's primary family first; digits,
// punctuation and spaces take the script of the nearest strong character
// at the same level, so a phone number, an e-mail address or a Latin name
// inside Arabic text is set in the Latin face (NotoSans), while the full
// stop of an Arabic sentence stays in the Arabic face. A character no face
// of the set maps is a *GlyphError naming it (U+XXXX) and the paragraph's
// language; a .notdef glyph never reaches a line.
//
// Items (maximal runs of equal level, face, script and link) are shaped by
// go-text's HarfBuzz port at one unit per font unit, which keeps positions
// exact (go-text rounds the shaping size to whole pixels), then scaled to
// points. Glyph IDs, clusters, offsets and advances equal hb-shape's for
// the word lists in testdata/words (Arabic, Persian, Pashto, Sorani and
// Urdu in Naskh, pointed Yiddish, Thai, Tigrinya, Amharic). Noto Nastaliq
// Urdu is the exception: go-text v0.3.5 picks HarfBuzz's glyphs but leaves
// the first letter of a cursive cascade on the baseline (16 of 32 Urdu
// words; HarfBuzz 6.0 and 15.0 agree with each other), so Urdu is set in
// Naskh.
//
// # Line breaking
//
// Lines break at UAX #14 opportunities (go-text's segmenter, Unicode 17.0
// rules; LineBreaks returns them untailored), tailored in two ways: never
// inside an isolate (LRI/RLI/FSI … PDI; the pipeline wraps phone numbers,
// e-mail addresses and URLs in LRI … PDI), and between Thai words found by
// a dictionary (package layout/thai), since UAX #14 leaves Thai to one.
// Filling is greedy. A stretch wider than the frame on its own is broken
// between the words of a Thai compound, else between grapheme clusters,
// but never inside an isolate: an isolate wider than the frame is a
// *WidthError, as a phone number must never be split. Spaces and controls
// at the end of a line hang: they are neither drawn nor counted in its
// width. A line is shaped again only where HarfBuzz flags the break unsafe;
// if the shaped line is then wider than the frame, it ends at an earlier
// opportunity.
//
// # Visual order
//
// Each line is reordered from the real embedding levels by rules L1 and L2
// of UAX #9 (LineLevels, VisualOrder), not by go-text's two-level line
// wrapper. Within a right-to-left run the shaper already returns glyphs in
// visual order. So "020-50 50 50" inside Arabic text keeps its digits left
// to right.
//
// # Cost and concurrency
//
// Shaping is about half the cost of a paragraph. The engine keeps,
// bounded, each paragraph's analysis that does not depend on the size
// (runes, levels, faces, shaped items in font units, break
// opportunities): compose sets a leaflet at several sizes to fit its pages, and each size after the first only
// scales the advances and breaks the lines again, with the same result as
// setting it from scratch. Engine.Measure breaks a paragraph as Lines
// does but leaves out the glyph runs (the lines' widths, ink, heights and
// byte ranges are Lines' to the bit): fitting measures its trial sizes
// and sets only the chosen one. Engine.MeasureReach says too at which
// other frame widths the paragraph breaks into the same lines (Reach:
// greedy filling changes a line only where a stretch it held stops
// fitting or one it refused starts to), so that balancing a title need
// not set every width it tries. Measured lines have a cache of their own,
// keyed without the leading (which changes only the heights), so that
// trials do not push drawn lines out of the lines cache; it holds plain
// values in arenas (measuredcache.go), large enough for every language
// and topic a server makes, at no cost to the garbage collector. It and
// the cache of prepared analyses are cut into 16 parts with a lock each
// (shards.go), so that a batch's workers do not wait on each other. The
// caches of drawn lines and of prepared analyses, when full, let go of
// an entry not read lately (CLOCK, linescache.go), so that what every
// leaflet of a language shares stays while the language is made. The
// analyses, too, are kept a second time in plain values
// (preparedcache.go: items, compacted glyphs and breaks in two
// generations of arenas, 16 MB in all), from which a paragraph drawn
// again is rebuilt instead of analysed and shaped again; a paragraph gets
// in when it is prepared again well after the first time, so a batch
// that makes each leaflet once hardly pays for it, and a server's
// one-off paragraphs (contact names) do not crowd out the ones every
// request draws. (A cache of shaped runs below these, keyed by face,
// script, direction, language and context, saved nothing once they
// existed and cost a 180-leaflet ZIP 30 % of its CPU in collections: it
// was removed.) The caches' keys are a 128-bit hash of the paragraph
// (paraHash), computed once per call. Per-call state, including go-text faces (which
// cache as they are used), comes from a pool: one Engine serves concurrent
// requests.
//
// Before any of that is needed, a paragraph may have been prepared when
// the program was built: a Preset (preset.go, written by
// Engine.WritePreset, given to NewWith) holds the same analyses in the
// same compact form, read in place from the program's embedded bytes.
// A paragraph is found in it by its exact text, language, direction,
// family, weight and links, and each entry carries a CRC-32, so that a
// preset of other texts, or a damaged one, only misses. The paragraphs
// it holds never take room in the flat cache. An entry may also hold the
// paragraph's measured lines (Measure's, with their Reach) at sizes and
// widths fitting asked for when the preset was made: fitting then reads
// a shipped paragraph's lines at those steps instead of breaking it
// again. An engine with Options.Measured reports what it is asked to
// measure, for such a preset, and caches no lines, so that what it
// reports depends on the paragraphs alone.
//
// # Coordinates
//
// Points. A line's runs are in visual order from its left edge (X = 0);
// a run's glyphs are in visual order from the run's left edge. Glyph.Y is
// the vertical offset below the baseline (GPOS offsets; negative is up).
// Line.Height is the baseline-to-baseline advance: the style's leading
// times the size (by default per script: Arabic script and Thai need more
// than Latin), at least ascent plus descent. The caller aligns a line to
// the start side given by Line.Dir.
//
// # Example
//
//	set, _ := fonts.Load(fontfiles.FS())
//	eng, err := layout.New(set)
//	if err != nil {
//		return err
//	}
//	lines, err := eng.Lines(layout.Paragraph{
//		Text:  "اتصل بالرقم \u2066020-50\u00a050\u00a050\u2069",
//		Lang:  "ar",
//		Dir:   vocab.RTL,
//		Font:  fonts.FamilyNaskh,
//		Style: layout.Style{Size: 10},
//	}, 300)
package layout
