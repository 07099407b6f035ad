package catalog

import (
	"cmp"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// written is one message of a file as written, in the form a catalog
// keeps it: a server holds every locale for as long as it runs, under a
// soft memory limit, and every megabyte its locales hold is one less for
// the collector to work in. A Message with a map of its forms, with
// go-i18n's parse of the same message beside it, took about 650 bytes a
// message and 6.5 MB for the 30 locales; a written takes 64 bytes and the
// texts themselves. Message, and go-i18n's message, are made from it
// when asked for.
type written struct {
	id, description string
	other           string       // the "other" form; empty: none
	plural          *pluralTexts // zero to many; nil when none is written
	goI18n          *goI18nExtra // nil: default delimiters and no hash
}

// pluralTexts is a message's forms but "other", in CLDR order (Forms).
type pluralTexts [otherIndex]string

// goI18nExtra is what go-i18n reads of a message besides its texts: a
// file may set the template delimiters and the source's hash.
type goI18nExtra struct{ hash, leftDelim, rightDelim string }

// otherIndex is the place of Other in Forms.
const otherIndex = 5

// writtenOf keeps m as written; an empty form is no form, as in go-i18n.
func writtenOf(m *i18n.Message) written {
	w := written{id: m.ID, description: m.Description, other: m.Other}
	if p := (pluralTexts{m.Zero, m.One, m.Two, m.Few, m.Many}); p != (pluralTexts{}) {
		w.plural = &p
	}
	if m.Hash != "" || m.LeftDelim != "" || m.RightDelim != "" {
		w.goI18n = &goI18nExtra{hash: m.Hash, leftDelim: m.LeftDelim, rightDelim: m.RightDelim}
	}
	return w
}

// writtenSorted returns msgs as written, sorted by ID; messages with the
// same ID keep their order in the file.
func writtenSorted(msgs []*i18n.Message) []written {
	out := make([]written, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, writtenOf(m))
	}
	slices.SortStableFunc(out, func(a, b written) int { return cmp.Compare(a.id, b.id) })
	return out
}

// lastOfEach returns ws (sorted by ID) with one message per ID, the last
// written: the one go-i18n's bundle keeps. It is ws itself when no ID
// repeats.
func lastOfEach(ws []written) []written {
	repeats := false
	for i := 1; i < len(ws); i++ {
		if ws[i].id == ws[i-1].id {
			repeats = true
			break
		}
	}
	if !repeats {
		return ws
	}
	var out []written
	for i, w := range ws {
		if i+1 < len(ws) && ws[i+1].id == w.id {
			continue
		}
		out = append(out, w)
	}
	return out
}

// find returns the message with id in ws (sorted by ID, one per ID).
func find(ws []written, id string) (*written, bool) {
	i, ok := slices.BinarySearchFunc(ws, id, func(w written, id string) int { return strings.Compare(w.id, id) })
	if !ok {
		return nil, false
	}
	return &ws[i], true
}

// form returns the text of the form at index i of Forms; empty when the
// message does not have it.
func (w *written) form(i int) string {
	switch {
	case i == otherIndex:
		return w.other
	case w.plural == nil:
		return ""
	}
	return w.plural[i]
}

// message returns w as a Message.
func (w *written) message() Message {
	m := Message{ID: w.id, Description: w.description, Forms: map[Form]string{}}
	for i, f := range Forms() {
		if s := w.form(i); s != "" {
			m.Forms[f] = s
		}
	}
	return m
}

// messages returns ws as Messages, in the same order.
func messages(ws []written) []Message {
	out := make([]Message, len(ws))
	for i := range ws {
		out[i] = ws[i].message()
	}
	return out
}

// i18nMessage returns w as go-i18n parsed it.
func (w *written) i18nMessage() *i18n.Message {
	m := &i18n.Message{ID: w.id, Description: w.description, Other: w.other}
	if p := w.plural; p != nil {
		m.Zero, m.One, m.Two, m.Few, m.Many = p[0], p[1], p[2], p[3], p[4]
	}
	if x := w.goI18n; x != nil {
		m.Hash, m.LeftDelim, m.RightDelim = x.hash, x.leftDelim, x.rightDelim
	}
	return m
}

// customDelims reports a message whose file sets its template delimiters.
func (w *written) customDelims() bool {
	return w.goI18n != nil && (w.goI18n.leftDelim != "" || w.goI18n.rightDelim != "")
}

// formIndex returns the place of f in Forms, or false.
func formIndex(f Form) (int, bool) {
	switch f {
	case Zero:
		return 0, true
	case One:
		return 1, true
	case Two:
		return 2, true
	case Few:
		return 3, true
	case Many:
		return 4, true
	case Other:
		return otherIndex, true
	}
	return 0, false
}
