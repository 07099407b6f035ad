package layout

import (
	"slices"
	"strings"
	"unicode/utf8"

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
func tailorBreaks(brks []Break, fine []thai.Split, text []rune, islands [][2]int, dict *thai.Dict) ([]Break, []thai.Split) {
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
	// Both lists are sorted: one pass finds, for each position, the first
	// isolate that does not end before it.
	next := 0
	inIsland := func(pos int) bool {
		for next < len(islands) && islands[next][1] < pos {
			next++
		}
		return next < len(islands) && pos > islands[next][0] && pos <= islands[next][1] && pos < len(text)
	}
	brks = slices.DeleteFunc(brks, func(b Break) bool { return inIsland(b.Pos) })
	next = 0
	return brks, slices.DeleteFunc(fine, func(s thai.Split) bool { return inIsland(s.Pos) })
}

// appendIsolates appends the outermost isolates of text to out as
// [initiator, PDI] rune index pairs; an isolate without its PDI runs to
// the end of the text.
func appendIsolates(out [][2]int, text []rune) [][2]int {
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

// urlBreakAfter are the characters a web address may break after, as
// browsers and typesetters break them; mailBreakAfter those of an e-mail
// address. A phone number has none: it is never broken.
const (
	urlBreakAfter  = "/.-?&"
	mailBreakAfter = "@.-"
)

// linkBreaks adds break opportunities inside the isolates that hold a web
// or e-mail address (links to https:, http: or mailto:): after each
// character of urlBreakAfter (mailBreakAfter), the last of a run of them,
// never inside the scheme and its "//". brks and islands are sorted; so
// is the result.
//
// It also returns the rune ranges of those addresses: a stretch of one
// that is still wider than the frame ("…/aVeryLongPathSegment…") breaks
// between two graphemes rather than fail, so that a valid address always
// fits its frame.
func linkBreaks(brks []Break, soft [][2]int, text []rune, byteAt []int, links []Link) ([]Break, [][2]int) {
	n := len(brks)
	soft = soft[:0]
	for _, l := range links {
		var after string
		switch {
		case strings.HasPrefix(l.Href, "https://"), strings.HasPrefix(l.Href, "http://"):
			after = urlBreakAfter
		case strings.HasPrefix(l.Href, "mailto:"):
			after = mailBreakAfter
		default:
			continue
		}
		s, _ := slices.BinarySearch(byteAt, l.Start)
		e, _ := slices.BinarySearch(byteAt, l.End)
		if s >= e || e > len(text) {
			continue
		}
		soft = append(soft, [2]int{s, e})
		from := s
		if i := strings.Index(string(text[s:e]), "://"); i >= 0 {
			from = s + utf8.RuneCountInString(string(text[s:e])[:i]) + 3
		}
		for i := from; i < e-1; i++ {
			if strings.ContainsRune(after, text[i]) && !strings.ContainsRune(after, text[i+1]) {
				brks = append(brks, Break{Pos: i + 1})
			}
		}
	}
	slices.SortFunc(soft, func(a, b [2]int) int { return a[0] - b[0] })
	if len(brks) == n {
		return brks, soft
	}
	slices.SortStableFunc(brks, func(a, b Break) int { return a.Pos - b.Pos })
	return slices.CompactFunc(brks, func(a, b Break) bool { return a.Pos == b.Pos }), soft
}

// Words counts the words of text as line breaking sees them: one more
// than the break opportunities strictly inside it (UAX #14 tailored by
// the Thai dictionary, none inside an isolate), leading and trailing
// spaces aside. A line that counts one word cannot be broken further.
func (e *Engine) Words(text string) int {
	runes := []rune(strings.TrimSpace(text))
	if len(runes) == 0 {
		return 0
	}
	var dict *thai.Dict
	if slices.ContainsFunc(runes, thai.IsThai) {
		dict, _ = e.thai() // without the dictionary, Thai counts as one word
	}
	brks, _ := tailorBreaks(LineBreaks(runes), nil, runes, appendIsolates(nil, runes), dict)
	n := 1
	for _, b := range brks {
		if b.Pos > 0 && b.Pos < len(runes) {
			n++
		}
	}
	return n
}
