package layout

import (
	"slices"

	"github.com/go-text/typesetting/segmenter"
	xbidi "golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/layout/thai"
)

// Break is a line-break opportunity: a line may end before the rune at
// Pos (a rune index; len(text) for the end of the text).
type Break struct {
	Pos       int
	Mandatory bool // a hard line break (after a newline character)
}

// LineBreaks returns the UAX #14 line-break opportunities of text as go-text's
// segmenter computes them, untailored: no Thai dictionary and no isolates.
// The end of the text is always an opportunity.
func LineBreaks(text []rune) []Break {
	var seg segmenter.Segmenter
	return uax14(&seg, nil, text)
}

func uax14(seg *segmenter.Segmenter, dst []Break, text []rune) []Break {
	dst = dst[:0]
	seg.Init(text)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		dst = append(dst, Break{Pos: l.Offset + len(l.Text), Mandatory: l.IsMandatoryBreak})
	}
	return dst
}

// tailorBreaks applies the project's tailoring to UAX #14 opportunities:
// no break inside an isolate (LRI/RLI/FSI … PDI: phone numbers, e-mail
// addresses and URLs arrive wrapped in one), and breaks between Thai words
// found by the dictionary. The result is sorted by position. fine holds,
// apart, the breaks inside Thai compounds (between the dictionary words a
// compound is made of), for lines too narrow for a whole compound.
func tailorBreaks(brks []Break, fine []thai.Split, text []rune, dict *thai.Dict) ([]Break, []thai.Split) {
	islands := isolates(text)
	fine = fine[:0]
	for i := 0; dict != nil && i < len(text); {
		if !thai.IsThai(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && thai.IsThai(text[j]) {
			j++
		}
		words, compounds := dict.Breaks(text[i:j])
		for _, b := range words {
			brks = append(brks, Break{Pos: i + b})
		}
		for _, b := range compounds {
			fine = append(fine, thai.Split{Pos: i + b.Pos, Depth: b.Depth})
		}
		i = j
	}
	slices.SortStableFunc(brks, func(a, b Break) int { return a.Pos - b.Pos })
	out := brks[:0]
	for _, b := range brks {
		if n := len(out); n > 0 && out[n-1].Pos == b.Pos {
			out[n-1].Mandatory = out[n-1].Mandatory || b.Mandatory
			continue
		}
		out = append(out, b)
	}
	brks = out
	inIsland := func(pos int) bool {
		for _, is := range islands {
			if pos > is[0] && pos <= is[1] && pos < len(text) {
				return true
			}
		}
		return false
	}
	brks = slices.DeleteFunc(brks, func(b Break) bool { return inIsland(b.Pos) })
	return brks, slices.DeleteFunc(fine, func(s thai.Split) bool { return inIsland(s.Pos) })
}

// isolates returns the outermost isolates of text as [initiator, PDI]
// rune index pairs; an isolate without its PDI runs to the end of the text.
func isolates(text []rune) [][2]int {
	var out [][2]int
	depth, start := 0, 0
	for i, r := range text {
		switch bidiClass(r) {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			if depth == 0 {
				start = i
			}
			depth++
		case xbidi.PDI:
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, [2]int{start, i})
				}
			}
		case xbidi.B:
			if depth > 0 {
				out = append(out, [2]int{start, i - 1})
				depth = 0
			}
		}
	}
	if depth > 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}
