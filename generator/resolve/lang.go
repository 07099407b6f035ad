package resolve

import (
	"strings"
	"unicode"

	"infogeneratorn/generator/document"
)

// sourceLang is the language of the source texts and of the names the
// municipality gives (document.Span.Lang of what stays Swedish).
const sourceLang = "sv"

// markSwedish sets Lang on the stretches of a translated message that
// stay Swedish, so that a screen reader switches voice for them:
//
//   - in a language not written in Latin letters, every run of Latin
//     words: the Swedish term in brackets, a help line's or the
//     municipality's name;
//   - in a language written in Latin letters, the whole message when it
//     is the Swedish source as it stands (a help line's name), else each
//     bracketed term that the Swedish source has word for word.
func markSwedish(t document.Text, script, src string) document.Text {
	if script != "Latn" {
		return splitPlain(t, latinRuns)
	}
	if src == "" {
		return t
	}
	if t.Bare() == src {
		out := make(document.Text, len(t))
		for i, s := range t {
			if s.Kind == document.Plain {
				s.Lang = sourceLang
			}
			out[i] = s
		}
		return out
	}
	lower := strings.ToLower(src)
	return splitPlain(t, func(s string) [][2]int {
		var out [][2]int
		for i := 0; i < len(s); {
			open := strings.IndexByte(s[i:], '(')
			if open < 0 {
				break
			}
			open += i + 1
			end := strings.IndexByte(s[open:], ')')
			if end < 0 {
				break
			}
			end += open
			if term := s[open:end]; strings.TrimSpace(term) != "" && strings.Contains(lower, strings.ToLower(term)) {
				out = append(out, [2]int{open, end})
			}
			i = end + 1
		}
		return out
	})
}

// splitPlain splits each plain span of t at the byte ranges find gives
// and marks those ranges Swedish.
func splitPlain(t document.Text, find func(string) [][2]int) document.Text {
	var out document.Text
	for _, s := range t {
		if s.Kind != document.Plain || s.Lang != "" {
			out = append(out, s)
			continue
		}
		at := 0
		for _, r := range find(s.Text) {
			if r[0] > at {
				out = append(out, document.Span{Kind: document.Plain, Text: s.Text[at:r[0]]})
			}
			out = append(out, document.Span{Kind: document.Plain, Text: s.Text[r[0]:r[1]], Lang: sourceLang})
			at = r[1]
		}
		if at < len(s.Text) {
			out = append(out, document.Span{Kind: document.Plain, Text: s.Text[at:]})
		}
	}
	return out
}

// latinRuns finds runs of Latin words: from a Latin letter to the last
// Latin letter before a character of another script, with spaces,
// hyphens, apostrophes, full stops and commas between Latin words kept
// inside the run.
func latinRuns(s string) [][2]int {
	var out [][2]int
	start, end := -1, -1
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			if start < 0 {
				start = i
			}
			end = i + len(string(r))
		case start >= 0 && (r == ' ' || r == '-' || r == '\'' || r == '.' || r == ',' || r == '\u00a0' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			// may continue the run if a Latin letter follows
		default:
			if start >= 0 {
				out = append(out, [2]int{start, end})
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, end})
	}
	return out
}
