package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/document"
)

// checkUA is the tests' PDF/UA-1 check: the failure conditions of the
// Matterhorn Protocol 1.1 that a program can decide for the files this
// package writes. veraPDF, the reference checker, is not packaged in the
// registries the test machines reach. Checkpoints covered:
//
//	01-001/01-002  Document is not marked tagged (MarkInfo /Marked true), no StructTreeRoot
//	01-004/01-005  Content neither marked as artifact nor tagged as real content (text, paths, images);
//	               artifact inside tagged content and tagged content inside an artifact
//	01-006         A structure element's role is neither standard nor role-mapped to a standard one
//	02-001         A role map maps a standard role
//	06-001/06-002  No XMP metadata stream in the catalog; no pdfuaid:part 1
//	06-003         No dc:title in the XMP metadata
//	07-001/07-002  ViewerPreferences without /DisplayDocTitle true
//	09-004         Structure: marked content not referenced by the structure tree (orphan MCID),
//	               or referenced twice; ParentTree entries that disagree with the tree
//	11-001/11-006  No /Lang on the catalog; text in another script than the document's
//	               language without a /Lang of its own (natural language of differing spans)
//	13-004         Figure without /Alt
//	14-002/14-003  First heading is not H1; heading levels skipped
//	19-003         Note without /ID
//	28-002/28-004  Annotation without /Contents
//	28-008/28-011  Link annotation not tagged: no /StructParent, or not the kid (OBJR) of a Link element
//	28-010? (UA 7.18.3) Page with annotations without /Tabs /S (checked on every page)
//	31-009         Font program not embedded; 10-001 font without ToUnicode
//
// It returns the problems found (checkpoint: what) and the document's
// structure for reading.
func checkUA(data []byte, docScript string, rtl bool) (*uaElem, []string) {
	var probs []string
	bad := func(cp, format string, a ...any) { probs = append(probs, cp+": "+fmt.Sprintf(format, a...)) }
	f, err := parsePDF(data)
	if err != nil {
		return nil, []string{"parse: " + err.Error()}
	}
	cat := f.dict(f.trailer["Root"])
	if cat == nil {
		return nil, []string{"parse: no catalog"}
	}
	if mi := f.dict(cat["MarkInfo"]); mi == nil || mi["Marked"] != true {
		bad("01-001", "catalog /MarkInfo lacks /Marked true")
	}
	docLang := textOf(f.get(cat["Lang"]))
	if strings.TrimSpace(docLang) == "" {
		bad("11-001", "no /Lang on the catalog")
	}
	if vp := f.dict(cat["ViewerPreferences"]); vp == nil || vp["DisplayDocTitle"] != true {
		bad("07-001", "no /ViewerPreferences /DisplayDocTitle true")
	}
	if md, ok := f.get(cat["Metadata"]).(*pStream); !ok {
		bad("06-001", "no XMP metadata stream on the catalog")
	} else {
		x := string(md.Data)
		if !strings.Contains(x, "<pdfuaid:part>1</pdfuaid:part>") {
			bad("06-002", "XMP lacks pdfuaid:part 1")
		}
		if !strings.Contains(x, "<dc:title>") {
			bad("06-003", "XMP lacks dc:title")
		}
	}
	if info := f.dict(f.trailer["Info"]); info == nil || textOf(f.get(info["Title"])) == "" {
		bad("06-003", "no document title in /Info")
	}

	// Pages, in order.
	var pages []int
	var walkPages func(v any)
	walkPages = func(v any) {
		r, _ := v.(pRef)
		d := f.dict(v)
		if d["Type"] == pName("Page") {
			pages = append(pages, int(r))
			return
		}
		for _, k := range f.array(d["Kids"]) {
			walkPages(k)
		}
	}
	walkPages(cat["Pages"])
	pageIdx := map[int]int{}
	for i, p := range pages {
		pageIdx[p] = i
	}

	// Marked content of every page: the text of each MCID, as chunks of
	// glyph texts in drawing order.
	type mcKey struct{ page, mcid int }
	mcText := map[mcKey][]string{}
	mcY := map[mcKey]float64{} // the baseline of each MCID's first text
	mcSeenY := map[mcKey]bool{}
	mcSeen := map[mcKey]bool{}
	for pi, pr := range pages {
		pg := f.dict(pRef(pr))
		if pg["Tabs"] != pName("S") {
			bad("28-010", "page %d without /Tabs /S", pi+1)
		}
		if _, ok := pg["StructParents"].(float64); !ok {
			bad("01-001", "page %d without /StructParents", pi+1)
		}
		res := f.dict(pg["Resources"])
		fonts := map[string]map[uint16]string{}
		for name, fv := range f.dict(res["Font"]) {
			fd := f.dict(fv)
			tu, ok := f.get(fd["ToUnicode"]).(*pStream)
			if !ok {
				bad("10-001", "font %s without ToUnicode", name)
				continue
			}
			fonts[name] = toUnicode(tu.Data)
			for _, df := range f.array(fd["DescendantFonts"]) {
				desc := f.dict(f.dict(df)["FontDescriptor"])
				if desc["FontFile2"] == nil && desc["FontFile"] == nil && desc["FontFile3"] == nil {
					bad("31-009", "font %s not embedded", name)
				}
			}
		}
		var data []byte
		switch c := f.get(pg["Contents"]).(type) {
		case *pStream:
			data = c.Data
		case []any:
			for _, s := range c {
				if st, ok := f.get(s).(*pStream); ok {
					data = append(data, st.Data...)
				}
			}
		}
		ops, err := parseContent(data)
		if err != nil {
			bad("parse", "page %d content: %v", pi+1, err)
			continue
		}
		type mark struct {
			mcid      int
			artifact  bool
			actual    string
			hasActual bool
			glyphs    []string
		}
		var stack []*mark
		var font map[uint16]string
		var y float64 // the text matrix's baseline
		inMCID := func() *mark {
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].mcid >= 0 {
					return stack[i]
				}
			}
			return nil
		}
		inArtifact := func() bool {
			return slices.ContainsFunc(stack, func(m *mark) bool { return m.artifact })
		}
		for _, o := range ops {
			switch o.name {
			case "BMC", "BDC":
				m := &mark{mcid: -1}
				if len(o.args) > 0 && o.args[0] == pName("Artifact") {
					m.artifact = true
				}
				if len(o.args) > 1 {
					props := f.dict(o.args[1])
					if v, ok := props["MCID"].(float64); ok {
						m.mcid = int(v)
					}
					if a, ok := props["ActualText"]; ok {
						m.actual, m.hasActual = textOf(a), true
					}
				}
				if m.artifact && inMCID() != nil {
					bad("01-004", "page %d: artifact inside tagged content", pi+1)
				}
				if m.mcid >= 0 && (inArtifact() || inMCID() != nil) {
					bad("01-004", "page %d: MCID %d inside an artifact or another MCID", pi+1, m.mcid)
				}
				if m.mcid >= 0 {
					k := mcKey{pi, m.mcid}
					if mcSeen[k] {
						bad("09-004", "page %d: MCID %d used twice", pi+1, m.mcid)
					}
					mcSeen[k] = true
				}
				stack = append(stack, m)
			case "EMC":
				if len(stack) == 0 {
					bad("parse", "page %d: EMC without BDC", pi+1)
					continue
				}
				m := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if m.hasActual {
					if outer := inMCID(); outer != nil && m.mcid < 0 {
						outer.glyphs = append(outer.glyphs, m.actual)
					} else if m.mcid >= 0 {
						mcText[mcKey{pi, m.mcid}] = []string{m.actual}
					}
					continue
				}
				if m.mcid >= 0 {
					mcText[mcKey{pi, m.mcid}] = m.glyphs
				}
			case "Tm":
				if len(o.args) == 6 {
					y, _ = o.args[5].(float64)
				}
			case "Tf":
				if len(o.args) > 0 {
					n, _ := o.args[0].(pName)
					font = fonts[string(n)]
				}
			case "Tj", "TJ", "'", "\"", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
				m := inMCID()
				if m == nil && !inArtifact() {
					bad("01-005", "page %d: %s neither tagged nor artifact", pi+1, o.name)
				}
				if m == nil || !textShowing[o.name] {
					continue
				}
				if k := (mcKey{pi, m.mcid}); !mcSeenY[k] {
					mcSeenY[k], mcY[k] = true, y
				}
				// Inside an ActualText span the span's text stands for the glyphs.
				if slices.ContainsFunc(stack, func(x *mark) bool { return x.hasActual }) {
					continue
				}
				var strs []pString
				for _, a := range o.args {
					switch v := a.(type) {
					case pString:
						strs = append(strs, v)
					case []any:
						for _, e := range v {
							if s, ok := e.(pString); ok {
								strs = append(strs, s)
							}
						}
					}
				}
				for _, s := range strs {
					for i := 0; i+1 < len(s); i += 2 {
						m.glyphs = append(m.glyphs, font[uint16(s[i])<<8|uint16(s[i+1])])
					}
				}
			}
		}
		// Annotations.
		for _, av := range f.array(pg["Annots"]) {
			a := f.dict(av)
			if a["Subtype"] == pName("Widget") || a["Subtype"] == pName("Popup") {
				continue
			}
			if strings.TrimSpace(textOf(f.get(a["Contents"]))) == "" {
				bad("28-004", "page %d: %v annotation without /Contents", pi+1, a["Subtype"])
			}
			if _, ok := a["StructParent"].(float64); !ok {
				bad("28-008", "page %d: annotation without /StructParent", pi+1)
			}
		}
	}

	// The structure tree.
	root := f.dict(cat["StructTreeRoot"])
	if root == nil {
		bad("01-001", "no StructTreeRoot")
		return nil, probs
	}
	roleMap := map[string]string{}
	for k, v := range f.dict(root["RoleMap"]) {
		n, _ := f.get(v).(pName)
		if standardRoles[k] {
			bad("02-001", "the role map maps the standard role %s", k)
		}
		roleMap[k] = string(n)
	}
	owner := map[mcKey]int{} // MCID → the object number of its element
	annotOwner := map[int]int{}
	var headings []int
	var walk func(v any, inherited string) *uaElem
	walk = func(v any, inherited string) *uaElem {
		num, _ := v.(pRef)
		d := f.dict(v)
		raw, _ := d["S"].(pName)
		e := &uaElem{Raw: string(raw), Role: string(raw), Lang: textOf(f.get(d["Lang"])),
			Alt: textOf(f.get(d["Alt"])), Actual: textOf(f.get(d["ActualText"]))}
		if m, ok := roleMap[e.Role]; ok {
			e.Role = m
		}
		if !standardRoles[e.Role] {
			bad("01-006", "role %s is not standard nor mapped to a standard role", raw)
		}
		lang := inherited
		if e.Lang != "" {
			lang = e.Lang
		}
		e.EffLang = lang
		if e.Role == "Figure" && strings.TrimSpace(e.Alt) == "" && e.Actual == "" {
			bad("13-004", "Figure without /Alt")
		}
		if e.Role == "Note" && d["ID"] == nil {
			bad("19-003", "Note without /ID")
		}
		if len(e.Role) == 2 && e.Role[0] == 'H' && e.Role[1] >= '1' && e.Role[1] <= '6' {
			headings = append(headings, int(e.Role[1]-'0'))
		}
		pg, _ := d["Pg"].(pRef)
		kids := d["K"]
		list, isList := f.get(kids).([]any)
		if !isList {
			list = []any{kids}
		}
		for _, k := range list {
			switch kv := k.(type) {
			case float64:
				key := mcKey{pageIdx[int(pg)], int(kv)}
				if _, dup := owner[key]; dup {
					bad("09-004", "MCID %d of page %d owned twice", key.mcid, key.page+1)
				}
				owner[key] = int(num)
				e.Kids = append(e.Kids, uaNode{Text: chunkText(mcText[key]), Lang: lang, Page: key.page, Y: mcY[key]})
			case pRef, pDict:
				kd := f.dict(kv)
				switch kd["Type"] {
				case pName("MCR"):
					p, _ := kd["Pg"].(pRef)
					if p == 0 {
						p = pg
					}
					id, _ := kd["MCID"].(float64)
					key := mcKey{pageIdx[int(p)], int(id)}
					if _, dup := owner[key]; dup {
						bad("09-004", "MCID %d of page %d owned twice", key.mcid, key.page+1)
					}
					owner[key] = int(num)
					e.Kids = append(e.Kids, uaNode{Text: chunkText(mcText[key]), Lang: lang, Page: key.page, Y: mcY[key]})
				case pName("OBJR"):
					obj, _ := kd["Obj"].(pRef)
					annotOwner[int(obj)] = int(num)
					if e.Role != "Link" {
						bad("28-011", "annotation %d is the kid of a %s, not a Link", obj, e.Role)
					}
					e.Kids = append(e.Kids, uaNode{Annot: textOf(f.get(f.dict(obj)["Contents"]))})
				default:
					if _, ok := kv.(pRef); ok {
						e.Kids = append(e.Kids, uaNode{Elem: walk(kv, lang)})
					}
				}
			}
		}
		return e
	}
	tree := &uaElem{Role: "StructTreeRoot"}
	rk := root["K"]
	rl, ok := f.get(rk).([]any)
	if !ok {
		rl = []any{rk}
	}
	for _, k := range rl {
		tree.Kids = append(tree.Kids, uaNode{Elem: walk(k, docLang)})
	}
	for k := range mcSeen {
		if _, ok := owner[k]; !ok {
			bad("09-004", "MCID %d of page %d belongs to no structure element", k.mcid, k.page+1)
		}
	}
	// The parent tree agrees with the tree.
	nums := f.array(f.dict(root["ParentTree"])["Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		key, _ := nums[i].(float64)
		switch v := f.get(nums[i+1]).(type) {
		case []any:
			for id, e := range v {
				r, _ := e.(pRef)
				if owner[mcKey{int(key), id}] != int(r) {
					bad("09-004", "ParentTree: MCID %d of page %d names another element than the tree", id, int(key)+1)
				}
			}
		}
	}
	for pi, pr := range pages {
		for _, av := range f.array(f.dict(pRef(pr))["Annots"]) {
			r, _ := av.(pRef)
			if _, ok := annotOwner[int(r)]; !ok {
				bad("28-011", "page %d: annotation %d is in no Link element", pi+1, r)
			}
		}
	}
	// Headings.
	for i, h := range headings {
		if i == 0 && h != 1 {
			bad("14-002", "the first heading is H%d", h)
		}
		if i > 0 && h > headings[i-1]+1 {
			bad("14-003", "H%d follows H%d", h, headings[i-1])
		}
	}
	// Natural language of text in another script: in a document whose
	// language is not written in Latin letters, Latin words belong to
	// another language (Swedish names and terms) and must say so; links
	// (numbers, addresses) are no language's words.
	if docScript != "" && docScript != "Latn" {
		var visit func(e *uaElem, inLink bool)
		visit = func(e *uaElem, inLink bool) {
			inLink = inLink || e.Role == "Link"
			for _, k := range e.Kids {
				if k.Elem != nil {
					visit(k.Elem, inLink)
					continue
				}
				if inLink || !document.SameLanguage(k.Lang, docLang) {
					continue
				}
				if strings.ContainsFunc(k.Text, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
					bad("11-006", "%q in a %s element has no /Lang of its own", k.Text, e.Role)
				}
			}
		}
		visit(tree, false)
	}
	return tree, probs
}

var textShowing = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true}

// logicalText is the text a leaflet's structure tree must read as: the
// document's texts in the order of its blocks (card fields in the order
// compose sets them), then the footer.
func logicalText(doc *document.Document) string {
	var b strings.Builder
	add := func(t document.Text) { b.WriteString(t.Bare()); b.WriteByte(' ') }
	b.WriteString(doc.Municipality + " ")
	for _, bl := range doc.Blocks {
		add(bl.Text)
		for _, it := range bl.Items {
			add(it)
		}
		for _, c := range bl.Cards {
			for _, t := range slices.Concat([]document.Text{c.Label, c.Name, c.About}, c.Phones, c.Hours,
				[]document.Text{c.Email, c.Web, c.Address}, c.Notes) {
				add(t)
			}
		}
	}
	for _, f := range doc.Footer {
		add(f.Text)
	}
	return b.String()
}

// compact drops whitespace and bidi controls: what two readings of a
// text must agree on exactly (line breaks become spaces or nothing).
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// firstDiff shows where two strings part.
func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	cut := func(r []rune) string { return string(r[max(0, i-20):min(len(r), i+30)]) }
	return fmt.Sprintf("at rune %d: want …%s…, got …%s…", i, cut(ra), cut(rb))
}

// uaElem is a structure element as read back; uaNode one of its kids.
type uaElem struct {
	Role, Raw, Lang, EffLang, Alt, Actual string
	Kids                                  []uaNode
}

type uaNode struct {
	Elem  *uaElem
	Page  int     // marked content: its page
	Y     float64 // and the baseline its text starts on
	Text  string  // marked content: its text in logical order
	Lang  string  // the language it is in
	Annot string  // an annotation: its /Contents
}

// chunkText joins the glyph texts of one marked-content sequence in the
// order they are drawn: the renderer shows every sequence's glyphs in
// logical order, right-to-left text too, as poppler's structure text and
// pdf.js read it.
func chunkText(glyphs []string) string { return strings.Join(glyphs, "") }

// standardRoles are the standard structure types of ISO 32000-1, 14.8.4.
var standardRoles = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code
		Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		m[r] = true
	}
	return m
}()

// reading is a screen reader's pass over the tree: one line per block
// element, "Role [lang]: text", indented by depth. Inline elements are
// read in place: a Span in another language as «[lang] text», a Link as
// «{Link "its annotation's Contents": text}». Consecutive text on
// another line (another page or baseline) is joined with a space, as a
// reader joins the lines of a paragraph. Figures show their Alt, labels
// their ActualText.
func reading(tree *uaElem) string {
	var b strings.Builder
	inline := func(role string) bool { return role == "Span" || role == "Link" }
	var flow func(e *uaElem, out *strings.Builder, last *uaNode)
	flow = func(e *uaElem, out *strings.Builder, last *uaNode) {
		for _, k := range e.Kids {
			switch {
			case k.Elem != nil && inline(k.Elem.Role):
				var in strings.Builder
				flow(k.Elem, &in, last)
				if k.Elem.Role == "Link" {
					fmt.Fprintf(out, "{Link %q: %s}", k.Elem.annot(), strings.TrimSpace(in.String()))
				} else {
					fmt.Fprintf(out, "[%s] %s", k.Elem.Lang, strings.TrimSpace(in.String()))
				}
			case k.Elem == nil && k.Annot == "":
				if last.Text != "" && (last.Page != k.Page || math.Abs(last.Y-k.Y) > 1) {
					out.WriteByte(' ')
				}
				out.WriteString(k.Text)
				*last = k
			}
		}
	}
	var visit func(e *uaElem, depth int)
	visit = func(e *uaElem, depth int) {
		if e.Role != "StructTreeRoot" {
			b.WriteString(strings.Repeat("  ", depth))
			b.WriteString(e.Raw)
			if e.Lang != "" {
				fmt.Fprintf(&b, " [%s]", e.Lang)
			}
			if e.Alt != "" {
				fmt.Fprintf(&b, " alt=%q", e.Alt)
			}
			if e.Actual != "" {
				fmt.Fprintf(&b, " actual=%q", e.Actual)
			}
			var text strings.Builder
			flow(e, &text, &uaNode{})
			if t := strings.Join(strings.Fields(text.String()), " "); t != "" {
				fmt.Fprintf(&b, ": %s", t)
			}
			b.WriteByte('\n')
		}
		for _, k := range e.Kids {
			if k.Elem != nil && !inline(k.Elem.Role) {
				visit(k.Elem, depth+1)
			}
		}
	}
	visit(tree, -1)
	return b.String()
}

// annot is the /Contents of e's annotation, if it has one.
func (e *uaElem) annot() string {
	for _, k := range e.Kids {
		if k.Annot != "" {
			return k.Annot
		}
	}
	return ""
}

// treeText is the text of the tree in reading order, what a screen
// reader speaks, without the list bullets' labels.
func treeText(tree *uaElem) string {
	var b strings.Builder
	var visit func(e *uaElem)
	visit = func(e *uaElem) {
		if e.Role == "Lbl" {
			return
		}
		for _, k := range e.Kids {
			if k.Elem != nil {
				visit(k.Elem)
				continue
			}
			b.WriteString(k.Text)
		}
		b.WriteByte(' ')
	}
	visit(tree)
	return b.String()
}

// isRTLLetter reports a letter of a right-to-left script.
func isRTLLetter(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}
