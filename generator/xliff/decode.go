package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound what Decode reads.
type Limits struct {
	MaxBytes    int64 // the whole file
	MaxElements int   // elements of any kind
	MaxDepth    int   // nesting
}

// DefaultLimits fit a locale of a few thousand messages many times over.
var DefaultLimits = Limits{MaxBytes: 8 << 20, MaxElements: 200_000, MaxDepth: 32}

// SyntaxError is a file that is not XLIFF 2 core as Decode reads it.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// TooLargeError is a file over Limits.MaxBytes.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than %d bytes", e.Max)
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// Decode reads one XLIFF 2.0 or 2.1 document within lim. It checks the
// document's structure as it reads (elements, their order and required
// attributes, attribute values of closed sets); Check adds the
// constraints across elements.
func Decode(r io.Reader, lim Limits) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, &TooLargeError{Max: lim.MaxBytes}
	}
	if !utf8.Valid(data) {
		return nil, &SyntaxError{Line: 1, Msg: "not UTF-8"}
	}
	d := &decoder{x: xml.NewDecoder(bytes.NewReader(data)), lim: lim}
	d.x.Strict = true
	d.x.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("encoding %q: only UTF-8 is read", label)
	}
	doc, err := d.document()
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, &SyntaxError{Line: d.line(), Msg: err.Error()}
	}
	return doc, nil
}

type decoder struct {
	x        *xml.Decoder
	lim      Limits
	elements int
	depth    int
}

func (d *decoder) line() int { l, _ := d.x.InputPos(); return l }

func (d *decoder) fail(format string, args ...any) error {
	return &SyntaxError{Line: d.line(), Msg: fmt.Sprintf(format, args...)}
}

// next returns the next start element, end element or text, skipping
// comments and processing instructions and refusing a DOCTYPE.
func (d *decoder) next() (xml.Token, error) {
	for {
		t, err := d.x.Token()
		if err != nil {
			if err == io.EOF {
				return nil, d.fail("unexpected end of file")
			}
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			d.elements++
			d.depth++
			if d.elements > d.lim.MaxElements {
				return nil, d.fail("more than %d elements", d.lim.MaxElements)
			}
			if d.depth > d.lim.MaxDepth {
				return nil, d.fail("elements nested deeper than %d", d.lim.MaxDepth)
			}
			return t, nil
		case xml.EndElement:
			d.depth--
			return t, nil
		case xml.CharData:
			return t, nil
		case xml.Directive:
			return nil, d.fail("a DOCTYPE or other directive is not allowed")
		}
	}
}

// skip consumes the rest of an element whose start was just read.
func (d *decoder) skip() error {
	for depth := 1; depth > 0; {
		t, err := d.next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// attrs reads a core element's attributes: the allowed unprefixed names,
// xml:lang and xml:space where allowed, and any attribute of another
// namespace (modules and extensions), which is ignored.
func (d *decoder) attrs(el xml.StartElement, required []string, optional ...string) (map[string]string, error) {
	out := map[string]string{}
	allowed := map[string]bool{}
	for _, a := range append(append([]string(nil), required...), optional...) {
		allowed[a] = true
	}
	for _, a := range el.Attr {
		switch {
		case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
		case a.Name.Space == xmlNS:
			if !allowed["xml:"+a.Name.Local] {
				return nil, d.fail("<%s>: attribute xml:%s is not allowed", el.Name.Local, a.Name.Local)
			}
			if a.Name.Local == "space" && a.Value != "default" && a.Value != "preserve" {
				return nil, d.fail("<%s>: xml:space=%q: want default or preserve", el.Name.Local, a.Value)
			}
			out["xml:"+a.Name.Local] = a.Value
		case a.Name.Space != "":
		case !allowed[a.Name.Local]:
			return nil, d.fail("<%s>: unknown attribute %s", el.Name.Local, a.Name.Local)
		default:
			if _, dup := out[a.Name.Local]; dup {
				return nil, d.fail("<%s>: attribute %s twice", el.Name.Local, a.Name.Local)
			}
			out[a.Name.Local] = a.Value
		}
	}
	for _, a := range required {
		if v, ok := out[a]; !ok || v == "" {
			return nil, d.fail("<%s>: attribute %s is required and not empty", el.Name.Local, a)
		}
	}
	for name, set := range closedSets {
		if v, ok := out[name]; ok && !contains(set, v) {
			return nil, d.fail("<%s>: %s=%q: want one of %s", el.Name.Local, name, v, strings.Join(set, ", "))
		}
	}
	return out, nil
}

// closedSets are the attributes whose values the core schema enumerates.
var closedSets = map[string][]string{
	"state":        {"initial", "translated", "reviewed", "final"},
	"canResegment": {"yes", "no"},
	"translate":    {"yes", "no"},
	"canCopy":      {"yes", "no"},
	"canDelete":    {"yes", "no"},
	"canReorder":   {"yes", "no", "firstNo"},
	"srcDir":       {"ltr", "rtl", "auto"},
	"trgDir":       {"ltr", "rtl", "auto"},
	"dir":          {"ltr", "rtl", "auto"},
	"appliesTo":    {"source", "target"},
}

// phTypes are the values of a placeholder's type attribute.
var phTypes = []string{"fmt", "ui", "quote", "link", "image", "other"}

func contains(set []string, v string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// core reports whether el is the core element name.
func core(el xml.StartElement, name string) bool {
	return el.Name.Space == Namespace && el.Name.Local == name
}

// children reads the children of the element just started, calling each
// for every child element, and refuses text other than white space.
func (d *decoder) children(parent string, each func(xml.StartElement) error) error {
	for {
		t, err := d.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return d.fail("<%s>: text is not allowed here", parent)
			}
		case xml.StartElement:
			if err := each(t); err != nil {
				return err
			}
		}
	}
}

func (d *decoder) document() (*Document, error) {
	var root xml.StartElement
	for {
		t, err := d.next()
		if err != nil {
			return nil, err
		}
		if el, ok := t.(xml.StartElement); ok {
			root = el
			break
		}
		if cd, ok := t.(xml.CharData); ok && len(bytes.TrimSpace(cd)) > 0 {
			return nil, d.fail("text before the root element")
		}
	}
	if !core(root, "xliff") {
		return nil, d.fail("the root element is <%s> in %q, want <xliff> in %s", root.Name.Local, root.Name.Space, Namespace)
	}
	a, err := d.attrs(root, []string{"version", "srcLang"}, "trgLang", "xml:space")
	if err != nil {
		return nil, err
	}
	if a["version"] != "2.0" && a["version"] != "2.1" {
		return nil, d.fail("version %q: want 2.0 or 2.1", a["version"])
	}
	doc := &Document{Version: a["version"], SrcLang: a["srcLang"], TrgLang: a["trgLang"]}
	err = d.children("xliff", func(el xml.StartElement) error {
		if !core(el, "file") {
			return d.fail("<xliff> holds only <file> elements, not <%s>", el.Name.Local)
		}
		f, err := d.file(el)
		if err != nil {
			return err
		}
		doc.Files = append(doc.Files, *f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(doc.Files) == 0 {
		return nil, d.fail("<xliff> needs at least one <file>")
	}
	for {
		t, err := d.x.Token()
		if err == io.EOF {
			return doc, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, d.fail("text after the root element")
			}
		case xml.Comment, xml.ProcInst:
		default:
			return nil, d.fail("content after the root element")
		}
	}
}

var containerAttrs = []string{"name", "canResegment", "translate", "srcDir", "trgDir", "type", "xml:space"}

func (d *decoder) file(el xml.StartElement) (*File, error) {
	a, err := d.attrs(el, []string{"id"}, "original", "canResegment", "translate", "srcDir", "trgDir", "xml:space")
	if err != nil {
		return nil, err
	}
	f := &File{ID: a["id"], Original: a["original"], Line: d.line()}
	stage := 0 // 0: skeleton, modules and notes may come; 1: after notes; 2: units
	err = d.children("file", func(el xml.StartElement) error {
		switch {
		case core(el, "skeleton") && stage == 0 && len(f.Units) == 0:
			return d.skip()
		case el.Name.Space != Namespace && stage < 2:
			return d.skip() // a module or extension
		case core(el, "notes") && stage == 0:
			stage = 1
			notes, err := d.notes(el)
			f.Notes = notes
			return err
		case core(el, "unit"), core(el, "group"):
			stage = 2
			return d.unitOrGroup(el, &f.Units)
		}
		return d.fail("<file>: unexpected <%s>", el.Name.Local)
	})
	if err != nil {
		return nil, err
	}
	if len(f.Units) == 0 && stage < 2 {
		return nil, d.fail("<file id=%q> needs at least one <unit> or <group>", f.ID)
	}
	return f, nil
}

func (d *decoder) unitOrGroup(el xml.StartElement, into *[]Unit) error {
	if core(el, "unit") {
		u, err := d.unit(el)
		if err != nil {
			return err
		}
		*into = append(*into, *u)
		return nil
	}
	if _, err := d.attrs(el, []string{"id"}, containerAttrs...); err != nil {
		return err
	}
	stage := 0
	return d.children("group", func(c xml.StartElement) error {
		switch {
		case c.Name.Space != Namespace && stage < 2:
			return d.skip()
		case core(c, "notes") && stage == 0:
			stage = 1
			_, err := d.notes(c)
			return err
		case core(c, "unit"), core(c, "group"):
			stage = 2
			return d.unitOrGroup(c, into)
		}
		return d.fail("<group>: unexpected <%s>", c.Name.Local)
	})
}

func (d *decoder) notes(el xml.StartElement) ([]Note, error) {
	if _, err := d.attrs(el, nil); err != nil {
		return nil, err
	}
	var out []Note
	err := d.children("notes", func(c xml.StartElement) error {
		if !core(c, "note") {
			return d.fail("<notes> holds only <note> elements, not <%s>", c.Name.Local)
		}
		a, err := d.attrs(c, nil, "id", "appliesTo", "category", "priority")
		if err != nil {
			return err
		}
		if p, ok := a["priority"]; ok {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 10 {
				return d.fail("<note>: priority %q: want 1 to 10", p)
			}
		}
		text, err := d.plainText("note")
		if err != nil {
			return err
		}
		out = append(out, Note{Category: a["category"], Text: text})
		return nil
	})
	if err == nil && len(out) == 0 {
		err = d.fail("<notes> needs at least one <note>")
	}
	return out, err
}

// plainText reads an element that holds only text.
func (d *decoder) plainText(name string) (string, error) {
	var b strings.Builder
	for {
		t, err := d.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return b.String(), nil
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if core(t, "cp") && name == "data" {
				r, err := d.cp(t)
				if err != nil {
					return "", err
				}
				b.WriteRune(r)
				continue
			}
			return "", d.fail("<%s> holds text only, not <%s>", name, t.Name.Local)
		}
	}
}

// cp reads a <cp hex="…"/>, a code point XML cannot carry.
func (d *decoder) cp(el xml.StartElement) (rune, error) {
	a, err := d.attrs(el, []string{"hex"})
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(a["hex"], 16, 32)
	if err != nil || n > utf8.MaxRune {
		return 0, d.fail("<cp>: hex %q is no code point", a["hex"])
	}
	if err := d.skip(); err != nil {
		return 0, err
	}
	return rune(n), nil
}

func (d *decoder) unit(el xml.StartElement) (*Unit, error) {
	line := d.line()
	a, err := d.attrs(el, []string{"id"}, containerAttrs...)
	if err != nil {
		return nil, err
	}
	u := &Unit{ID: a["id"], Name: a["name"], Line: line}
	stage := 0 // 0: modules, notes; 1: originalData; 2: segments
	err = d.children("unit", func(c xml.StartElement) error {
		switch {
		case c.Name.Space != Namespace && stage < 2:
			return d.skip()
		case core(c, "notes") && stage == 0:
			stage = 1
			notes, err := d.notes(c)
			u.Notes = notes
			return err
		case core(c, "originalData") && stage < 2 && u.Data == nil:
			stage = 1
			data, err := d.originalData(c)
			u.Data = data
			return err
		case core(c, "segment"):
			stage = 2
			s, err := d.segment(c)
			if err != nil {
				return err
			}
			u.Segments = append(u.Segments, *s)
			return nil
		case core(c, "ignorable"):
			stage = 2
			if _, err := d.attrs(c, nil, "id"); err != nil {
				return err
			}
			return d.skip()
		}
		return d.fail("<unit id=%q>: unexpected <%s>", u.ID, c.Name.Local)
	})
	if err != nil {
		return nil, err
	}
	if len(u.Segments) == 0 {
		return nil, &SyntaxError{Line: line, Msg: fmt.Sprintf("<unit id=%q> needs at least one <segment>", u.ID)}
	}
	return u, nil
}

func (d *decoder) originalData(el xml.StartElement) ([]Data, error) {
	if _, err := d.attrs(el, nil); err != nil {
		return nil, err
	}
	out := []Data{}
	err := d.children("originalData", func(c xml.StartElement) error {
		if !core(c, "data") {
			return d.fail("<originalData> holds only <data>, not <%s>", c.Name.Local)
		}
		a, err := d.attrs(c, []string{"id"}, "dir", "xml:space")
		if err != nil {
			return err
		}
		text, err := d.plainText("data")
		if err != nil {
			return err
		}
		out = append(out, Data{ID: a["id"], Text: text})
		return nil
	})
	if err == nil && len(out) == 0 {
		err = d.fail("<originalData> needs at least one <data>")
	}
	return out, err
}

func (d *decoder) segment(el xml.StartElement) (*Segment, error) {
	line := d.line()
	a, err := d.attrs(el, nil, "id", "canResegment", "state", "subState")
	if err != nil {
		return nil, err
	}
	s := &Segment{ID: a["id"], State: State(a["state"]), Line: line}
	haveSource := false
	err = d.children("segment", func(c xml.StartElement) error {
		switch {
		case core(c, "source") && !haveSource:
			haveSource = true
			if _, err := d.attrs(c, nil, "xml:lang", "xml:space"); err != nil {
				return err
			}
			content, err := d.content("source")
			s.Source = content
			return err
		case core(c, "target") && haveSource && s.Target == nil:
			s.TargetLine = d.line()
			if _, err := d.attrs(c, nil, "xml:lang", "xml:space", "order"); err != nil {
				return err
			}
			content, err := d.content("target")
			s.Target = &content
			return err
		}
		return d.fail("<segment>: unexpected <%s>", c.Name.Local)
	})
	if err != nil {
		return nil, err
	}
	if !haveSource {
		return nil, &SyntaxError{Line: line, Msg: "<segment> needs a <source>"}
	}
	return s, nil
}

// content reads the inline content of a <source> or <target>: text, <ph>
// and <cp>; <mrk> annotations are read through (their text kept), <sm>
// and <em> markers dropped. Paired codes (<pc>, <sc>, <ec>) stand for
// formatting this project never exports and are refused.
func (d *decoder) content(name string) (Content, error) {
	var out Content
	addText := func(s string) {
		if n := len(out); n > 0 && out[n-1].Ph == nil {
			out[n-1].Text += s
			return
		}
		out = append(out, Run{Text: s})
	}
	depth := 0
	for {
		t, err := d.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.EndElement:
			if depth == 0 {
				return out, nil
			}
			depth--
		case xml.CharData:
			addText(string(t))
		case xml.StartElement:
			switch {
			case core(t, "ph"):
				line := d.line()
				a, err := d.attrs(t, []string{"id"}, "canCopy", "canDelete", "canReorder", "copyOf", "dataRef",
					"disp", "equiv", "subFlows", "subType", "type")
				if err != nil {
					return nil, err
				}
				if v, ok := a["type"]; ok && !contains(phTypes, v) {
					return nil, d.fail("<ph>: type=%q: want one of %s", v, strings.Join(phTypes, ", "))
				}
				if _, ok := a["subType"]; ok && a["type"] == "" {
					return nil, d.fail("<ph>: subType needs type")
				}
				if err := d.skip(); err != nil {
					return nil, err
				}
				out = append(out, Run{Ph: &Ph{ID: a["id"], DataRef: a["dataRef"], Disp: a["disp"], Equiv: a["equiv"],
					CanCopy: a["canCopy"], CanDelete: a["canDelete"], Line: line}})
			case core(t, "cp"):
				r, err := d.cp(t)
				if err != nil {
					return nil, err
				}
				addText(string(r))
			case core(t, "mrk"):
				if _, err := d.attrs(t, []string{"id"}, "translate", "type", "ref", "value"); err != nil {
					return nil, err
				}
				depth++
			case core(t, "sm"), core(t, "em"):
				if err := d.skip(); err != nil {
					return nil, err
				}
			default:
				return nil, d.fail("<%s>: inline element <%s> is not used by this project's files", name, t.Name.Local)
			}
		}
	}
}
