package exchange

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/review"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/generator/xliff"
)

// Locales is what an export reads: the review snapshot of the locales
// (texts and states) and the topics (which messages a topic prints, and
// in which order).
type Locales struct {
	Snap   *review.Snapshot
	Topics *content.Set
}

// ExportError is an export that cannot be made.
type ExportError struct{ Reason string }

func (e *ExportError) Error() string { return "export: " + e.Reason }

// Export makes the XLIFF document of lang: one unit per message of the
// Swedish source (of topic's messages only, if topic is set), in the
// order the leaflets print them.
func Export(in Locales, lang string, topic vocab.TopicID) (*xliff.Document, error) {
	if in.Snap == nil || in.Snap.Catalog == nil {
		return nil, &ExportError{"the locales do not load"}
	}
	if lang == catalog.SourceTag {
		return nil, &ExportError{"Swedish is the source: export a translation"}
	}
	src := in.Snap.Catalog.Source()
	tr, err := in.Snap.Catalog.Locale(lang)
	if err != nil {
		return nil, &ExportError{fmt.Sprintf("no locale %q", lang)}
	}
	ids := messageOrder(in.Topics, src)
	if topic != "" {
		if in.Topics == nil {
			return nil, &ExportError{"no topics"}
		}
		if _, ok := in.Topics.Topic(topic); !ok {
			return nil, &ExportError{fmt.Sprintf("no topic %q", topic)}
		}
		of := in.Topics.Messages(topic)
		ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(of, id) })
	}
	examples := tr.PluralExamples(4)
	file := xliff.File{ID: "f1", Original: tr.File(), Notes: []xliff.Note{{Category: "infogeneratorn", Text: fileNote}}}
	for _, id := range ids {
		sm, _ := src.Message(id)
		tm, _ := tr.Message(id)
		state, _ := in.Snap.Message(lang, id)
		file.Units = append(file.Units, unitOf(sm, tm, state, tr, examples))
	}
	return &xliff.Document{Version: xliff.Version, SrcLang: catalog.SourceTag, TrgLang: lang, Files: []xliff.File{file}}, nil
}

const fileNote = "Infogeneratorn: one unit per message, one segment per plural form (its id is the CLDR form). " +
	"Keep every placeholder (<ph>) and move it where the language needs it. Never write phone numbers, " +
	"e-mail or web addresses: they come from data. The state says where the message stands: initial " +
	"(not translated), translated (no valid approval), reviewed (approved, but the approval does not count: " +
	"see infogen locales status), final (vetted: approved by a listed reviewer, signed). Importing never " +
	"approves: an approval is signed by the reviewer with infogen locales approve."

// WriteExport writes Export's document.
func WriteExport(w io.Writer, in Locales, lang string, topic vocab.TopicID) error {
	doc, err := Export(in, lang, topic)
	if err != nil {
		return err
	}
	return xliff.Encode(w, doc)
}

// messageOrder lists the source's messages as the leaflets print them:
// topic by topic, each in its own order (title, summary, blocks, then the
// shared texts), then any message no topic prints, by ID.
func messageOrder(topics *content.Set, src *catalog.Locale) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if _, ok := src.Message(id); ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if topics != nil {
		for _, id := range topics.AllMessages() {
			add(id)
		}
	}
	for _, id := range src.IDs() {
		add(id)
	}
	return out
}

// isPlural reports whether a source message has forms for counts.
func isPlural(m catalog.Message) bool { return len(m.Forms) > 1 }

// forms are the segments of a message in a locale: every plural form the
// locale uses for a message with a count, else "other".
func forms(sm catalog.Message, tr *catalog.Locale) []catalog.Form {
	if isPlural(sm) {
		return tr.PluralForms()
	}
	return []catalog.Form{catalog.Other}
}

// sourceText is the Swedish text a segment translates: the same form, or
// the source's "other" for a form Swedish does not have.
func sourceText(sm catalog.Message, f catalog.Form) string {
	if s, ok := sm.Forms[f]; ok {
		return s
	}
	return sm.Forms[catalog.Other]
}

// unitOf makes one message's unit; the source side is built by
// sourceUnit, so that an import rebuilds exactly the same placeholders.
func unitOf(sm, tm catalog.Message, st review.Message, tr *catalog.Locale, examples map[catalog.Form][]int) xliff.Unit {
	u := sourceUnit(sm, tr)
	if sm.Description != "" {
		u.Notes = append(u.Notes, xliff.Note{Category: "description", Text: sm.Description})
	}
	if isPlural(sm) {
		var parts []string
		for _, f := range tr.PluralForms() {
			parts = append(parts, fmt.Sprintf("%s (%s)", f, joinInts(examples[f])))
		}
		u.Notes = append(u.Notes, xliff.Note{Category: "plural", Text: fmt.Sprintf(
			"A message with a count: one segment per plural form of %s: %s. A form Swedish lacks shows the Swedish \"other\" as its source.",
			tr.Meta().NameSwedish, strings.Join(parts, ", "))})
	}
	state := stateOf(st)
	for i := range u.Segments {
		s := &u.Segments[i]
		text, ok := tm.Forms[catalog.Form(s.ID)]
		if !ok || st.State == review.StateMissing {
			s.State = xliff.Initial
			continue
		}
		c := xliff.TargetContent(text, s.Source, u.Data)
		s.Target, s.State = &c, state
	}
	return u
}

// sourceUnit is a message's unit with its source side only.
func sourceUnit(sm catalog.Message, tr *catalog.Locale) xliff.Unit {
	u := xliff.Unit{ID: sm.ID}
	next := 0
	for _, f := range forms(sm, tr) {
		// A plural form other than "other" may leave out the count ("one
		// line" needs no digit), as the check allows.
		deletable := func(code string) bool { return isPlural(sm) && f != catalog.Other && countRE.MatchString(code) }
		u.Segments = append(u.Segments, xliff.Segment{ID: string(f), Source: xliff.TemplateContent(sourceText(sm, f), &next, &u.Data, deletable)})
	}
	return u
}

var countRE = regexp.MustCompile(`^\{\{-?\s*\.Count\s*-?\}\}$`)

// stateOf maps a message's review state to a segment state: final when
// vetted; reviewed when an approval of the exact current texts exists but
// does not count (unsigned, a key or reviewer not listed); translated
// otherwise; initial when there is no translation.
func stateOf(m review.Message) xliff.State {
	switch m.State {
	case review.StateVetted:
		return xliff.Final
	case review.StateMissing:
		return xliff.Initial
	}
	if m.Reviewer == "" {
		return xliff.Translated
	}
	for _, r := range m.Reasons {
		if r == review.NoRecord || r == review.SourceChanged || r == review.TranslationEdited || r == review.FailsCheck {
			return xliff.Translated
		}
	}
	return xliff.Reviewed
}

func joinInts(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, fmt.Sprint(n))
	}
	if len(s) == 4 {
		s[3] = "…"
	}
	return strings.Join(s, ", ")
}
