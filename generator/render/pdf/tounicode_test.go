package pdf

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestUTF16Hex: every character as its UTF-16BE code units in upper-case
// hex, characters outside the BMP as surrogate pairs.
func TestUTF16Hex(t *testing.T) {
	for _, s := range []string{"", "a", "Hjälp", "مساعدة", "ሰላም", "ช่วย", "😀 x", "\u200f112", "\xff"} {
		var want strings.Builder
		for _, c := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&want, "%04X", c)
		}
		if got := utf16Hex(s); got != want.String() {
			t.Errorf("utf16Hex(%q) = %s, want %s", s, got, want.String())
		}
	}
}

// TestToUnicodeBlocks: the ToUnicode map lists every glyph with text, at
// most 100 to a bfchar block.
func TestToUnicodeBlocks(t *testing.T) {
	u := newFontUse(&faceData{width: make([]int, 200)})
	for g := uint16(1); g <= 150; g++ {
		u.cid(g, string(rune('A'+g%26)))
	}
	cmap := string(u.toUnicode(nil, u.sortedCIDs()))
	if n := strings.Count(cmap, "beginbfchar"); n != 2 || !strings.Contains(cmap, "100 beginbfchar\n<0001> <0042>\n") ||
		!strings.Contains(cmap, "50 beginbfchar\n<0065> <0058>\n") || !strings.Contains(cmap, "<0096> <0055>\nendbfchar\n") {
		t.Errorf("ToUnicode map:\n%s", cmap)
	}
}

// TestAppendTextString: a text string is the byte order mark and the
// UTF-16BE hex in angle brackets, appended after what b holds.
func TestAppendTextString(t *testing.T) {
	tests := []struct{ b, s, want string }{
		{"", "", "<FEFF>"},
		{" /Alt ", "Vald", " /Alt <FEFF00560061006C0064>"},
		{"x", "😀", "x<FEFFD83DDE00>"},
	}
	for _, tt := range tests {
		if got := string(appendTextString([]byte(tt.b), tt.s)); got != tt.want {
			t.Errorf("appendTextString(%q, %q) = %q, want %q", tt.b, tt.s, got, tt.want)
		}
		if got := textString(tt.s); got != tt.want[len(tt.b):] {
			t.Errorf("textString(%q) = %q, want %q", tt.s, got, tt.want[len(tt.b):])
		}
	}
}
