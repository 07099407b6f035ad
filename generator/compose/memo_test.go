package compose

import (
	"fmt"
	"reflect"
	"testing"

	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// TestMemoSetsWhatFittingSets: a document composed through a Memo is set
// as Compose sets it, the first time (fitting it) and the second (from
// the memo, measuring nothing).
func TestMemoSetsWhatFittingSets(t *testing.T) {
	for _, c := range []struct {
		fixture string
		paper   vocab.Paper
		large   bool
		pages   int
	}{
		{"vald_sv", vocab.A4, false, 4},
		{"vald_sv", vocab.A5, false, 4},
		{"vald_ar", vocab.A4, false, 4},
		{"vald_ar", vocab.A5, false, 8},
		{"vald_ar", vocab.A4, true, 8},
	} {
		t.Run(fmt.Sprintf("%s_%s_large=%v_%d", c.fixture, c.paper, c.large, c.pages), func(t *testing.T) {
			doc := loadDoc(t, c.fixture)
			doc.Paper, doc.LargePrint, doc.Pages = c.paper, c.large, c.pages
			want := compose(t, doc)
			s := &composetest.MeasureCounter{Engine: testEngine(t)}
			m := NewMemo()
			for i, wantMeasured := range []bool{true, false} {
				s.Reset()
				got, err := m.Compose(doc, s)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("composition %d differs from Compose's", i+1)
				}
				if n := s.Measured(); (n > 0) != wantMeasured {
					t.Errorf("composition %d measured %d paragraphs", i+1, n)
				}
			}
		})
	}
}

// TestMemoForget: after Forget, a document met before is fitted anew.
func TestMemoForget(t *testing.T) {
	doc := loadDoc(t, "vald_sv")
	doc.Paper, doc.Pages = vocab.A4, 4
	s := &composetest.MeasureCounter{Engine: testEngine(t)}
	m := NewMemo()
	for i, forget := range []bool{false, false, true} {
		if forget {
			m.Forget()
		}
		s.Reset()
		if _, err := m.Compose(doc, s); err != nil {
			t.Fatal(err)
		}
		if fitted := s.Measured() > 0; fitted != (i == 0 || forget) {
			t.Errorf("composition %d (forgotten before: %v): fitted %v", i+1, forget, fitted)
		}
	}
}

// TestMemoRefusesAnotherFlow: a remembered choice whose flow is not the
// one set now (here: forged) is not used; the document is fitted anew.
func TestMemoRefusesAnotherFlow(t *testing.T) {
	doc := loadDoc(t, "vald_ar")
	doc.Paper, doc.Pages = vocab.A4, 4
	want := compose(t, doc)
	m := NewMemo()
	// The largest step and one page per group: wrong for this document,
	// and its flow fingerprint is not this document's.
	ch, ok := newFitChoice(0, []int{0, 1, 2, 3}, 1)
	if !ok {
		t.Fatal("newFitChoice refused 4 pages")
	}
	m.put(m.key(doc), ch)
	s := &composetest.MeasureCounter{Engine: testEngine(t)}
	got, err := m.Compose(doc, s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("a forged choice changed the composition")
	}
	if s.Measured() == 0 {
		t.Error("the document was not fitted again")
	}
}

// TestMemoKeyCoversEveryField changes each field of a document, down to
// every span, card and logo field, one at a time: each change must
// change the key, so that no document is set by another's choice. A
// field added to document.Document and left out of the key fails here.
func TestMemoKeyCoversEveryField(t *testing.T) {
	m := NewMemo()
	n := len(leaves(reflect.ValueOf(fullDocument()).Elem(), ""))
	if n < 40 {
		t.Fatalf("only %d fields found", n)
	}
	base := m.key(fullDocument())
	for i := range n {
		doc := fullDocument()
		leaf := leaves(reflect.ValueOf(doc).Elem(), "")[i]
		change(leaf.v)
		if m.key(doc) == base {
			t.Errorf("changing %s leaves the key as it was", leaf.path)
		}
	}
	// Strings are hashed with their lengths: moving text from one field
	// to the next changes the key.
	a, b := fullDocument(), fullDocument()
	a.Title, a.Municipality = "ab", "c"
	b.Title, b.Municipality = "a", "bc"
	if m.key(a) == m.key(b) {
		t.Error("text moved between two fields leaves the key as it was")
	}
}

type leaf struct {
	path string
	v    reflect.Value
}

// leaves lists the settable leaf values in v: strings, bools, ints and
// byte slices, every element of every slice.
func leaves(v reflect.Value, path string) []leaf {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return leaves(v.Elem(), path)
	case reflect.Struct:
		var out []leaf
		for i := range v.NumField() {
			out = append(out, leaves(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return out
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return []leaf{{path, v}}
		}
		var out []leaf
		for i := range v.Len() {
			out = append(out, leaves(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.String, reflect.Bool, reflect.Int:
		return []leaf{{path, v}}
	}
	panic("memo test: a field of kind " + v.Kind().String() + " at " + path)
}

// change gives a leaf another value.
func change(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Slice:
		v.SetBytes(append(v.Bytes(), 'x'))
	}
}

// fullDocument is a document with every field set, every slice holding
// one element.
func fullDocument() *document.Document {
	text := func(s string) document.Text {
		return document.Text{{Kind: document.Phone, Text: s, Href: "tel:" + s, Lang: "sv", Label: "l" + s}}
	}
	texts := func(s string) []document.Text { return []document.Text{text(s)} }
	return &document.Document{
		Lang: "ar", Dir: vocab.RTL, Script: "Arab", Font: "Noto Naskh Arabic", Topic: "vald",
		Title: "t", Municipality: "m", Paper: vocab.A5, Print: true, LargePrint: true, Pages: 4,
		Blocks: []document.Block{{
			Kind: document.Contacts, Level: 2, Text: text("1"), Items: texts("2"),
			Cards: []document.Card{{Role: "social", Label: text("3"), Name: text("4"), About: text("5"),
				Phones: texts("6"), Email: text("7"), Web: text("8"), Address: text("9"),
				Hours: texts("10"), Notes: texts("11")}},
			QR:         [][]bool{{true}},
			MessageIDs: []string{"id"},
		}},
		Footer: []document.FooterLine{{Text: text("12"), Lang: "sv", Dir: vocab.LTR, Strong: true}},
		Logo:   &document.Image{Data: []byte{1}, Width: 2, Height: 3, Alt: "a"},
		Review: document.Review{Vetted: true, Unvetted: []string{"u"}},
		Meta:   document.Meta{Subject: "s", Author: "a", Creator: "c", Generated: "2026-12-03"},
	}
}

// TestFitChoiceBounds: a choice holds up to maxMemoPages page starts
// below 65,536 and gives back the ones it was made with.
func TestFitChoiceBounds(t *testing.T) {
	many := make([]int, maxMemoPages+1)
	for i := range many {
		many[i] = i
	}
	for _, c := range []struct {
		name   string
		step   int
		starts []int
		ok     bool
	}{
		{"one page", 3, []int{0}, true},
		{"eight pages", 20, []int{0, 4, 9, 13, 20, 26, 31, 40}, true},
		{"most pages", 0, many[:maxMemoPages], true},
		{"too many pages", 0, many, false},
		{"group past 65535", 0, []int{0, 70000}, false},
		{"step past 255", 256, []int{0}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch, ok := newFitChoice(c.step, c.starts, 7)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if ok && (int(ch.step) != c.step || ch.flow != 7 || !reflect.DeepEqual(ch.pageStarts(), c.starts)) {
				t.Errorf("got step %d, flow %d, starts %v", ch.step, ch.flow, ch.pageStarts())
			}
		})
	}
}
