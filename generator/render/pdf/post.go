package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// This file mends fpdf's finished output in ways its API does not offer.
// Every edit but the last keeps the length of what it changes, so no
// object moves and the cross-reference table stays valid; the last edits
// the trailer, which follows the table.

// subsetTag derives the six capital letters that mark a font as a subset
// ("ABCDEF+NotoSans-Regular") from the font and the code points drawn with
// it, so the same subset always gets the same tag.
func subsetTag(fc *fontCopy, used map[rune]bool) string {
	codes := make([]rune, 0, len(used))
	for r := range used {
		codes = append(codes, r)
	}
	slices.Sort(codes)
	h := sha256.New()
	h.Write([]byte(fc.face.PSName))
	for _, r := range codes {
		fmt.Fprintf(h, ",%x", r)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// subsetNames renames every embedded font in place from fpdf's "utf8<key>"
// to "<TAG>+<PostScript name>". The two names have the same length (see
// fontKey), so no object moves and the cross-reference table stays right.
func subsetNames(out []byte, used map[*fontCopy]map[rune]bool) error {
	for fc, runes := range used {
		old := []byte("utf8" + fc.key)
		name := []byte(subsetTag(fc, runes) + "+" + fc.face.PSName)
		if len(old) != len(name) {
			return fmt.Errorf("font name %q and its subset name %q differ in length", old, name)
		}
		n := 0
		for _, prefix := range []string{"/BaseFont /", "/FontName /"} {
			pat := append([]byte(prefix), old...)
			for i := 0; ; {
				j := bytes.Index(out[i:], pat)
				if j < 0 {
					break
				}
				at := i + j + len(prefix)
				if end := at + len(old); end < len(out) && !isNameChar(out[end]) {
					copy(out[at:], name)
					n++
				}
				i = at + len(old)
			}
		}
		if n != 3 {
			return fmt.Errorf("font %s: found its name %d times, want 3 (Type0, CIDFont, descriptor)", fc.face.PSName, n)
		}
	}
	return nil
}

func isNameChar(c byte) bool {
	return c > ' ' && c < 0x7F && !bytes.ContainsRune([]byte("()<>[]{}/%"), rune(c))
}

// sortPageBoxes puts each page's /BleedBox line before its /TrimBox line.
// fpdf writes page boxes from a map, in random order; the two lines are
// swapped in place, which leaves every object where it was.
func sortPageBoxes(out []byte) {
	trim := []byte("\n/TrimBox [")
	for i := 0; ; {
		j := bytes.Index(out[i:], trim)
		if j < 0 {
			return
		}
		a := i + j + 1 // start of the TrimBox line
		aEnd := a + bytes.IndexByte(out[a:], '\n')
		b := aEnd + 1
		if aEnd > a && bytes.HasPrefix(out[b:], []byte("/BleedBox [")) {
			bEnd := b + bytes.IndexByte(out[b:], '\n')
			if bEnd > b {
				swapped := slices.Concat(out[b:bEnd], []byte{'\n'}, out[a:aEnd])
				copy(out[a:bEnd], swapped)
			}
		}
		i = b
	}
}

var (
	infoObject = regexp.MustCompile(`(?m)^(\d+) 0 obj\n<<\n/Producer \(`)
	infoRef    = regexp.MustCompile(`/Info \d+ 0 R`)
)

// fixInfo points the trailer's /Info at the document information
// dictionary. fpdf writes the output intent's ICC stream after that
// dictionary and then names the last object before the catalog as /Info:
// the ICC stream, so readers would find no title, author or language.
func fixInfo(out []byte) ([]byte, error) {
	m := infoObject.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("no document information dictionary in fpdf's output")
	}
	t := bytes.LastIndex(out, []byte("\ntrailer\n"))
	if t < 0 {
		return nil, fmt.Errorf("no trailer in fpdf's output")
	}
	n, _ := strconv.Atoi(string(m[1]))
	trailer := infoRef.ReplaceAll(out[t:], []byte(fmt.Sprintf("/Info %d 0 R", n)))
	return append(out[:t:t], trailer...), nil
}
