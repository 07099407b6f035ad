package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// This file finishes fpdf's output in ways its API does not offer: it
// adds the fonts, which the renderer writes itself (fpdf's own font
// embedding costs milliseconds per font and leaves fonts without a
// subset tag), and mends the trailer.

var (
	startXref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	rootRef    = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoObject = regexp.MustCompile(`(?m)^(\d+) 0 obj\n<<\n/Producer \(`)
)

// fontResources is where fpdf's resource dictionary (object 2) lists
// fonts; fpdf knows none, so it holds nothing.
var fontResources = []byte("2 0 obj\n<<\n/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]\n/Font <<\n")

// finish adds the fonts uses to fpdf's output out: their entries go into
// the resource dictionary, their objects after the last of fpdf's, and
// the cross-reference table and trailer are written anew. The trailer's
// /Info then names the document information dictionary: fpdf names the
// object before the catalog, which is the ICC profile when there is an
// output intent.
func finish(out []byte, uses []*fontUse, z *deflater) ([]byte, error) {
	m := startXref.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("no startxref in fpdf's output")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	table := out[xref:]
	var n int
	if _, err := fmt.Sscanf(string(table), "xref\n0 %d\n", &n); err != nil {
		return nil, fmt.Errorf("fpdf's cross-reference table: %w", err)
	}
	start := bytes.IndexByte(table, '\n') + 1
	start += bytes.IndexByte(table[start:], '\n') + 1
	offsets := make([]int, n)
	for i := range offsets {
		line := table[start+20*i : start+20*i+10]
		offsets[i], _ = strconv.Atoi(string(line))
	}
	root := rootRef.FindSubmatch(table)
	info := infoObject.FindSubmatch(out)
	if root == nil || info == nil {
		return nil, fmt.Errorf("no catalog or document information in fpdf's output")
	}
	at := bytes.Index(out, fontResources)
	if at < 0 || at != offsets[2] {
		return nil, fmt.Errorf("fpdf's resource dictionary is not where it should be")
	}
	at += len(fontResources)

	var entries bytes.Buffer
	var objs [][]byte
	for _, u := range uses {
		first := n + len(objs)
		fmt.Fprintf(&entries, "/%s %d 0 R\n", u.resource(), first)
		o, err := u.objects(first, z)
		if err != nil {
			return nil, err
		}
		objs = append(objs, o...)
	}
	shift := entries.Len()
	var b bytes.Buffer
	b.Grow(len(out) + shift + 64*1024)
	b.Write(out[:at])
	b.Write(entries.Bytes())
	b.Write(out[at:xref])
	for i := range offsets {
		if i > 0 && offsets[i] >= at {
			offsets[i] += shift
		}
	}
	for _, o := range objs {
		offsets = append(offsets, b.Len())
		b.Write(o)
	}
	newXref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %s 0 R\n/Info %s 0 R\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets), root[1], info[1], newXref)
	return b.Bytes(), nil
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
