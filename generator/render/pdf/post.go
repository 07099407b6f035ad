package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"regexp"
	"slices"
	"strconv"
)

// This file finishes fpdf's output in ways its API does not offer: it
// adds the fonts, which the renderer writes itself (fpdf's own font
// embedding costs milliseconds per font and leaves fonts without a
// subset tag), adds the output intent, compresses the content streams and
// mends the trailer.

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
func finish(out []byte, uses []*fontUse, fin finishing, z *deflater, bufs *finishBuffers) ([]byte, error) {
	bufs.added.Reset()
	bufs.file.Reset()
	xref, offsets, trailer, err := readXref(out)
	if err != nil {
		return nil, fmt.Errorf("fpdf's output: %w", err)
	}
	n := len(offsets)
	if n < 3 {
		return nil, fmt.Errorf("fpdf's cross-reference table: %d objects", n)
	}
	root, rootOK := entry(trailer, "/Root ")
	info, ok := infoObject(out)
	if !rootOK || !ok {
		return nil, fmt.Errorf("no catalog or document information in fpdf's output")
	}

	// What is added after fpdf's objects, numbered on from fpdf's: fonts,
	// then the ICC profile, the logo and the structure tree.
	added := &objectWriter{buf: &bufs.added, next: n}
	var entries bytes.Buffer
	for _, u := range uses {
		fmt.Fprintf(&entries, "/%s %d 0 R\n", u.resource(), added.next)
		if u.aliased {
			fmt.Fprintf(&entries, "/%s %d 0 R\n", u.alias(), added.next)
		}
		if err := u.objects(added, z, &bufs.scratch, &bufs.subset); err != nil {
			return nil, err
		}
	}
	intent := fin.intent
	if fin.icc != nil {
		intent = fmt.Sprintf(intent, added.next)
		added.stream("/N 3 /Alternate /DeviceRGB", fin.icc)
	}
	var xobjects string
	if fin.logo != nil {
		xobjects = fmt.Sprintf("/%s %d 0 R\n", logoResource, added.next)
		fin.logo.object(added)
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
		structRoot, annots := fin.tags.objects(added, pageNums)
		pageAnnots = annots
		intent += fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n", structRoot)
	}

	// Copy fpdf's objects in file order, changing three kinds.
	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	b := &bufs.file
	b.WriteString("%PDF-" + fin.version + "\n")
	if h := bytes.IndexByte(out, '\n'); h < 0 || !bytes.HasPrefix(out, []byte("%PDF-")) {
		return nil, fmt.Errorf("fpdf's output has no PDF header")
	} else {
		b.Write(out[h+1 : offsets[order[0]]])
	}
	newOffsets := make([]int, n, added.next+1)
	var head []byte // "i 0 obj\n"
	chunksUsed := 0
	for k, i := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		obj := out[offsets[i]:end]
		newOffsets[i] = b.Len()
		head = append(strconv.AppendInt(head[:0], int64(i), 10), " 0 obj\n"...)
		if !bytes.HasPrefix(obj, head) {
			return nil, fmt.Errorf("object %d is not where fpdf's table puts it", i)
		}
		body := obj[len(head):]
		switch {
		case i == 2:
			if !bytes.HasPrefix(body, fontResources) {
				return nil, fmt.Errorf("fpdf's resource dictionary has changed")
			}
			rest := body[len(fontResources):]
			b.Write(head)
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
			b.Write(head)
			b.Write(pageStart)
			fmt.Fprintf(b, "/Tabs /S\n/StructParents %d\n", k)
			if pageAnnots[k] != "" {
				fmt.Fprintf(b, "/Annots [%s]\n", pageAnnots[k])
			}
			b.Write(body[len(pageStart):])
		case i == root:
			if !bytes.HasPrefix(body, catalogStart) {
				return nil, fmt.Errorf("fpdf's catalog has changed")
			}
			b.Write(head)
			b.Write(catalogStart)
			b.WriteString(intent)
			b.Write(bytes.Replace(body[len(catalogStart):], emptyEmbeddedFiles, nil, 1))
		case string(info) == strconv.Itoa(i):
			if !bytes.HasPrefix(body, []byte("<<\n")) {
				return nil, fmt.Errorf("fpdf's document information has changed")
			}
			b.Write(head)
			b.WriteString("<<\n")
			b.WriteString(fin.info)
			// The dates are UTC, as the XMP says: fpdf writes no zone.
			b.Write(infoDate.ReplaceAll(body[len("<<\n"):], []byte("${1}Z)")))
		case bytes.HasPrefix(body, []byte("<</Length ")):
			if bufs.digest == nil {
				bufs.digest = sha256.New()
			}
			if err := writeDeflated(b, head, body, z, bufs.digest, &bufs.chunks, &chunksUsed); err != nil {
				return nil, fmt.Errorf("object %d: %w", i, err)
			}
		default:
			b.Write(obj)
		}
	}
	if chunksUsed != len(bufs.chunks.ends) {
		return nil, fmt.Errorf("%d of the drawer's %d content chunks found in fpdf's pages", chunksUsed, len(bufs.chunks.ends))
	}
	base := b.Len()
	for _, start := range added.starts {
		newOffsets = append(newOffsets, base+start)
	}
	b.Write(added.buf.Bytes())
	// The file identifier: a digest of the file's objects, so the same
	// document keeps the same bytes (PDF/X requires an /ID). ISO 32000
	// suggests "a message digest algorithm such as MD5"; SHA-256, cut to
	// MD5's 16 bytes, is one, and with the CPU's SHA instructions it
	// takes 32 us for a 50 kB leaflet where MD5 took 71 (2 % of making
	// all 180).
	sum := sha256.Sum256(b.Bytes())
	id := sum[:16]
	newXref := b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(newOffsets))
	line := []byte("0000000000 00000 n \n")
	for _, off := range newOffsets[1:] {
		for k, v := 9, off; k >= 0; k-- { // %010d
			line[k] = byte('0' + v%10)
			v /= 10
		}
		b.Write(line)
	}
	fmt.Fprintf(b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %s 0 R\n/ID [<%x> <%x>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(newOffsets), root, info, id, id, newXref)
	return bytes.Clone(b.Bytes()), nil
}

// readXref reads the one cross-reference section a file ends with, as
// fpdf and finish write it: "startxref" near the end says where it
// starts, "xref\n0 n\n", then n entries of 20 bytes, the objects before
// it. It returns each object's offset (offsets[0], the free entry's, is
// 0), where the section starts (the objects end) and what follows its
// entries: the trailer.
func readXref(data []byte) (xref int, offsets []int, trailer []byte, err error) {
	sx := bytes.LastIndex(data, []byte("startxref\n"))
	if sx < 0 {
		return 0, nil, nil, fmt.Errorf("no startxref")
	}
	num := data[sx+len("startxref\n"):]
	xref, err = strconv.Atoi(string(num[:max(bytes.IndexByte(num, '\n'), 0)]))
	if err != nil || xref <= 0 || xref >= sx {
		return 0, nil, nil, fmt.Errorf("startxref %q", num[:min(len(num), 20)])
	}
	table, ok := bytes.CutPrefix(data[xref:sx], []byte("xref\n0 "))
	nl := bytes.IndexByte(table, '\n')
	if !ok || nl < 0 {
		return 0, nil, nil, fmt.Errorf("no cross-reference table at %d", xref)
	}
	n, err := strconv.Atoi(string(table[:nl]))
	if err != nil || n <= 0 || n > (len(table)-nl-1)/20 {
		return 0, nil, nil, fmt.Errorf("cross-reference table of %q entries: %w", table[:nl], errShort)
	}
	entries := table[nl+1 : nl+1+20*n]
	offsets = make([]int, n)
	for i := 1; i < n; i++ {
		if offsets[i], err = strconv.Atoi(string(entries[20*i : 20*i+10])); err != nil || offsets[i] >= xref {
			return 0, nil, nil, fmt.Errorf("cross-reference table, object %d: %q", i, entries[20*i:20*i+10])
		}
	}
	return xref, offsets, data[xref+len("xref\n0 ")+nl+1+20*n:], nil
}

// finishBuffers are the buffers a render writes its file in, kept for the
// next render (Renderer.bufs): the drawer's content and scratch space,
// fpdf's output, the objects finish adds, the finished file before its
// copy is returned, scratch space for a stream's data before compression
// and for font subsets, and the hash that takes the content streams'
// digests.
type finishBuffers struct {
	chunks            contentChunks
	draw              drawScratch
	fpdf, added, file bytes.Buffer
	scratch           []byte
	subset            subsetScratch
	digest            hash.Hash // SHA-256, made on first use
}

// size is the capacity of the largest buffer.
func (f *finishBuffers) size() int {
	return max(cap(f.chunks.data), f.fpdf.Cap(), f.added.Cap(), f.file.Cap(), cap(f.scratch),
		cap(f.subset.glyf), cap(f.subset.font))
}

// writeDeflated writes an uncompressed stream object of fpdf's
// ("<</Length n>>\nstream\n…\nendstream\nendobj") compressed, its
// chunk markers replaced by the drawer's chunks (counted in used); head
// is its "i 0 obj\n". Unless z.once, the content's digest, taken with
// digest, finds it in z's streams compressed before (streamCache).
func writeDeflated(b *bytes.Buffer, head, body []byte, z *deflater, digest hash.Hash, chunks *contentChunks, used *int) error {
	rest, ok := bytes.CutPrefix(body, []byte("<</Length "))
	end := bytes.Index(rest, []byte(">>\nstream\n"))
	if !ok || end < 0 {
		return fmt.Errorf("stream: no length")
	}
	length, err := strconv.Atoi(string(rest[:end]))
	if err != nil || length < 0 {
		return fmt.Errorf("stream: %q is no length", rest[:end])
	}
	at := len(body) - len(rest) + end + len(">>\nstream\n")
	if at+length > len(body) || !bytes.HasPrefix(body[at+length:], []byte("\nendstream\nendobj\n")) {
		return fmt.Errorf("stream length %d does not match its data", length)
	}
	data := body[at : at+length]
	var compressed []byte
	if z.once {
		zb := z.start()
		defer z.put(zb)
		if err := chunks.writeContent(zb.w, data, used); err != nil {
			return err
		}
		zb.w.Close()
		compressed = zb.out.Bytes()
	} else {
		digest.Reset()
		if err := chunks.writeContent(digest, data, used); err != nil {
			return err
		}
		var d streamDigest
		digest.Sum(d[:0])
		var ok bool
		if compressed, ok = z.recent.get(d); !ok {
			zb := z.start()
			defer z.put(zb)
			var again int // used counts each chunk once
			chunks.writeContent(zb.w, data, &again)
			zb.w.Close()
			compressed = zb.out.Bytes()
			z.recent.put(d, compressed)
		}
	}
	b.Write(head)
	b.WriteString("<</Filter /FlateDecode /Length ")
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], int64(len(compressed)), 10))
	b.WriteString(">>\nstream\n")
	b.Write(compressed)
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
