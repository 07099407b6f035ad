package resolve

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
)

// writer fills messages of one locale, remembers which it used, and keeps
// the first error so that the structure code reads straight through.
type writer struct {
	loc *catalog.Locale
	// src is the Swedish source, script the locale's script, for marking
	// what stays Swedish (markSwedish); src is nil for Swedish itself.
	src    *catalog.Locale
	script string
	data   map[string]any
	phones map[string]document.Span // marker → phone span
	used   []string
	err    error
	fixed  *fixedTable // the resolver's for loc, src and script; nil resolves every text anew
}

// fixedTexts holds the resolved text of every message that takes no data
// (catalog.Locale.Fixed), once resolved: its spans and what of it stays
// Swedish depend on the locale, the source and the script alone, so each
// later leaflet copies it instead of normalizing and marking it again.
// It is safe for concurrent use.
type fixedTexts struct {
	mu     sync.Mutex
	tables map[fixedKey]*fixedTable
}

// fixedKey is what a writer's texts depend on besides the message.
type fixedKey struct {
	loc, src *catalog.Locale
	script   string
}

// fixedTable is the fixed texts of one fixedKey, by message ID.
type fixedTable struct {
	mu    sync.RWMutex
	texts map[string]document.Text
}

// table returns the fixed texts of a writer of loc with src and script.
func (f *fixedTexts) table(loc, src *catalog.Locale, script string) *fixedTable {
	key := fixedKey{loc: loc, src: src, script: script}
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.tables[key]
	if t == nil {
		if f.tables == nil {
			f.tables = map[fixedKey]*fixedTable{}
		}
		t = &fixedTable{texts: map[string]document.Text{}}
		f.tables[key] = t
	}
	return t
}

func (t *fixedTable) get(id string) (document.Text, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	text, ok := t.texts[id]
	return text, ok
}

func (t *fixedTable) put(id string, text document.Text) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.texts[id] = text
}

// Placeholders that stand for numbers are filled with a private marker
// that no translation can contain (the check refuses private-use
// characters), then replaced by a Phone span after templating.
const markerOpen, markerClose = "\uF8F0", "\uF8F1"

func (w *writer) phone(key, number string) {
	if w.phones == nil {
		w.phones = map[string]document.Span{}
	}
	marker := markerOpen + key + markerClose
	w.data[key] = marker
	w.phones[marker] = phoneText(number)[0]
}

// textPhone fills message id with number as the placeholder key, a Phone
// span in the result ("or 020-50 50 50").
func (w *writer) textPhone(id, key, number string) document.Text {
	if w.phones == nil {
		w.phones = map[string]document.Span{}
	}
	marker := markerOpen + key + " " + number + markerClose
	w.phones[marker] = phoneText(number)[0]
	return w.textWith(id, map[string]any{key: marker})
}

func (w *writer) note(id string) {
	if !contains(w.used, id) {
		w.used = append(w.used, id)
	}
}

func (w *writer) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) text(id string) document.Text {
	return w.textWith(id, nil)
}

func (w *writer) textWith(id string, extra map[string]any) document.Text {
	w.note(id)
	if t, ok := w.fixedText(id); ok {
		return slices.Clone(t)
	}
	return w.filled(id, extra)
}

// bare returns message id's text as Text.Bare gives it, reading a fixed
// text in place.
func (w *writer) bare(id string) string {
	w.note(id)
	if t, ok := w.fixedText(id); ok {
		return t.Bare()
	}
	return w.filled(id, nil).Bare()
}

// filled resolves message id anew: fills it with the writer's data and
// extra, splits it at phone markers and marks what stays Swedish.
func (w *writer) filled(id string, extra map[string]any) document.Text {
	s, err := w.loc.TextWith(id, w.data, extra)
	if err != nil {
		w.fail(err)
		return nil
	}
	return w.marked(w.spans(s), func() (string, error) { return w.src.TextWith(id, w.data, extra) })
}

// fixedText returns message id resolved as filled resolves it, when the
// message takes no data in the locale nor, where its Swedish text decides
// what is marked Swedish, in the source; false sends the caller the long
// way. The text is shared with every leaflet: copy it to keep it.
func (w *writer) fixedText(id string) (document.Text, bool) {
	if w.fixed == nil {
		return nil, false
	}
	if t, ok := w.fixed.get(id); ok {
		return t, true
	}
	s, ok := w.loc.Fixed(id)
	if !ok {
		return nil, false
	}
	// A private-use marker has no decomposition and comes of no
	// composition: it is in the text as normalized iff it is in s.
	if strings.Contains(s, markerOpen) {
		return nil, false // its spans would depend on this leaflet's phones
	}
	source := func() (string, error) { return "", nil } // not called: no source, or not Latin
	if w.src != nil && w.script == "Latn" {
		src, ok := w.src.Fixed(id)
		if !ok {
			return nil, false
		}
		source = func() (string, error) { return src, nil }
	}
	t := w.marked(w.spans(s), source)
	w.fixed.put(id, t)
	return t, true
}

// marked marks the stretches of t that stay Swedish; source gives the
// message's Swedish text.
func (w *writer) marked(t document.Text, source func() (string, error)) document.Text {
	if w.src == nil {
		return t
	}
	src := ""
	if w.script == "Latn" {
		s, err := source()
		if err != nil {
			return t
		}
		src = norm.NFC.String(s)
	}
	return markSwedish(t, w.script, src)
}

// links describes every link of t (see link).
func (w *writer) links(t document.Text) document.Text {
	out := make(document.Text, len(t))
	for i, s := range t {
		out[i] = w.link(s)
	}
	return out
}

// link gives a phone, e-mail or URL span its description for screen
// readers ("Ring 020-50 50 50").
func (w *writer) link(s document.Span) document.Span {
	switch s.Kind {
	case document.Phone:
		s.Label = w.textWith(content.MsgCallLabel, map[string]any{"Number": s.Text}).Bare()
	case document.Email:
		s.Label = w.bare(content.MsgEmail) + ": " + s.Text
	case document.URL:
		s.Label = w.bare(content.MsgWeb) + ": " + s.Text
	}
	return s
}

func (w *writer) plural(id string, n int) document.Text {
	w.note(id)
	s, err := w.loc.Plural(id, n, w.data)
	if err != nil {
		w.fail(err)
		return nil
	}
	return w.marked(w.spans(s), func() (string, error) { return w.src.Plural(id, n, w.data) })
}

// spans splits a filled message at phone markers.
func (w *writer) spans(s string) document.Text {
	s = norm.NFC.String(s)
	var out document.Text
	for s != "" {
		i := strings.Index(s, markerOpen)
		if i < 0 {
			out = append(out, document.Span{Kind: document.Plain, Text: s})
			break
		}
		j := strings.Index(s[i:], markerClose)
		if j < 0 {
			w.fail(fmt.Errorf("message text in %q has an unclosed number marker", w.loc.Tag()))
			return nil
		}
		if i > 0 {
			out = append(out, document.Span{Kind: document.Plain, Text: s[:i]})
		}
		marker := s[i : i+j+len(markerClose)]
		out = append(out, w.link(w.phones[marker]))
		s = s[i+j+len(markerClose):]
	}
	return out
}

// dayRange writes "Monday–Friday" (or one day, or "every day") in the locale.
func (w *writer) dayRange(from, to int) document.Text {
	if from == 0 && to == 6 {
		return w.text(content.MsgHoursEveryDay)
	}
	fromName := w.bare(content.DayMsg(from))
	if from == to {
		return document.PlainText(fromName)
	}
	toName := w.bare(content.DayMsg(to))
	return w.textWith(content.MsgHoursDayRange, map[string]any{"From": fromName, "To": toName})
}

// hours writes one opening-hours line: days, then the time range in the
// 24-hour clock; a range past midnight uses the overnight form.
func (w *writer) hours(h request.Hours) document.Text {
	from, to, err := request.ParseDays(h.Days)
	if err != nil {
		w.fail(err)
		return nil
	}
	open, err1 := request.ParseClock(h.From)
	closed, err2 := request.ParseClock(h.To)
	if err1 != nil || err2 != nil {
		w.fail(fmt.Errorf("hours %+v: invalid time", h))
		return nil
	}
	days := w.dayRange(from, to).Bare()
	id := content.MsgHoursLine
	if closed <= open {
		id = content.MsgHoursOvernight
	}
	return w.textWith(id, map[string]any{"Days": days, "From": clock(open), "To": clock(closed)})
}

func clock(c request.Clock) string { return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute()) }
