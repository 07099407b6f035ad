package xliff

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

const minimal = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="sv" trgLang="ar">
  <file id="f1">
    <unit id="u.one">
      <originalData>
        <data id="d1">{{.Municipality}}</data>
      </originalData>
      <segment id="other" state="translated">
        <source>Hej <ph id="1" dataRef="d1" disp="{{.Municipality}}" canDelete="no"/>!</source>
        <target>مرحبا <ph id="1" dataRef="d1" disp="{{.Municipality}}" canDelete="no"/>!</target>
      </segment>
    </unit>
  </file>
</xliff>
`

func TestDecodeMinimal(t *testing.T) {
	doc, err := Decode(strings.NewReader(minimal), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if ps := Check(doc); len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	u := doc.Files[0].Units[0]
	s := u.Segments[0]
	if u.ID != "u.one" || u.Line != 4 || s.State != Translated || s.Target == nil || s.TargetLine != 10 {
		t.Fatalf("unit %q line %d, state %s, target line %d", u.ID, u.Line, s.State, s.TargetLine)
	}
	text, err := TemplateText(*s.Target, s.Source, u.Data, s.TargetLine)
	if err != nil || text != "مرحبا {{.Municipality}}!" {
		t.Errorf("target text %q, %v", text, err)
	}
	var b bytes.Buffer
	if err := Encode(&b, doc); err != nil {
		t.Fatal(err)
	}
	again, err := Decode(&b, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Files[0].Units[0].Segments[0].Target.PlainText(); got != s.Target.PlainText() {
		t.Errorf("re-encoded target %q, want %q", got, s.Target.PlainText())
	}
}

// TestDecodeRefuses: one case per structural rule of XLIFF 2 core the
// decoder enforces, and per limit.
func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"not well-formed", `</xliff>`, `</xlif>`, "element <xliff> closed by </xlif>"},
		{"wrong namespace", `document:2.0"`, `document:1.2"`, "want <xliff> in"},
		{"wrong version", `version="2.0"`, `version="1.2"`, `version "1.2"`},
		{"no srcLang", ` srcLang="sv"`, ``, "attribute srcLang is required"},
		{"unknown attribute", `<file id="f1">`, `<file id="f1" colour="red">`, "unknown attribute colour"},
		{"file without id", `<file id="f1">`, `<file>`, "attribute id is required"},
		{"unit without id", `<unit id="u.one">`, `<unit>`, "attribute id is required"},
		{"state not in the core", `state="translated"`, `state="approved"`, `state="approved"`},
		{"segment without source", `<segment id="other" state="translated">`, `<segment id="x"></segment><segment id="other" state="translated">`, "needs a <source>"},
		{"target before source", `<segment id="other" state="translated">`, `<segment id="other" state="translated"><target/>`, "unexpected <target>"},
		{"unit without segment", `<segment id="other" state="translated">`, `<notes><note>x</note></notes><segment id="other" state="translated">`, "unexpected <notes>"},
		{"text in unit", `<originalData>`, `stray<originalData>`, "text is not allowed"},
		{"paired code", `Hej <ph`, `Hej <pc id="9">x</pc><ph`, "inline element <pc>"},
		{"ph type", `canDelete="no"/>!</source>`, `canDelete="no" type="bold"/>!</source>`, `type="bold"`},
		{"doctype", `<xliff `, `<!DOCTYPE xliff [<!ENTITY e "x">]><xliff `, "DOCTYPE"},
		{"unknown entity", `Hej <ph`, `Hej &e; <ph`, "invalid character entity &e;"},
		{"not UTF-8", `Hej`, "H\xe9j", "not UTF-8"},
		{"latin-1 declared", `encoding="UTF-8"`, `encoding="ISO-8859-1"`, "only UTF-8"},
		{"two roots", "</xliff>\n", "</xliff>\n<xliff/>", "after the root"},
		{"no file", "<file id=\"f1\">", "</xliff><xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"sv\"><file id=\"f1\">", "needs at least one <file>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(minimal, tt.old, tt.new, 1)
			if in == minimal {
				t.Fatalf("case does not change the document")
			}
			_, err := Decode(strings.NewReader(in), DefaultLimits)
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.want) || se.Line < 1 {
				t.Errorf("got %v, want a syntax error with %q", err, tt.want)
			}
		})
	}
}

// TestEncodeRefuses: Encode writes nothing that Decode would refuse for
// want of a file, a unit or a segment, and names what is missing.
func TestEncodeRefuses(t *testing.T) {
	doc, err := Decode(strings.NewReader(minimal), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	emptyGroups, err := Decode(strings.NewReader(strings.Replace(minimal,
		`<file id="f1">`, `<file id="f0"><group id="g"><group id="h"/></group></file><file id="f1">`, 1)), DefaultLimits)
	if err != nil {
		t.Fatalf("a file of empty groups is XLIFF and decodes: %v", err)
	}
	tests := []struct {
		name string
		doc  func(d Document) Document
		want string // "": encodes
	}{
		{"whole", func(d Document) Document { return d }, ""},
		{"no files", func(d Document) Document { d.Files = nil; return d }, "without files"},
		{"a file without units", func(d Document) Document {
			d.Files = []File{d.Files[0], {ID: "f2"}}
			return d
		}, `file "f2": it has no units`},
		{"a unit without segments", func(d Document) Document {
			f := d.Files[0]
			f.Units = []Unit{{ID: "u.two"}}
			d.Files = []File{f}
			return d
		}, `unit "u.two" of file "f1"`},
		{"decoded from empty groups", func(Document) Document { return *emptyGroups }, `file "f0": it has no units`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc(*doc)
			var b bytes.Buffer
			err := Encode(&b, &d)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Encode: %v", err)
			case tt.want == "":
				if _, err := Decode(&b, DefaultLimits); err != nil {
					t.Errorf("the encoded document does not decode: %v", err)
				}
			case err == nil || !strings.Contains(err.Error(), tt.want):
				t.Errorf("Encode: %v, want an error with %q", err, tt.want)
			case b.Len() != 0:
				t.Errorf("Encode wrote %d bytes before refusing", b.Len())
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	if _, err := Decode(strings.NewReader(minimal), Limits{MaxBytes: 100, MaxElements: 100, MaxDepth: 10}); !errors.As(err, new(*TooLargeError)) {
		t.Errorf("over MaxBytes: %v", err)
	}
	if _, err := Decode(strings.NewReader(minimal), Limits{MaxBytes: 1 << 20, MaxElements: 5, MaxDepth: 10}); err == nil || !strings.Contains(err.Error(), "more than 5 elements") {
		t.Errorf("over MaxElements: %v", err)
	}
	if _, err := Decode(strings.NewReader(minimal), Limits{MaxBytes: 1 << 20, MaxElements: 100, MaxDepth: 4}); err == nil || !strings.Contains(err.Error(), "deeper than 4") {
		t.Errorf("over MaxDepth: %v", err)
	}
}

// TestCheckConstraints: one case per constraint of the core that Check
// enforces across elements.
func TestCheckConstraints(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"duplicate unit", "    </unit>\n", "    </unit>\n    <unit id=\"u.one\"><segment><source>x</source></segment></unit>\n", "unit id twice"},
		{"unit id not NMTOKEN", `<unit id="u.one">`, `<unit id="u one">`, "not an NMTOKEN"},
		{"dataRef to nothing", `dataRef="d1" disp="{{.Municipality}}" canDelete="no"/>!</source>`, `dataRef="d9" disp="{{.Municipality}}" canDelete="no"/>!</source>`, "names no <data>"},
		{"target ph not in source", `<target>مرحبا <ph id="1"`, `<target>مرحبا <ph id="7"`, "matches no <ph> of the source"},
		{"segment and ph share an id", `<segment id="other"`, `<segment id="1"`, "not unique in the unit"},
		{"target without trgLang", ` trgLang="ar"`, ``, "needs trgLang"},
		{"duplicate data", `<data id="d1">{{.Municipality}}</data>`, `<data id="d1">{{.Municipality}}</data><data id="d1">x</data>`, "used twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(minimal, tt.old, tt.new, 1)
			if in == minimal {
				t.Fatalf("case does not change the document")
			}
			doc, err := Decode(strings.NewReader(in), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			ps := Check(doc)
			if len(ps) == 0 || !strings.Contains(ps[0].String(), tt.want) {
				t.Errorf("problems %v, want %q", ps, tt.want)
			}
		})
	}
}

func TestTemplateText(t *testing.T) {
	var data []Data
	next := 0
	src := TemplateContent("Ring {{.Emergency}} eller {{.Count}}.", &next, &data, func(c string) bool { return c == "{{.Count}}" })
	ph := src.Placeholders()
	if len(ph) != 2 || ph[0].Disp != "{{.Emergency}}" || ph[0].CanDelete != "no" || ph[1].CanDelete != "" {
		t.Fatalf("placeholders %+v", ph)
	}
	for _, r := range src {
		if r.Ph == nil && strings.Contains(r.Text, "{{") {
			t.Errorf("raw template text in the content: %q", r.Text)
		}
	}
	tests := []struct {
		name   string
		target Content
		want   string
		err    string
	}{
		{"reordered", Content{{Ph: ph[1]}, {Text: " / "}, {Ph: ph[0]}}, "{{.Count}} / {{.Emergency}}", ""},
		{"deletable left out", Content{{Text: "Call "}, {Ph: ph[0]}}, "Call {{.Emergency}}", ""},
		{"missing", Content{{Text: "Call"}}, "", "missing <ph> for {{.Emergency}}"},
		{"extra", Content{{Ph: ph[0]}, {Ph: &Ph{ID: "9"}}}, "", "id 9"},
		{"twice", Content{{Ph: ph[0]}, {Ph: ph[0]}}, "", "id 1"},
		{"braces in text", Content{{Ph: ph[0]}, {Text: "{{.Municipality}}"}}, "", "template braces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TemplateText(tt.target, src, data, 3)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// FuzzDecode: whatever the bytes, Decode and Check return without
// panicking, within the limits, and a document Decode accepts encodes
// and decodes again to the same units.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="sv"><file id="a"><group id="g"><unit id="u"><segment><source><mrk id="m">x<sm id="s"/></mrk><cp hex="1F"/></source></segment></unit></group></file></xliff>`))
	lim := Limits{MaxBytes: 1 << 16, MaxElements: 2000, MaxDepth: 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(bytes.NewReader(data), lim)
		if err != nil {
			return
		}
		Check(doc)
		var b bytes.Buffer
		if err := Encode(&b, doc); err != nil {
			// Decode keeps a file whose groups are all empty as a file
			// without units, which Encode refuses; nothing else.
			if !slices.ContainsFunc(doc.Files, func(f File) bool { return len(f.Units) == 0 }) {
				t.Fatal(err)
			}
			return
		}
		again, err := Decode(&b, Limits{MaxBytes: 1 << 22, MaxElements: 1 << 20, MaxDepth: 16})
		if err != nil {
			t.Fatalf("re-decoding the encoded document: %v\n%s", err, b.String())
		}
		if len(again.Files) != len(doc.Files) {
			t.Fatalf("%d files, then %d", len(doc.Files), len(again.Files))
		}
	})
}
