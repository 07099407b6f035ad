package layout

import (
	"fmt"
	"reflect"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/vocab"
)

// Embedding levels come from go-text's bidi package, which implements UAX #9
// up to rule L1 for the whole paragraph. Its result type, bidi.Runs, keeps
// the per-character levels private and merges neighbouring runs of the same
// parity (levels 0 and 2, or 1 and 3), so Run.Level alone cannot give the
// visual order of a line with nested levels (an Arabic digit group inside a
// Latin phrase inside Arabic text). levelsOf reads the private slice by
// reflection; checkBidiLevels fails New if a go-text upgrade changes that
// field, and the BidiCharacterTest conformance test guards the result.
const levelsField = "levels"

// checkBidiLevels verifies at start-up that bidi.Runs still holds the
// per-character levels where levelsOf reads them.
func checkBidiLevels() error {
	var p bidi.Paragraph
	f := reflect.ValueOf(p.SegmentString("a\u05d0", bidi.LeftToRight)).FieldByName(levelsField)
	if !f.IsValid() || f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.Int8 || f.Len() != 2 ||
		f.Index(0).Int() != 0 || f.Index(1).Int() != 1 {
		return fmt.Errorf("layout: go-text bidi.Runs has no usable %q field; the level reader must be updated", levelsField)
	}
	return nil
}

// levelsOf appends to dst the embedding level of every rune of text, as
// go-text's bidi package resolves them (rules P2–I2 and the paragraph-wide
// part of L1). Paragraph separators end a bidi paragraph: the text after
// one is resolved again with the same base direction, and the separator
// takes the paragraph level.
func levelsOf(p *bidi.Paragraph, dst []int8, text []rune, base vocab.Direction) []int8 {
	dst = dst[:0]
	for len(text) > 0 {
		end := 0
		for end < len(text) && !isParagraphSep(text[end]) {
			end++
		}
		seg := text[:end]
		var fast bool
		if len(seg) > 0 && paragraphLevel(seg, base) == 0 {
			dst, fast = appendEvenLevels(dst, seg)
		}
		if len(seg) > 0 && !fast {
			// The paragraph level is given to go-text explicitly, and the
			// weak types resolved first (bidiweak.go), so that go-text's
			// cost stays linear in the length of a run of digits.
			lvl := paragraphLevel(seg, base)
			dir := bidi.LeftToRight
			if lvl == 1 {
				dir = bidi.RightToLeft
			}
			runs := p.Segment(preresolveWeak(nil, seg, lvl), dir)
			f := reflect.ValueOf(runs).FieldByName(levelsField)
			for i := range seg {
				dst = append(dst, int8(f.Index(i).Int()))
			}
		}
		if end < len(text) {
			dst = append(dst, paragraphLevel(seg, base))
			end++
		}
		text = text[end:]
	}
	return dst
}

// maxEvenDepth bounds the nesting of left-to-right isolates that
// appendEvenLevels resolves itself: far below UAX #9's max_depth (125),
// so that no isolate overflows.
const maxEvenDepth = 60

// appendEvenLevels appends to dst the levels of seg (no paragraph
// separator, paragraph level 0) when they come out even everywhere,
// without running the bidi algorithm, and reports whether it could. That
// is when seg has no right-to-left character (R, AL), no Arabic number
// (AN), no explicit embedding or override, and no isolate but
// left-to-right ones (LRI … PDI) nested at most maxEvenDepth deep: text
// in Latin, Thai, Cyrillic, …, with its phone numbers wrapped in LRI …
// PDI. Then every strong type is L, the start and end of every isolating
// run sequence are L (all levels are even), rule W7 turns every European
// number into L, rules N1 and N2 make every neutral L, and rules I1–I2
// change nothing: each character keeps the embedding level of rules
// X1–X8, 2 for each isolate it is inside (an isolate initiator and its
// PDI take the level outside). As in go-text, a character removed by
// rule X9 (BN) takes the level of the character before it, and the
// paragraph-wide part of rule L1 returns segment separators, the
// whitespace and isolate controls before them and those at the end to
// level 0. TestEvenLevelsMatchGoText compares the result with go-text's.
func appendEvenLevels(dst []int8, seg []rune) ([]int8, bool) {
	start := len(dst)
	depth := int8(0)
	tabs := false
	for i, r := range seg {
		lvl := 2 * depth
		switch bidiClass(r) {
		case xbidi.R, xbidi.AL, xbidi.AN, xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF, xbidi.RLI, xbidi.FSI:
			return dst[:start], false
		case xbidi.LRI:
			if depth == maxEvenDepth {
				return dst[:start], false
			}
			depth++
		case xbidi.PDI:
			if depth > 0 {
				depth--
			}
			lvl = 2 * depth
		case xbidi.BN:
			lvl = 0
			if i > 0 {
				lvl = dst[start+i-1]
			}
		case xbidi.S:
			tabs = true
		}
		dst = append(dst, lvl)
	}
	levels := dst[start:]
	if tabs {
		for i, r := range seg {
			if bidiClass(r) == xbidi.S {
				levels[i] = 0
				for j := i - 1; j >= 0 && isL1Whitespace(bidiClass(seg[j])); j-- {
					levels[j] = 0
				}
			}
		}
	}
	for j := len(seg) - 1; j >= 0 && isL1Whitespace(bidiClass(seg[j])); j-- {
		levels[j] = 0
	}
	return dst, true
}

func isParagraphSep(r rune) bool {
	return bidiClass(r) == xbidi.B
}

// bidiClass is the Bidi_Class of r. go-text does not export its character
// data, so the property (never the algorithm) comes from golang.org/x/text;
// it is used for the per-line rule L1 and for rule P2.
func bidiClass(r rune) xbidi.Class {
	if r < utf8.RuneSelf {
		return asciiBidiClass(r)
	}
	p, _ := xbidi.LookupRune(r)
	switch r { // x/text folds the explicit formatting characters into Control
	case 0x202A:
		return xbidi.LRE
	case 0x202B:
		return xbidi.RLE
	case 0x202C:
		return xbidi.PDF
	case 0x202D:
		return xbidi.LRO
	case 0x202E:
		return xbidi.RLO
	case 0x2066:
		return xbidi.LRI
	case 0x2067:
		return xbidi.RLI
	case 0x2068:
		return xbidi.FSI
	case 0x2069:
		return xbidi.PDI
	}
	return p.Class()
}

// asciiBidiClass is the Bidi_Class of an ASCII character, as
// golang.org/x/text gives it (TestASCIIBidiClass), without its table
// lookup: most text of most leaflets is ASCII.
func asciiBidiClass(r rune) xbidi.Class {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return xbidi.L
	case r >= '0' && r <= '9':
		return xbidi.EN
	case r == ' ', r == '\f':
		return xbidi.WS
	case r == '\t', r == '\v', r == 0x1F:
		return xbidi.S
	case r == '\n', r == '\r', r >= 0x1C && r <= 0x1E:
		return xbidi.B
	case r < 0x20, r == 0x7F:
		return xbidi.BN
	case r == '#', r == '$', r == '%':
		return xbidi.ET
	case r == '+', r == '-':
		return xbidi.ES
	case r == ',', r == '.', r == '/', r == ':':
		return xbidi.CS
	}
	return xbidi.ON
}

// paragraphLevel is the paragraph embedding level: 0 for LTR, 1 for RTL,
// and for any other base direction rules P2 and P3 (the first strong
// character outside isolates decides).
func paragraphLevel(text []rune, base vocab.Direction) int8 {
	switch base {
	case vocab.LTR:
		return 0
	case vocab.RTL:
		return 1
	}
	depth := 0
	for _, r := range text {
		switch bidiClass(r) {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			depth++
		case xbidi.PDI:
			if depth > 0 {
				depth--
			}
		case xbidi.L:
			if depth == 0 {
				return 0
			}
		case xbidi.R, xbidi.AL:
			if depth == 0 {
				return 1
			}
		case xbidi.B:
			return 0
		}
	}
	return 0
}

// Levels returns the resolved embedding level of every rune of text and
// the paragraph level, for base direction LTR, RTL or "" (first strong
// character, rules P2–P3). Levels are resolved for the paragraph as one
// line; LineLevels applies rule L1 to a line of it.
func Levels(text []rune, base vocab.Direction) (levels []int8, paraLevel int8) {
	var p bidi.Paragraph
	return levelsOf(&p, nil, text, base), paragraphLevel(text, base)
}

// LineLevels applies rule L1 of UAX #9 to one line, text[start:end] with
// its levels: segment and paragraph separators, and the whitespace and
// isolate formatting characters before them or at the end of the line,
// return to the paragraph level. Characters removed by rule X9 (embedding
// controls, BN) count as whitespace here, as in the reference
// implementation. levels[start:end] is changed in place.
func LineLevels(text []rune, levels []int8, paraLevel int8, start, end int) {
	trailing := true
	for i := end - 1; i >= start; i-- {
		r := text[i]
		switch {
		case isSeparator(r):
			levels[i] = paraLevel
			trailing = true
		case trailing && isL1Whitespace(bidiClass(r)):
			levels[i] = paraLevel
		default:
			trailing = false
		}
	}
}

// isSeparator reports the segment and paragraph separators (Bidi_Class S
// and B), without looking the class up: they are a few controls, NEL and
// U+2029 (TestIsSeparator).
func isSeparator(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2029:
		return true
	}
	return false
}

func isL1Whitespace(c xbidi.Class) bool {
	switch c {
	case xbidi.WS, xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI,
		xbidi.BN, xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF:
		return true
	}
	return false
}

// VisualOrder applies rule L2 of UAX #9 to one line: levels (after
// LineLevels) of its characters in logical order, result the logical
// indices in visual order, left to right. From the highest level down to
// the lowest odd level, every maximal sequence at that level or higher is
// reversed.
func VisualOrder(levels []int8) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	reorder(levels, order)
	return order
}

// reorder permutes order (initially the identity) by rule L2.
func reorder(levels []int8, order []int) {
	var hi, loOdd int8 = 0, 127
	for _, l := range levels {
		hi = max(hi, l)
		if l%2 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	for lvl := hi; lvl >= loOdd && lvl > 0; lvl-- {
		for i := 0; i < len(levels); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(levels) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
}
