package exchange

import (
	"bytes"
	"io/fs"
	"maps"
	"testing"
	"unicode/utf8"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/locales"
)

// FuzzApplyEdit writes a translator's text, whatever it holds, into a
// shipped locale file the way Import does (a value replaced in place, a
// form added to a message, a message appended) and reads the file back:
// it parses, the edited form holds exactly the text, and every other
// message and form is as it was.
func FuzzApplyEdit(f *testing.F) {
	data, err := fs.ReadFile(locales.FS(), "ar.toml")
	if err != nil {
		f.Fatal(err)
	}
	// Its head: the comments and the first four messages, one with six
	// plural forms. Reading the whole file back took 2 ms an input.
	if i := nthIndex(data, "\n[", 5); i > 0 {
		data = data[:i+1]
	}
	before, err := catalog.ParseFile("ar.toml", data)
	if err != nil {
		f.Fatal(err)
	}
	tf, err := parseTOML(data)
	if err != nil {
		f.Fatal(err)
	}
	// Where the edit goes: a value the file has, a form a message of the
	// file lacks, and a message the file lacks.
	targets := []edit{
		{id: "common.helplines.heading", form: "other"},
		{id: "common.contacts.heading", form: "few"},
		{id: "fuzz.new.message", form: "other", description: "A message the file lacks."},
	}
	for _, s := range []string{"", "نص", `a "quoted" \ text`, "line\nbreak\ttab\r", "\x00\x1f\x7f", "{{.Municipality}}", "\u2028\ufeff\U0001F600", "'''", `"""`, "]\n[x]\nother = \"y"} {
		for i := range targets {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		if !utf8.ValidString(text) {
			return // xliff.Decode refuses a file that is not UTF-8
		}
		e := targets[int(which)%len(targets)]
		e.text = text
		out := tf.apply([]edit{e})
		after, err := catalog.ParseFile("ar.toml", out)
		if err != nil {
			t.Fatalf("the edited file does not parse: %v\n%s", err, out[max(0, len(out)-400):])
		}
		got := map[string]catalog.Message{}
		for _, m := range after {
			got[m.ID] = m
		}
		m, ok := got[e.id]
		if !ok || m.Forms[catalog.Form(e.form)] != text {
			t.Fatalf("%s %s reads %q, want %q", e.id, e.form, m.Forms[catalog.Form(e.form)], text)
		}
		if len(after) != len(before)+map[bool]int{true: 1}[e.id == "fuzz.new.message"] {
			t.Fatalf("%d messages, then %d", len(before), len(after))
		}
		for _, b := range before {
			a := got[b.ID]
			forms := maps.Clone(a.Forms)
			if b.ID == e.id {
				if _, had := b.Forms[catalog.Form(e.form)]; !had {
					delete(forms, catalog.Form(e.form))
				} else {
					forms[catalog.Form(e.form)] = b.Forms[catalog.Form(e.form)]
				}
			}
			if !maps.Equal(forms, b.Forms) || a.Description != b.Description {
				t.Fatalf("%s changed: %q, then %q", b.ID, b.Forms, a.Forms)
			}
		}
	})
}

// nthIndex is the offset of the nth occurrence of sep in data, or -1.
func nthIndex(data []byte, sep string, n int) int {
	at := -1
	for range n {
		i := bytes.Index(data[at+1:], []byte(sep))
		if i < 0 {
			return -1
		}
		at += 1 + i
	}
	return at
}
