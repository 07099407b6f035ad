package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// char is one character of a message's text outside its template
// actions, with its byte offset in the decoded text.
type char struct {
	r   rune
	off int
}

// plain returns the characters of s outside {{ … }} actions: what the
// reader sees, minus what the data fills in.
func plain(s string) []char {
	var out []char
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "{{") {
			if j := strings.Index(s[i:], "}}"); j >= 0 {
				i += j + 2
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, char{r, i})
		i += n
	}
	return out
}

func plainString(cs []char) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteRune(c.r)
	}
	return b.String()
}

// runeName names a character in a message: U+202E (RIGHT-TO-LEFT OVERRIDE)
// or U+0167 'ŧ'.
func runeName(r rune) string {
	if n, ok := controlNames[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	if unicode.IsPrint(r) {
		return fmt.Sprintf("U+%04X %q", r, r)
	}
	return fmt.Sprintf("U+%04X", r)
}

var controlNames = map[rune]string{
	0x061C: "ARABIC LETTER MARK", 0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0x00AD: "SOFT HYPHEN",
	0x034F: "COMBINING GRAPHEME JOINER", 0x180E: "MONGOLIAN VOWEL SEPARATOR", 0x2061: "FUNCTION APPLICATION",
	0x2062: "INVISIBLE TIMES", 0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x115F: "HANGUL CHOSEONG FILLER", 0x1160: "HANGUL JUNGSEONG FILLER", 0x3164: "HANGUL FILLER",
}

// Bidi controls: the layout isolates numbers and addresses itself, so a
// typed control only fights it.
const (
	bidiPush    = "\u202A\u202B\u202D\u202E" // embeddings and overrides, closed by PDF
	bidiPop     = "\u202C"
	isolatePush = "\u2066\u2067\u2068" // isolates, closed by PDI
	isolatePop  = "\u2069"
	bidiMarks   = "\u200E\u200F\u061C"
)

func isBidiControl(r rune) bool {
	return strings.ContainsRune(bidiPush+bidiPop+isolatePush+isolatePop+bidiMarks, r)
}

// unbalanced returns the bidi controls of cs that open and are never
// closed, or close what was never opened (UAX #9 pairs PDF with the last
// embedding and PDI with the last isolate; an isolate's close also ends the
// embeddings inside it).
func unbalanced(cs []char) []char {
	type open struct {
		c       char
		isolate bool
	}
	var stack []open
	var bad []char
	for _, c := range cs {
		switch {
		case strings.ContainsRune(bidiPush, c.r):
			stack = append(stack, open{c, false})
		case strings.ContainsRune(isolatePush, c.r):
			stack = append(stack, open{c, true})
		case c.r == []rune(bidiPop)[0]:
			if len(stack) == 0 || stack[len(stack)-1].isolate {
				bad = append(bad, c)
				continue
			}
			stack = stack[:len(stack)-1]
		case c.r == []rune(isolatePop)[0]:
			k := -1
			for j := len(stack) - 1; j >= 0 && k < 0; j-- {
				if stack[j].isolate {
					k = j
				}
			}
			if k < 0 {
				bad = append(bad, c)
				continue
			}
			// The isolate's close also ends the embeddings opened inside
			// it; the algorithm allows that, a careful text does not.
			for _, o := range stack[k+1:] {
				bad = append(bad, o.c)
			}
			stack = stack[:k]
		}
	}
	for _, o := range stack {
		bad = append(bad, o.c)
	}
	return bad
}

// isInvisible reports characters that print nothing and that a reader
// cannot see in an editor: format characters, default ignorables and
// controls other than the newline. Bidi controls are their own rule.
func isInvisible(r rune) bool {
	if r == '\n' || isBidiControl(r) {
		return false
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r) || unicode.IsControl(r) || r == 0x115F || r == 0x1160 || r == 0x3164
}

// joinerLangs are the languages whose spelling needs ZWNJ (and ZWJ in a
// few words): Persian, Dari, Pashto, Sorani, Urdu.
var joinerLangs = []string{"fa", "fa-AF", "ps", "ckb", "ur"}

func allowsJoiners(lang string) bool { return slices.Contains(joinerLangs, lang) }

// scripts maps the ISO 15924 codes locales.toml uses to Unicode scripts.
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Arab": unicode.Arabic, "Hebr": unicode.Hebrew, "Ethi": unicode.Ethiopic,
	"Thai": unicode.Thai, "Cyrl": unicode.Cyrillic, "Grek": unicode.Greek, "Armn": unicode.Armenian,
	"Geor": unicode.Georgian, "Deva": unicode.Devanagari, "Beng": unicode.Bengali, "Khmr": unicode.Khmer,
	"Mymr": unicode.Myanmar, "Tibt": unicode.Tibetan, "Syrc": unicode.Syriac, "Thaa": unicode.Thaana,
	"Hans": unicode.Han, "Hant": unicode.Han, "Hang": unicode.Hangul, "Taml": unicode.Tamil,
	"Guru": unicode.Gurmukhi, "Gujr": unicode.Gujarati, "Sinh": unicode.Sinhala, "Laoo": unicode.Lao,
}

func scriptTable(code string) *unicode.RangeTable { return scripts[code] }

// scriptOf names the script of a letter for messages.
func scriptOf(r rune) string {
	for _, name := range []string{"Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Ethiopic", "Thai", "Armenian",
		"Georgian", "Devanagari", "Han", "Hangul", "Hiragana", "Katakana", "Syriac", "Thaana"} {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	for name, t := range unicode.Scripts {
		if unicode.Is(t, r) {
			return name
		}
	}
	return "unknown"
}

// word is a run of letters and marks with its first character's offset.
type word struct {
	text string
	off  int
}

func words(cs []char) []word {
	var out []word
	var b strings.Builder
	start := -1
	flush := func() {
		if start >= 0 {
			out = append(out, word{b.String(), start})
		}
		b.Reset()
		start = -1
	}
	for _, c := range cs {
		if unicode.IsLetter(c.r) || unicode.IsMark(c.r) {
			if start < 0 {
				start = c.off
			}
			b.WriteRune(c.r)
			continue
		}
		flush()
	}
	flush()
	return out
}

func hasLetter(cs []char) bool {
	return slices.ContainsFunc(cs, func(c char) bool { return unicode.IsLetter(c.r) })
}

// contact is a phone number, e-mail or web address found in a text.
type contact struct {
	kind string // "phone number", "e-mail address", "web address"
	key  string // what must match: the digits, or the address
	text string // as written
	off  int
}

// The contact patterns are compiled when the check first runs, not at
// package initialisation: every command links this package, and the
// Unicode classes cost some 0.3 ms of start-up to compile.
var (
	emailRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)
	})
	urlRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s<>"]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:se|nu|com|org|net|eu|info|gov)\b(?:/[^\s<>"]*)?`)
	})
)

// digitZeros are the zero digits of the decimal digit sets a translation
// might write a number in; a number is compared by its digits' values.
var digitZeros = []rune{'0', 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10}

func digitValue(r rune) (rune, bool) {
	for _, z := range digitZeros {
		if r >= z && r <= z+9 {
			return '0' + r - z, true
		}
	}
	return 0, false
}

// phoneJoiners may sit between the digit groups of one number.
const phoneJoiners = " -\u00A0\u202F\u2009\u2011"

// contacts finds the phone numbers (three digits or more, in groups), the
// e-mail addresses and the web addresses of s.
func contacts(s string) []contact {
	var out []contact
	taken := make([]bool, len(s))
	for _, re := range []struct {
		kind string
		re   *regexp.Regexp
	}{{"e-mail address", emailRE()}, {"web address", urlRE()}} {
		for _, m := range re.re.FindAllStringIndex(s, -1) {
			if slices.Contains(taken[m[0]:m[1]], true) {
				continue
			}
			t := strings.TrimRight(s[m[0]:m[1]], ".,;:!?)»”’\"'")
			for i := m[0]; i < m[1]; i++ {
				taken[i] = true
			}
			out = append(out, contact{kind: re.kind, key: strings.ToLower(t), text: t, off: m[0]})
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := digitValue(r); !ok || taken[i] {
			i += n
			continue
		}
		start, end := i, i
		var digits []rune
		for j := i; j < len(s); {
			r, n := utf8.DecodeRuneInString(s[j:])
			if d, ok := digitValue(r); ok {
				digits = append(digits, d)
				j += n
				end = j
				continue
			}
			// One joiner between two digit groups.
			if strings.ContainsRune(phoneJoiners, r) && j+n < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[j+n:]); isDigit(r2) {
					j += n
					continue
				}
			}
			break
		}
		if len(digits) >= 3 {
			out = append(out, contact{kind: "phone number", key: string(digits), text: s[start:end], off: start})
		}
		i = end
	}
	slices.SortFunc(out, func(a, b contact) int { return a.off - b.off })
	return out
}

func isDigit(r rune) bool { _, ok := digitValue(r); return ok }

// ending returns the class of a text's last punctuation: "." "?" "!" ":"
// "…" or "" for none, the scripts' own marks folded into the Latin ones.
// Closing quotes and brackets are looked through.
func ending(cs []char, lang string) string {
	for i := len(cs) - 1; i >= 0; i-- {
		r := cs[i].r
		if unicode.IsSpace(r) || strings.ContainsRune(")]}»”’\"'›", r) {
			continue
		}
		switch r {
		case '.', '\u06D4', '\u1362', '\u0964', '\u3002': // . ۔ ። । 。
			if lang == "th" {
				return "" // Thai ends a sentence with a space, not a full stop
			}
			return "."
		case '?', '\u061F', '\u1367', '\u037E': // ? ؟ ፧ ;
			return "?"
		case '!':
			return "!"
		case ':', '\u1365', '\u1366': // : ፥ ፦
			return ":"
		case '…':
			return "…"
		}
		return ""
	}
	return ""
}

// visibleLength counts base characters, not combining marks: Arabic
// vowel signs and Thai tone marks do not make a line longer.
func visibleLength(cs []char) int {
	n := 0
	for _, c := range cs {
		if !unicode.IsMark(c.r) {
			n++
		}
	}
	return n
}
