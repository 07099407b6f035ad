package catalog

import (
	"maps"
	"slices"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// A message kept as written gives back what go-i18n parsed and the forms
// as written, field by field.
func TestWrittenKeepsEveryField(t *testing.T) {
	tests := []struct {
		name  string
		msg   i18n.Message
		forms map[Form]string
	}{
		{"other only", i18n.Message{ID: "a", Other: "Hej"}, map[Form]string{Other: "Hej"}},
		{"described", i18n.Message{ID: "a", Description: "greeting", Other: "Hej"}, map[Form]string{Other: "Hej"}},
		{"every form", i18n.Message{ID: "n", Zero: "z", One: "o", Two: "t", Few: "f", Many: "m", Other: "x"},
			map[Form]string{Zero: "z", One: "o", Two: "t", Few: "f", Many: "m", Other: "x"}},
		{"one and other", i18n.Message{ID: "n", One: "en fil", Other: "{{.Count}} filer"},
			map[Form]string{One: "en fil", Other: "{{.Count}} filer"}},
		{"many alone", i18n.Message{ID: "n", Many: "m"}, map[Form]string{Many: "m"}},
		{"no form", i18n.Message{ID: "n"}, map[Form]string{}},
		{"own delimiters", i18n.Message{ID: "d", LeftDelim: "<<", RightDelim: ">>", Other: "<<.A>>"}, map[Form]string{Other: "<<.A>>"}},
		{"hash", i18n.Message{ID: "h", Hash: "sha1-x", Other: "y"}, map[Form]string{Other: "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := writtenOf(&tt.msg)
			if got := *w.i18nMessage(); got != tt.msg {
				t.Errorf("go-i18n's message: got %+v, want %+v", got, tt.msg)
			}
			m := w.message()
			if m.ID != tt.msg.ID || m.Description != tt.msg.Description || !maps.Equal(m.Forms, tt.forms) {
				t.Errorf("message: got %+v, want forms %v", m, tt.forms)
			}
			if got, want := w.customDelims(), tt.msg.LeftDelim != "" || tt.msg.RightDelim != ""; got != want {
				t.Errorf("customDelims %v, want %v", got, want)
			}
			for i, f := range Forms() {
				if j, ok := formIndex(f); !ok || j != i {
					t.Errorf("formIndex(%s) = %d, %v; want %d", f, j, ok, i)
				}
				if got := w.form(i); got != tt.forms[f] {
					t.Errorf("form %s: %q, want %q", f, got, tt.forms[f])
				}
			}
		})
	}
	if _, ok := formIndex("several"); ok {
		t.Error("formIndex takes a form CLDR does not have")
	}
}

// Sorted by ID, a repeated ID keeps its file order, and a locale keeps the
// last, as go-i18n's bundle does; find finds each ID and nothing else.
func TestWrittenSortedAndLast(t *testing.T) {
	msgs := []*i18n.Message{
		{ID: "b", Other: "b1"}, {ID: "a", Other: "a1"}, {ID: "b", Other: "b2"}, {ID: "c", Other: "c1"}, {ID: "b", Other: "b3"},
	}
	ws := writtenSorted(msgs)
	var got []string
	for _, w := range ws {
		got = append(got, w.other)
	}
	if want := []string{"a1", "b1", "b2", "b3", "c1"}; !slices.Equal(got, want) {
		t.Errorf("sorted: %v, want %v", got, want)
	}
	last := lastOfEach(ws)
	got = got[:0]
	for _, w := range last {
		got = append(got, w.other)
	}
	if want := []string{"a1", "b3", "c1"}; !slices.Equal(got, want) {
		t.Errorf("last of each: %v, want %v", got, want)
	}
	for _, id := range []string{"a", "b", "c"} {
		if w, ok := find(last, id); !ok || w.id != id {
			t.Errorf("find(%q) = %v, %v", id, w, ok)
		}
	}
	for _, id := range []string{"", "0", "ab", "d"} {
		if _, ok := find(last, id); ok {
			t.Errorf("find(%q) found a message", id)
		}
	}
	once := writtenSorted([]*i18n.Message{{ID: "x"}, {ID: "y"}})
	if l := lastOfEach(once); &l[0] != &once[0] {
		t.Error("lastOfEach copied messages whose IDs do not repeat")
	}
}
