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
	cmap := string(u.toUnicode(nil))
	if n := strings.Count(cmap, "beginbfchar"); n != 2 || !strings.Contains(cmap, "100 beginbfchar\n<0001> <0042>\n") ||
		!strings.Contains(cmap, "50 beginbfchar\n<0065> <0058>\n") || !strings.Contains(cmap, "<0096> <0055>\nendbfchar\n") {
		t.Errorf("ToUnicode map:\n%s", cmap)
	}
}
