// Package prepared holds the paragraphs of the shipped leaflets,
// prepared ahead of time: the layout engine's analysis of each (levels,
// faces, shaped glyphs, break opportunities; see layout.Preset), made
// when the program is built instead of in every process that sets them.
//
// paragraphs.bin holds every paragraph that the leaflets of every
// language and topic share whatever the order: those that two orders of
// different municipalities, contacts and dates both set. A paragraph
// that names an order's own municipality or contacts is not in it and
// is prepared as before. With each paragraph it holds the lines the
// second order's leaflets measured of it on A4, at each size and width
// fitting tried, so that fitting another order's leaflet at the same
// steps reads them instead of breaking the paragraph again (a step not
// among them is measured as before). The file depends on the locale
// files, the fonts and the layout engine; after changing any of them, run
//
//	go generate ./generator/prepared
//
// (cmd/infogen's TestPresetCurrent fails until the file is the one the
// program makes now). A file made of older texts is never wrong, only
// less often used: a paragraph is found by its exact text.
//
// steps.tsv, made by the same command, holds the step fitting's search
// found for every shipped leaflet of one of those orders, on A4, on A5
// and in large print: where the search starts for any order's leaflet
// (compose.Hints). A step another order's leaflet does not fit at costs
// it a few more probes, never another result.
package prepared
