package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// This file finishes fpdf's output in ways its API does not offer: it
// adds the fonts, which the renderer writes itself (fpdf's own font
// embedding costs milliseconds per font and leaves fonts without a
// subset tag), adds the output intent, compresses the content streams and
// mends the trailer.

var rootRef = regexp.MustCompile(`/Root (\d+) 0 R`)

// infoDate is a date in the document information as fpdf writes it.
var infoDate = regexp.MustCompile(`(/(?:Creation|Mod)Date \(D:\d{14})\)`)

// infoObject returns the number of the document information dictionary:
// the object whose dictionary starts with /Producer, which the renderer
// always sets.
func infoObject(out []byte) ([]byte, bool) {
	i := bytes.Index(out, []byte(" 0 obj\n<<\n/Producer ("))
	if i < 0 {
		return nil, false
	}
	start := bytes.LastIndexByte(out[:i], '\n') + 1
	return out[start:i], true
}

// fontResources is where fpdf's resource dictionary (object 2) lists
// fonts; fpdf knows none, so it holds nothing.
var fontResources = []byte("<<\n/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]\n/Font <<\n")

// catalogStart is how fpdf's catalog begins.
var catalogStart = []byte("<<\n/Type /Catalog\n")

// xobjectResources opens the resource dictionary's XObject entries.
var xobjectResources = []byte("/XObject <<\n")

// finishing is what finish adds to fpdf's output besides the fonts: the
// kind's header, output intent and document information, and the print
// file's logo.
type finishing struct {
	// version is the header's PDF version.
	version string
	// icc, when not nil, is the compressed ICC profile the output intent
	// names as its DestOutputProfile; intent then holds a %d for its
	// object number.
	icc    []byte
	intent string // the catalog's /OutputIntents entry
	info   string // entries added to the document information dictionary
	logo   *cmykImage
	// tags, when not nil, is the structure tree of a tagged file: its
	// objects are added, the catalog gets /MarkInfo, /StructTreeRoot and
	// /ViewerPreferences, every page /Tabs /S, /StructParents and its
	// link annotations.
	tags *tagger
}

// emptyEmbeddedFiles is the name dictionary fpdf writes into the catalog
// when nothing is attached: an empty name tree, dropped.
var emptyEmbeddedFiles = []byte("/Names <<\n/EmbeddedFiles << /Names [\n  \n] >>\n>>\n")

// finish completes fpdf's output out, which fpdf wrote uncompressed and
// without fonts: the fonts uses go into the resource dictionary and after
// the last object, the catalog gets fin's output intent (and its ICC
// profile, compressed once, in New), the document information fin's
// entries, every content stream is compressed with a pooled writer (fpdf
// makes a new one, a megabyte, per stream), and the cross-reference table
// and trailer are written anew, with a file identifier. The trailer names
// the document information dictionary as /Info: fpdf names the object
// before the catalog, which is the ICC profile when fpdf writes the
// output intent itself.
func finish(out []byte, uses []*fontUse, fin finishing, z *deflater) ([]byte, error) {
	sx := bytes.LastIndex(out, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref in fpdf's output")
	}
	num := out[sx+len("startxref\n"):]
	xref, err := strconv.Atoi(string(num[:max(bytes.IndexByte(num, '\n'), 0)]))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, fmt.Errorf("fpdf's startxref: %q", num)
	}
	table := out[xref:]
	var n int
	if _, err := fmt.Sscanf(string(table), "xref\n0 %d\n", &n); err != nil || n < 3 {
		return nil, fmt.Errorf("fpdf's cross-reference table: %v", err)
	}
	start := bytes.IndexByte(table, '\n') + 1
	start += bytes.IndexByte(table[start:], '\n') + 1
	if len(table) < start+20*n {
		return nil, fmt.Errorf("fpdf's cross-reference table: %w", errShort)
	}
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		if offsets[i], err = strconv.Atoi(string(table[start+20*i : start+20*i+10])); err != nil || offsets[i] >= xref {
			return nil, fmt.Errorf("fpdf's cross-reference table, object %d: %q", i, table[start+20*i:start+20*i+10])
		}
	}
	rootM := rootRef.FindSubmatch(table)
	info, ok := infoObject(out)
	if rootM == nil || !ok {
		return nil, fmt.Errorf("no catalog or document information in fpdf's output")
	}
	root, _ := strconv.Atoi(string(rootM[1]))

	// Object numbers of what is added: fonts, then the ICC profile.
	next := n
	var entries bytes.Buffer
	var added [][]byte
	for _, u := range uses {
		fmt.Fprintf(&entries, "/%s %d 0 R\n", u.resource(), next)
		if u.aliased {
			fmt.Fprintf(&entries, "/%s %d 0 R\n", u.alias(), next)
		}
		o, err := u.objects(next, z)
		if err != nil {
			return nil, err
		}
		added = append(added, o...)
		next += len(o)
	}
	intent := fin.intent
	if fin.icc != nil {
		added = append(added, []byte(fmt.Sprintf("%d 0 obj\n<</N 3 /Alternate /DeviceRGB /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream\nendobj\n",
			next, len(fin.icc), fin.icc)))
		intent = fmt.Sprintf(intent, next)
		next++
	}
	var xobjects string
	if fin.logo != nil {
		added = append(added, fin.logo.object(next))
		xobjects = fmt.Sprintf("/%s %d 0 R\n", logoResource, next)
		next++
	}

	// fpdf writes each page as "<</Type /Page\n…", in page order.
	pageStart := []byte("<</Type /Page\n")
	var pageNums []int
	for i := 1; i < n; i++ {
		if o := out[offsets[i]:]; bytes.HasPrefix(o[bytes.IndexByte(o, '\n')+1:], pageStart) {
			pageNums = append(pageNums, i)
		}
	}
	pageIdx := map[int]int{}
	for k, i := range pageNums {
		pageIdx[i] = k
	}
	var pageAnnots []string
	if fin.tags != nil {
		objs, structRoot, annots, after := fin.tags.objects(next, pageNums)
		added = append(added, objs...)
		next, pageAnnots = after, annots
		intent += fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n", structRoot)
	}

	// Copy fpdf's objects in file order, changing three kinds.
	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	var b bytes.Buffer
	b.Grow(len(out) + 64*1024)
	b.WriteString("%PDF-" + fin.version + "\n")
	if h := bytes.IndexByte(out, '\n'); h < 0 || !bytes.HasPrefix(out, []byte("%PDF-")) {
		return nil, fmt.Errorf("fpdf's output has no PDF header")
	} else {
		b.Write(out[h+1 : offsets[order[0]]])
	}
	newOffsets := make([]int, n, next+1)
	for k, i := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		obj := out[offsets[i]:end]
		newOffsets[i] = b.Len()
		head := fmt.Sprintf("%d 0 obj\n", i)
		if !bytes.HasPrefix(obj, []byte(head)) {
			return nil, fmt.Errorf("object %d is not where fpdf's table puts it", i)
		}
		body := obj[len(head):]
		switch {
		case i == 2:
			if !bytes.HasPrefix(body, fontResources) {
				return nil, fmt.Errorf("fpdf's resource dictionary has changed")
			}
			rest := body[len(fontResources):]
			b.WriteString(head)
			b.Write(fontResources)
			b.Write(entries.Bytes())
			if x := bytes.Index(rest, xobjectResources); x >= 0 && xobjects != "" {
				x += len(xobjectResources)
				b.Write(rest[:x])
				b.WriteString(xobjects)
				rest = rest[x:]
			} else if xobjects != "" {
				return nil, fmt.Errorf("fpdf's resource dictionary has no XObject entry")
			}
			b.Write(rest)
		case fin.tags != nil && bytes.HasPrefix(body, pageStart):
			k := pageIdx[i]
			b.WriteString(head)
			b.Write(pageStart)
			fmt.Fprintf(&b, "/Tabs /S\n/StructParents %d\n", k)
			if pageAnnots[k] != "" {
				fmt.Fprintf(&b, "/Annots [%s]\n", pageAnnots[k])
			}
			b.Write(body[len(pageStart):])
		case i == root:
			if !bytes.HasPrefix(body, catalogStart) {
				return nil, fmt.Errorf("fpdf's catalog has changed")
			}
			b.WriteString(head)
			b.Write(catalogStart)
			b.WriteString(intent)
			b.Write(bytes.Replace(body[len(catalogStart):], emptyEmbeddedFiles, nil, 1))
		case string(info) == strconv.Itoa(i):
			if !bytes.HasPrefix(body, []byte("<<\n")) {
				return nil, fmt.Errorf("fpdf's document information has changed")
			}
			b.WriteString(head)
			b.WriteString("<<\n")
			b.WriteString(fin.info)
			// The dates are UTC, as the XMP says: fpdf writes no zone.
			b.Write(infoDate.ReplaceAll(body[len("<<\n"):], []byte("${1}Z)")))
		case bytes.HasPrefix(body, []byte("<</Length ")):
			if err := writeDeflated(&b, head, body, z); err != nil {
				return nil, fmt.Errorf("object %d: %w", i, err)
			}
		default:
			b.Write(obj)
		}
	}
	for _, o := range added {
		newOffsets = append(newOffsets, b.Len())
		b.Write(o)
	}
	// The file identifier: a digest of the file's objects, so the same
	// document keeps the same bytes (PDF/X requires an /ID).
	id := md5.Sum(b.Bytes())
	newXref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(newOffsets))
	for _, off := range newOffsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %s 0 R\n/ID [<%x> <%x>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(newOffsets), root, info, id, id, newXref)
	return b.Bytes(), nil
}

// writeDeflated writes an uncompressed stream object of fpdf's
// ("<</Length n>>\nstream\n…\nendstream\nendobj") compressed.
func writeDeflated(b *bytes.Buffer, head string, body []byte, z *deflater) error {
	var length int
	if _, err := fmt.Sscanf(string(body[:min(len(body), 40)]), "<</Length %d>>\nstream\n", &length); err != nil {
		return fmt.Errorf("stream: %v", err)
	}
	at := bytes.Index(body, []byte("stream\n")) + len("stream\n")
	if at+length > len(body) || !bytes.HasPrefix(body[at+length:], []byte("\nendstream\nendobj\n")) {
		return fmt.Errorf("stream length %d does not match its data", length)
	}
	data := z.deflate(body[at : at+length])
	fmt.Fprintf(b, "%s<</Filter /FlateDecode /Length %d>>\nstream\n", head, len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	return nil
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
