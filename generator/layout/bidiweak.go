package layout

import (
	"fmt"

	xbidi "golang.org/x/text/unicode/bidi"
)

// go-text's bidi package resolves the weak types (rules W2, W5 and W7 of
// UAX #9) by scanning back to the previous strong character for every
// European digit, and to the end of the run for every terminator: a run
// of k digits or terminators without a strong character before it costs
// k² (a 64,000-digit run in Arabic text took 1.8 s). preresolveWeak does
// that part itself, in one pass, and hands go-text a text in which every
// European number, separator and terminator is replaced by a character
// of the type it resolves to, so that go-text's weak rules have nothing
// left to do and every later rule sees the same types:
//
//   - a number that stays EN, or becomes AN (W2): U+0660, an Arabic
//     number; rules N0, N1 and I1–I2 treat EN and AN alike;
//   - a number that becomes L (W7): "a";
//   - a separator or terminator that becomes ON (W6): "!", not a bracket.
//
// (go-text v0.3.5, bidi/core.go, isolatingRunSequence.resolveWeakTypes,
// ported from Unicode's Java reference implementation, which scans the
// same way; we found no upstream report.)
//
// Non-spacing marks are left alone: rule W1 gives them the type of the
// character before, which is the replacement. The replaced text is used
// only for levels; shaping and line breaking see the original.
//
// The replacement "a" is a strong character, which rules P2 and X5c (the
// direction of a first-strong isolate) look for. It is only placed where
// the number resolves to L because the previous strong character of its
// isolating run sequence is L, or its sequence starts left to right with
// none before; either way P2 and X5c find the same direction. That holds
// only when isolating run sequences follow isolates alone, so text with
// explicit embeddings or overrides (U+202A–U+202E), or with isolates
// nested deeper than maxWeakIsolateDepth, is handed over unchanged. Such
// text never comes from outside: the request validator refuses bidi
// controls in every field, and only the pipeline's own LRI … PDI
// wrappers reach layout.
const maxWeakIsolateDepth = 60

// Replacements for a resolved weak type.
const (
	weakAsNumber  = '\u0660'
	weakAsL       = 'a'
	weakAsNeutral = '!'
)

// weakContext is the state of one isolating run sequence while the text
// is read in order: its start-of-sequence type, its last strong type
// (after W1; ON before the first, since x/text's L is the zero Class), the
// W1 type of its last character, and the weak run being collected
// (positions and W1 types).
type weakContext struct {
	sos, last, prev xbidi.Class
	started         bool
	pos             []int
	types           []xbidi.Class
}

// preresolveWeak returns text with its weak types resolved as described
// above, in dst if it has room, or text itself when the text cannot be
// handled (explicit embeddings, deep isolates). paraLevel is the
// paragraph embedding level; text holds no paragraph separator.
func preresolveWeak(dst, text []rune, paraLevel int8) []rune {
	depth := 0
	for _, r := range text {
		switch bidiClass(r) {
		case xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF:
			return text
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			if depth++; depth > maxWeakIsolateDepth {
				return text
			}
		case xbidi.PDI:
			depth = max(depth-1, 0)
		}
	}
	out := append(dst[:0], text...)
	stack := []*weakContext{newWeakContext(typeOfLevel(paraLevel))}
	for i, r := range text {
		c := bidiClass(r)
		if c == xbidi.BN {
			continue // removed by rule X9: not part of any sequence
		}
		cur := stack[len(stack)-1]
		if c == xbidi.PDI && len(stack) > 1 {
			cur.flush(out, text)
			stack = stack[:len(stack)-1]
			cur = stack[len(stack)-1]
		}
		cur.add(out, text, i, c)
		switch c {
		case xbidi.LRI:
			cur.flush(out, text)
			stack = append(stack, newWeakContext(xbidi.L))
		case xbidi.RLI:
			cur.flush(out, text)
			stack = append(stack, newWeakContext(xbidi.R))
		case xbidi.FSI:
			cur.flush(out, text)
			stack = append(stack, newWeakContext(typeOfLevel(paragraphLevel(isolateContent(text[i+1:]), ""))))
		}
	}
	for _, ctx := range stack {
		ctx.flush(out, text)
	}
	return out
}

func newWeakContext(sos xbidi.Class) *weakContext {
	return &weakContext{sos: sos, last: xbidi.ON}
}

func typeOfLevel(l int8) xbidi.Class {
	if l%2 == 1 {
		return xbidi.R
	}
	return xbidi.L
}

// isolateContent returns the text up to the PDI that closes an isolate
// whose content starts text.
func isolateContent(text []rune) []rune {
	depth := 0
	for i, r := range text {
		switch bidiClass(r) {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			depth++
		case xbidi.PDI:
			if depth == 0 {
				return text[:i]
			}
			depth--
		}
	}
	return text
}

// add reads the character at i, of Bidi_Class c, into its sequence.
func (ctx *weakContext) add(out, text []rune, i int, c xbidi.Class) {
	if c == xbidi.NSM { // W1
		c = ctx.prev
		if !ctx.started {
			c = ctx.sos
		}
	}
	ctx.started = true
	ctx.prev = c
	switch c {
	case xbidi.EN, xbidi.AN, xbidi.ES, xbidi.CS, xbidi.ET:
		ctx.pos = append(ctx.pos, i)
		ctx.types = append(ctx.types, c)
		return
	}
	ctx.flush(out, text)
	if c == xbidi.L || c == xbidi.R || c == xbidi.AL {
		ctx.last = c
	}
}

// flush resolves the weak run collected so far by rules W2 and W4–W7 and
// writes the replacements into out.
func (ctx *weakContext) flush(out, text []rune) {
	t := ctx.types
	if len(t) == 0 {
		return
	}
	for k, c := range t { // W2
		if c == xbidi.EN && ctx.last == xbidi.AL {
			t[k] = xbidi.AN
		}
	}
	for k := 1; k < len(t)-1; k++ { // W4
		if t[k] == xbidi.ES || t[k] == xbidi.CS {
			if t[k-1] == xbidi.EN && t[k+1] == xbidi.EN {
				t[k] = xbidi.EN
			} else if t[k] == xbidi.CS && t[k-1] == xbidi.AN && t[k+1] == xbidi.AN {
				t[k] = xbidi.AN
			}
		}
	}
	for k := 0; k < len(t); { // W5
		if t[k] != xbidi.ET {
			k++
			continue
		}
		end := k
		for end < len(t) && t[end] == xbidi.ET {
			end++
		}
		if k > 0 && t[k-1] == xbidi.EN || end < len(t) && t[end] == xbidi.EN {
			for j := k; j < end; j++ {
				t[j] = xbidi.EN
			}
		}
		k = end
	}
	toL := ctx.last == xbidi.L || ctx.last == xbidi.ON && ctx.sos == xbidi.L // W7
	for k, c := range t {
		i := ctx.pos[k]
		switch bidiClass(text[i]) {
		case xbidi.EN, xbidi.ES, xbidi.CS, xbidi.ET:
		default:
			continue // an AN, or a mark that W1 resolves from the replacement
		}
		switch {
		case c == xbidi.EN && toL:
			out[i] = weakAsL
		case c == xbidi.EN || c == xbidi.AN:
			out[i] = weakAsNumber
		default: // W6
			out[i] = weakAsNeutral
		}
	}
	ctx.pos, ctx.types = ctx.pos[:0], t[:0]
}

// MaxBidiPairs bounds the bracket characters and isolate controls of one
// paragraph. go-text pairs brackets (BD16) and matches isolates (BD9) in
// time that grows with their number times the paragraph's length, which
// preresolveWeak cannot take over (bidi/bracket.go: locateBrackets sorts
// all pairs found so far at every closing bracket, 4.4 s for 32,000
// "()"; bidi/core.go: determineMatchingIsolates scans to the end of the
// text for every unmatched initiator); 1,024 is more than three times the
// longest form field (300 characters, every one a bracket) and a hundred
// times what a leaflet paragraph holds.
const MaxBidiPairs = 1024

// maxEmbeddedText bounds, in bytes, a paragraph with explicit embeddings
// or overrides (U+202A–U+202E), whose weak types go-text resolves alone
// (quadratic in a run of digits: 16 KiB of them cost 0.1 s). The request
// validator refuses these controls, so only locale text can hold them.
const maxEmbeddedText = 16 << 10

// BidiCostError reports a paragraph whose bidi resolution would cost
// more than linear time: too many brackets and isolates, or long text
// with explicit embeddings.
type BidiCostError struct {
	Lang           string
	Pairs          int // bracket characters and isolate controls
	EmbeddedLength int // bytes, when the text holds explicit embeddings
}

func (e *BidiCostError) Error() string {
	if e.EmbeddedLength > 0 {
		return fmt.Sprintf("layout: a %q paragraph of %d bytes holds explicit bidi embeddings (at most %d bytes may)",
			e.Lang, e.EmbeddedLength, maxEmbeddedText)
	}
	return fmt.Sprintf("layout: a %q paragraph holds %d brackets and isolates (at most %d)", e.Lang, e.Pairs, MaxBidiPairs)
}

// checkBidiCost returns a *BidiCostError when text would take go-text's
// bidi resolution past linear time.
func checkBidiCost(text, lang string) error {
	pairs, embedded := 0, false
	for _, r := range text {
		switch {
		case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
			pairs++
		case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
			embedded = true
		default:
			if p, _ := xbidi.LookupRune(r); p.IsBracket() {
				pairs++
			}
		}
	}
	if pairs > MaxBidiPairs {
		return &BidiCostError{Lang: lang, Pairs: pairs}
	}
	if embedded && len(text) > maxEmbeddedText {
		return &BidiCostError{Lang: lang, EmbeddedLength: len(text)}
	}
	return nil
}
