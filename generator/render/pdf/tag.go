package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
)

// This file builds the structure tree of a tagged (PDF/UA-1) leaflet. The
// tree follows the document's blocks in their logical order, never the
// positions on the page: compose tags every line with its block, part and
// item, and each line's text is drawn as marked content whose MCID the
// tree's element for that place in the document owns.
//
//	Document
//	  Figure (the logo, /Alt)          P (municipality)
//	  H1 (title)   H2 (section headings)   P (paragraphs)
//	  L › LI › Lbl (the bullet, /ActualText "•") + LBody
//	  Notice (role-mapped to Div) › P
//	  Div (a block of cards) › Sect (one card) › H3 (role label), P …
//	    P › Link (phone, e-mail, web; OBJR to its annotation)
//	  P (footer lines; on later pages the footer is an artifact)
//
// Text in another language than its element's is a Span with /Lang.

// structElem is one element of the structure tree.
type structElem struct {
	role   string
	lang   string // /Lang where it differs from the enclosing element's
	alt    string // /Alt
	actual string // /ActualText
	bbox   []float64
	attrs  string // a raw attribute dictionary, "" for none
	kids   []structKid
	parent *structElem
	num    int // object number, set when written
	pg     int // the page of its first marked content, -1 none
}

// structKid is one kid of an element: another element, a marked-content
// sequence on a page, or an annotation.
type structKid struct {
	elem  *structElem
	page  int
	mcid  int // ≥ 0: marked content
	annot int // > 0: annotation annot-1
}

func (e *structElem) add(role string) *structElem {
	k := &structElem{role: role, parent: e, pg: -1}
	e.kids = append(e.kids, structKid{elem: k, mcid: -1})
	return k
}

// annotation is a link annotation, tagged by its Link element.
type annotation struct {
	page           int
	rect           [4]float64 // llx lly urx ury
	href, contents string
	parent         *structElem
	num            int
}

// slotKey is a place in the document a composed line sets.
type slotKey struct {
	block, item int
	part        string
}

// slot is where the text of the lines at one place goes: into a fixed
// element (a heading, a paragraph), or into a new element of role under
// parent for each paragraph (the fields of a card).
type slot struct {
	parent *structElem
	role   string
	lang   string
	fixed  bool
	cur    *structElem
	link   bool // each paragraph is one link: P › Link
}

// tagger collects the structure tree while the pages are drawn.
type tagger struct {
	root    *structElem
	pages   [][]*structElem // per page, the element that owns each MCID
	annots  []annotation
	slots   map[slotKey]*slot
	bullets []*structElem // the Lbl of each list item that prints, in order
	logo    *structElem
	labels  map[string]string // link target → its annotation's /Contents
	docLang string
}

// newTagger lays out the tree's skeleton from doc (nil for a proof sheet:
// every line is a paragraph of its own).
func newTagger(doc *document.Document, l *compose.Leaflet) *tagger {
	t := &tagger{root: &structElem{role: "Document", pg: -1}, slots: map[slotKey]*slot{}, labels: map[string]string{}}
	if doc == nil {
		return t
	}
	t.docLang = doc.Lang
	foreign := func(lang string) string {
		if lang == "" || document.SameLanguage(lang, doc.Lang) {
			return ""
		}
		return lang
	}
	if l.Logo != nil {
		t.logo = t.root.add("Figure")
		t.logo.alt = l.Logo.Alt
		if t.logo.alt == "" {
			t.logo.alt = doc.Municipality
		}
	}
	fixed := func(k slotKey, e *structElem) { t.slots[k] = &slot{cur: e, fixed: true} }
	// A card's label is a heading one level below the last heading
	// before its block.
	level := 1
	muni := t.root.add("P")
	muni.lang = foreign(doc.MunicipalityName().Lang())
	fixed(slotKey{-1, 0, "municipality"}, muni)
	for i, b := range doc.Blocks {
		t.noteLabels(b.Text)
		switch b.Kind {
		case document.Heading:
			lv, part := min(max(b.Level, 2), 6), "heading"
			if b.Level == 1 {
				lv, part = 1, "title"
			}
			level = lv
			fixed(slotKey{i, 0, part}, t.root.add(fmt.Sprintf("H%d", lv)))
		case document.Paragraph:
			fixed(slotKey{i, 0, "text"}, t.root.add("P"))
		case document.Notice:
			fixed(slotKey{i, 0, "text"}, t.root.add("Notice").add("P"))
		case document.List:
			list := t.root.add("L")
			list.attrs = "<</O /List /ListNumbering /Disc>>"
			for k, item := range b.Items {
				t.noteLabels(item)
				if strings.TrimSpace(item.Bare()) == "" {
					continue
				}
				li := list.add("LI")
				lbl := li.add("Lbl")
				lbl.actual = "•"
				t.bullets = append(t.bullets, lbl)
				fixed(slotKey{i, k, "item"}, li.add("LBody"))
			}
		case document.Contacts, document.HelpLines:
			div := t.root.add("Div")
			for k, c := range b.Cards {
				sect := div.add("Sect")
				fixed(slotKey{i, k, "label"}, sect.add(fmt.Sprintf("H%d", min(level+1, 6))))
				for _, part := range []string{"name", "about", "phone", "hours", "email", "web", "address", "note"} {
					s := &slot{parent: sect, role: "P", link: part == "phone" || part == "email" || part == "web"}
					// The municipality's own words: Swedish when written in
					// Latin letters (resolve marks them so).
					switch part {
					case "name":
						s.lang = foreign(c.Name.Lang())
					case "address":
						s.lang = foreign(c.Address.Lang())
					}
					t.slots[slotKey{i, k, part}] = s
				}
				for _, x := range slices.Concat([]document.Text{c.Label, c.Name, c.About, c.Email, c.Web, c.Address}, c.Phones, c.Hours, c.Notes) {
					t.noteLabels(x)
				}
			}
		}
	}
	for i, f := range doc.Footer {
		p := t.root.add("P")
		p.lang = foreign(f.Lang)
		fixed(slotKey{-1, i, "footer"}, p)
	}
	return t
}

func (t *tagger) noteLabels(x document.Text) {
	for _, s := range x {
		if s.Href != "" && s.Label != "" {
			t.labels[s.Href] = s.Label
		}
	}
}

// element returns the element a line's text goes into.
func (t *tagger) element(ln compose.Line) *structElem {
	k := slotKey{ln.Block, ln.Item, ln.Part}
	s := t.slots[k]
	if s == nil {
		s = &slot{parent: t.root, role: "P"}
		t.slots[k] = s
	}
	if s.fixed {
		return s.cur
	}
	if s.cur == nil || ln.Line.Start == 0 {
		s.cur = s.parent.add(s.role)
		s.cur.lang = s.lang
		if ln.Lang != "" && !document.SameLanguage(ln.Lang, t.docLang) {
			s.cur.lang = ln.Lang
		}
	}
	return s.cur
}

// mark gives the next MCID of page to e's new marked content and returns it.
func (t *tagger) mark(page int, e *structElem, kidOf *structElem) int {
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	id := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e)
	if kidOf != nil {
		kidOf.kids = append(kidOf.kids, structKid{page: page, mcid: id})
		if kidOf.pg < 0 {
			kidOf.pg = page
		}
	}
	return id
}

// prune drops elements that got no content (a card field the layout
// left out), bottom up; it keeps annotations' parents.
func prune(e *structElem) bool {
	out := e.kids[:0]
	for _, k := range e.kids {
		if k.elem != nil && !prune(k.elem) {
			continue
		}
		out = append(out, k)
	}
	e.kids = out
	return len(e.kids) > 0
}

// number gives e and its descendants object numbers from next on, in
// tree order, and returns the next free number.
func number(e *structElem, next int) int {
	e.num = next
	next++
	for _, k := range e.kids {
		if k.elem != nil {
			next = number(k.elem, next)
		}
	}
	return next
}

// firstPage is the page of e's first marked content or annotation, in
// tree order; -1 if it has none.
func firstPage(e *structElem, annots []annotation) int {
	if e.pg >= 0 {
		return e.pg
	}
	for _, k := range e.kids {
		switch {
		case k.elem != nil:
			if p := firstPage(k.elem, annots); p >= 0 {
				return p
			}
		case k.annot > 0:
			return annots[k.annot-1].page
		}
	}
	return -1
}

// objects writes the structure tree, the parent tree and the annotations
// as the next objects of w. pageNums are the page objects' numbers in
// page order. It returns the structure tree root's number and each
// page's annotation references.
func (t *tagger) objects(w *objectWriter, pageNums []int) (rootNum int, annots []string) {
	prune(t.root)
	rootNum = w.next
	parentTree := rootNum + 1
	next := number(t.root, rootNum+2)
	for i := range t.annots {
		t.annots[i].num = next
		next++
	}
	annots = make([]string, len(pageNums))
	b := w.buf
	var tmp []byte // numbers formatted
	ref := func(n int) {
		tmp = strconv.AppendInt(tmp[:0], int64(n), 10)
		b.Write(tmp)
		b.WriteString(" 0 R")
	}
	fmt.Fprintf(b, "%d 0 obj\n<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d /RoleMap <</Notice /Div>>>>\nendobj\n",
		w.begin(), t.root.num, parentTree, len(pageNums)+len(t.annots))
	fmt.Fprintf(b, "%d 0 obj\n<</Nums [", w.begin())
	for p := range pageNums {
		tmp = strconv.AppendInt(tmp[:0], int64(p), 10)
		b.Write(tmp)
		b.WriteString(" [")
		if p < len(t.pages) {
			for i, e := range t.pages[p] {
				if i > 0 {
					b.WriteByte(' ')
				}
				ref(e.num)
			}
		}
		b.WriteString("] ")
	}
	for i, a := range t.annots {
		tmp = strconv.AppendInt(tmp[:0], int64(len(pageNums)+i), 10)
		b.Write(tmp)
		b.WriteByte(' ')
		ref(a.parent.num)
		b.WriteByte(' ')
	}
	b.WriteString("]>>\nendobj\n")

	var walk func(e *structElem, parent int)
	walk = func(e *structElem, parent int) {
		w.begin() // e.num: the walk is the numbering's pre-order
		tmp = strconv.AppendInt(tmp[:0], int64(e.num), 10)
		b.Write(tmp)
		b.WriteString(" 0 obj\n<</Type /StructElem /S /")
		b.WriteString(e.role)
		b.WriteString(" /P ")
		ref(parent)
		pg := firstPage(e, t.annots)
		if pg >= 0 && pg < len(pageNums) {
			b.WriteString(" /Pg ")
			ref(pageNums[pg])
		}
		if e.lang != "" {
			fmt.Fprintf(b, " /Lang %s", pdfString(e.lang))
		}
		if e.alt != "" {
			b.WriteString(" /Alt ")
			tmp = appendTextString(tmp[:0], e.alt)
			b.Write(tmp)
		}
		if e.actual != "" {
			b.WriteString(" /ActualText ")
			tmp = appendTextString(tmp[:0], e.actual)
			b.Write(tmp)
		}
		if e.attrs != "" || len(e.bbox) == 4 {
			attrs := e.attrs
			if len(e.bbox) == 4 {
				attrs = fmt.Sprintf("<</O /Layout /BBox [%s %s %s %s]>>", num(nil, e.bbox[0]), num(nil, e.bbox[1]), num(nil, e.bbox[2]), num(nil, e.bbox[3]))
			}
			fmt.Fprintf(b, " /A %s", attrs)
		}
		b.WriteString(" /K [")
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				ref(k.elem.num)
			case k.annot > 0:
				a := t.annots[k.annot-1]
				fmt.Fprintf(b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", a.num, pageNums[a.page])
			case k.page == pg:
				tmp = strconv.AppendInt(tmp[:0], int64(k.mcid), 10)
				b.Write(tmp)
			default:
				b.WriteString("<</Type /MCR /Pg ")
				ref(pageNums[k.page])
				b.WriteString(" /MCID ")
				tmp = strconv.AppendInt(tmp[:0], int64(k.mcid), 10)
				b.Write(tmp)
				b.WriteString(">>")
			}
		}
		b.WriteString("]>>\nendobj\n")
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem, e.num)
			}
		}
	}
	walk(t.root, rootNum)
	// Objects must follow in number order: the walk is the numbering's
	// pre-order, the annotations come after.
	for i, a := range t.annots {
		r := a.rect
		w.begin() // a.num
		fmt.Fprintf(b, "%d 0 obj\n<</Type /Annot /Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /F 4 /Contents %s /StructParent %d /A <</S /URI /URI %s>>>>\nendobj\n",
			a.num, num(nil, r[0]), num(nil, r[1]), num(nil, r[2]), num(nil, r[3]), textString(a.contents), len(pageNums)+i, literal(a.href))
		if annots[a.page] != "" {
			annots[a.page] += " "
		}
		annots[a.page] += fmt.Sprintf("%d 0 R", a.num)
	}
	return rootNum, annots
}

// literal writes s as a literal string, backslash, parentheses and
// control characters escaped.
func literal(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == '(' || c == ')':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// textString writes s as a PDF text string: UTF-16BE with a byte order mark.
func textString(s string) string { return string(appendTextString(nil, s)) }

// appendTextString appends s as a PDF text string (textString) to b.
func appendTextString(b []byte, s string) []byte {
	return append(appendUTF16Hex(append(b, "<FEFF"...), s), '>')
}

// pdfString writes an ASCII string (a language tag, a URI) as a hex
// string: no escaping to get wrong.
func pdfString(s string) string { return fmt.Sprintf("<%X>", s) }
