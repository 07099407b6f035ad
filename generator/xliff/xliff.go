package xliff

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Namespace is the XLIFF 2 core namespace (2.0 and 2.1 share it).
const Namespace = "urn:oasis:names:tc:xliff:document:2.0"

// Version is the version Encode writes.
const Version = "2.0"

// State is a segment's translation state.
type State string

// The four states of XLIFF 2 core, in workflow order.
const (
	Initial    State = "initial"
	Translated State = "translated"
	Reviewed   State = "reviewed"
	Final      State = "final"
)

// Valid reports whether s is one of the four states (empty means initial).
func (s State) Valid() bool {
	switch s {
	case "", Initial, Translated, Reviewed, Final:
		return true
	}
	return false
}

// Document is an <xliff> root.
type Document struct {
	Version string // "2.0" or "2.1"
	SrcLang string
	TrgLang string
	Files   []File
}

// File is a <file>.
type File struct {
	ID       string
	Original string
	Notes    []Note
	Units    []Unit
	Line     int // where the element starts, when decoded
}

// Note is a <note>.
type Note struct {
	Category string
	Text     string
}

// Data is one <data> entry of a unit's <originalData>: the original code
// a placeholder stands for.
type Data struct {
	ID   string
	Text string
}

// Unit is a <unit>: one message.
type Unit struct {
	ID       string
	Name     string
	Notes    []Note
	Data     []Data
	Segments []Segment
	Line     int
}

// Segment is a <segment>: one translatable piece of a unit (here: one
// plural form of a message).
type Segment struct {
	ID         string
	State      State // empty: initial
	Source     Content
	Target     *Content // nil: no <target>
	Line       int
	TargetLine int
}

// Content is the inline content of a <source> or <target>: text and
// placeholders in order.
type Content []Run

// Run is a piece of text, or a placeholder when Ph is set.
type Run struct {
	Text string
	Ph   *Ph
}

// Ph is a <ph/> standalone placeholder.
type Ph struct {
	ID        string
	DataRef   string
	Disp      string
	Equiv     string
	CanCopy   string // "", "yes" or "no"
	CanDelete string // "", "yes" or "no"
	Line      int
}

// Placeholders returns the content's placeholders in order.
func (c Content) Placeholders() []*Ph {
	var out []*Ph
	for _, r := range c {
		if r.Ph != nil {
			out = append(out, r.Ph)
		}
	}
	return out
}

// PlainText returns the content's text with each placeholder shown by its
// disp attribute (or id).
func (c Content) PlainText() string {
	var b strings.Builder
	for _, r := range c {
		switch {
		case r.Ph == nil:
			b.WriteString(r.Text)
		case r.Ph.Disp != "":
			b.WriteString(r.Ph.Disp)
		default:
			b.WriteString("{" + r.Ph.ID + "}")
		}
	}
	return b.String()
}

// Encode writes doc as XLIFF: UTF-8, two-space indentation between
// elements, inline content on one line exactly as given. The output
// depends only on doc. A document XLIFF 2 cannot hold is refused before
// anything is written: one without files, a file without units, or a
// unit without segments. (Decode keeps a file whose groups are all
// empty, which XLIFF allows, as a file without units: there is nothing
// in it to write again.)
func Encode(w io.Writer, doc *Document) error {
	if err := encodable(doc); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	version := doc.Version
	if version == "" {
		version = Version
	}
	e.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.open(0, "xliff", "xmlns", Namespace, "version", version, "srcLang", doc.SrcLang, "trgLang", doc.TrgLang)
	for _, f := range doc.Files {
		e.open(1, "file", "id", f.ID, "original", f.Original)
		e.notes(2, f.Notes)
		for _, u := range f.Units {
			e.open(2, "unit", "id", u.ID, "name", u.Name)
			e.notes(3, u.Notes)
			if len(u.Data) > 0 {
				e.open(3, "originalData")
				for _, d := range u.Data {
					e.indent(4)
					e.tag("data", false, "id", d.ID)
					e.text(d.Text)
					e.raw("</data>\n")
				}
				e.close(3, "originalData")
			}
			for _, s := range u.Segments {
				state := string(s.State)
				e.open(3, "segment", "id", s.ID, "state", state)
				e.indent(4)
				e.raw("<source>")
				e.content(s.Source)
				e.raw("</source>\n")
				if s.Target != nil {
					e.indent(4)
					e.raw("<target>")
					e.content(*s.Target)
					e.raw("</target>\n")
				}
				e.close(3, "segment")
			}
			e.close(2, "unit")
		}
		e.close(1, "file")
	}
	e.close(0, "xliff")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// encodable reports the first part of doc that XLIFF 2 requires and doc
// lacks.
func encodable(doc *Document) error {
	if len(doc.Files) == 0 {
		return errors.New("xliff: cannot encode a document without files: <xliff> needs at least one <file>")
	}
	for _, f := range doc.Files {
		if len(f.Units) == 0 {
			return fmt.Errorf("xliff: cannot encode file %q: it has no units, and <file> needs at least one <unit>", f.ID)
		}
		for _, u := range f.Units {
			if len(u.Segments) == 0 {
				return fmt.Errorf("xliff: cannot encode unit %q of file %q: <unit> needs at least one <segment>", u.ID, f.ID)
			}
		}
	}
	return nil
}

type encoder struct {
	w   *bufio.Writer
	err error
}

func (e *encoder) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) text(s string) {
	if e.err == nil {
		e.err = xml.EscapeText(e.w, []byte(s))
	}
}

func (e *encoder) indent(n int) { e.raw(strings.Repeat("  ", n)) }

// tag writes a start tag (or an empty element) with the attributes whose
// values are not empty.
func (e *encoder) tag(name string, empty bool, attrs ...string) {
	e.raw("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		e.raw(" " + attrs[i] + `="`)
		e.text(attrs[i+1])
		e.raw(`"`)
	}
	if empty {
		e.raw("/>")
	} else {
		e.raw(">")
	}
}

func (e *encoder) open(depth int, name string, attrs ...string) {
	e.indent(depth)
	e.tag(name, false, attrs...)
	e.raw("\n")
}

func (e *encoder) close(depth int, name string) {
	e.indent(depth)
	e.raw("</" + name + ">\n")
}

func (e *encoder) notes(depth int, notes []Note) {
	if len(notes) == 0 {
		return
	}
	e.open(depth, "notes")
	for _, n := range notes {
		e.indent(depth + 1)
		e.tag("note", false, "category", n.Category)
		e.text(n.Text)
		e.raw("</note>\n")
	}
	e.close(depth, "notes")
}

func (e *encoder) content(c Content) {
	for _, r := range c {
		if r.Ph == nil {
			e.text(r.Text)
			continue
		}
		p := r.Ph
		e.tag("ph", true, "id", p.ID, "dataRef", p.DataRef, "disp", p.Disp, "equiv", p.Equiv,
			"canCopy", p.CanCopy, "canDelete", p.CanDelete)
	}
}
