package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Form is a CLDR plural category.
type Form string

// The CLDR plural categories, in CLDR order.
const (
	Zero  Form = "zero"
	One   Form = "one"
	Two   Form = "two"
	Few   Form = "few"
	Many  Form = "many"
	Other Form = "other"
)

// Forms returns every CLDR plural category in CLDR order.
func Forms() []Form { return []Form{Zero, One, Two, Few, Many, Other} }

// Message is one message as written in the file: its ID, the translator's
// description, and the text of each plural form it has ("other" only, for
// a message without plurals).
type Message struct {
	ID          string
	Description string
	Forms       map[Form]string
}

// Locale is one language's messages with its metadata.
type Locale struct {
	meta Meta
	file string
	// messages is the file's messages sorted by ID, one per ID: the last
	// written, which go-i18n's bundle keeps.
	messages []written
	ruleTag  language.Tag
	// templates holds the forms go-i18n would run as templates (see
	// fill.go); every other form is a fixed text.
	templates map[formKey]*fieldTemplate

	// Most texts are filled without go-i18n (fill.go), so its bundle
	// gets the messages only when a text first needs it: a server
	// holding every locale keeps no template of a message go-i18n never
	// fills.
	bundleOnce sync.Once
	localizer  *i18n.Localizer
	bundleErr  error

	// counts gives the plural form of each whole number below
	// countFormsProbed.
	counts *countForms

	// plural is the plural forms this locale's rules use for whole
	// numbers, probed when first asked for (only the check asks).
	pluralOnce sync.Once
	plural     []Form
}

func newLocale(meta Meta, file string, data []byte) (*Locale, error) {
	msgs, err := parseMessages(file, data)
	if err != nil {
		return nil, err
	}
	return localeOf(meta, file, writtenSorted(msgs), newPluralRules())
}

// localeOf makes a locale of a file's messages as written, sorted by ID
// (writtenSorted); it shares them. It asks rules for plural forms.
func localeOf(meta Meta, file string, msgs []written, rules *pluralRules) (*Locale, error) {
	var err error
	ruleTag := meta.Tag
	if meta.PluralRules != "" {
		// An explicit, documented donor (see the package doc), used only to
		// pick the plural form; the locale keeps its own tag.
		ruleTag, err = language.Parse(meta.PluralRules)
		if err != nil {
			return nil, fmt.Errorf("%s: plural_rules %q: %w", file, meta.PluralRules, err)
		}
	}
	// Probing a plural form is go-i18n's check that it has rules for the
	// language: it refuses a language without them, with or without
	// messages. The messages go into a bundle when first needed.
	counts, err := rules.forms(ruleTag)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (name a donor with plural_rules in locales.toml)", file, err)
	}
	last := lastOfEach(msgs)
	return &Locale{meta: meta, file: file, messages: last, ruleTag: ruleTag,
		templates: templatesOf(last), counts: counts}, nil
}

// countForms gives the plural form of each whole number below
// countFormsProbed, in one language's rules, asked of go-i18n
// (pluralRules) when first needed: a leaflet counts one or two things.
// Safe for concurrent use.
type countForms struct {
	rules *pluralRules
	loc   *i18n.Localizer // of rules' bundle, for the language
	mu    sync.Mutex
	forms [countFormsProbed]Form // "" until asked
}

// form returns the plural form of n, which must be below
// countFormsProbed.
func (c *countForms) form(n int) (Form, error) {
	c.mu.Lock()
	f := c.forms[n]
	c.mu.Unlock()
	if f != "" {
		return f, nil
	}
	f, err := c.rules.formOf(c.loc, n)
	if err == nil {
		c.mu.Lock()
		c.forms[n] = f
		c.mu.Unlock()
	}
	return f, err
}

// pluralRules asks go-i18n's plural rules for the forms of whole
// numbers, in every language a catalog loads, through one bundle: a
// go-i18n bundle builds the rules of every language it knows when it is
// made (some 350 us and 880 allocations), which each locale paid when it
// was loaded. The bundle holds one message per language, whose every
// form is its own name. Safe for concurrent use.
type pluralRules struct {
	mu   sync.Mutex
	b    *i18n.Bundle
	locs map[language.Tag]*countForms
}

func newPluralRules() *pluralRules {
	return &pluralRules{locs: map[language.Tag]*countForms{}}
}

// pluralProbeID is the ID of the message that names its forms.
const pluralProbeID = "probe"

// forms returns the count forms of tag's rules, having asked for the form
// of 0: an error if go-i18n has no rules for tag.
func (r *pluralRules) forms(tag language.Tag) (*countForms, error) {
	r.mu.Lock()
	c, ok := r.locs[tag]
	if !ok {
		if r.b == nil {
			r.b = i18n.NewBundle(tag)
		}
		probe := &i18n.Message{ID: pluralProbeID, Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
		if err := r.b.AddMessages(tag, probe); err != nil {
			r.mu.Unlock()
			return nil, err
		}
		c = &countForms{rules: r, loc: i18n.NewLocalizer(r.b, tag.String())}
		r.locs[tag] = c
	}
	r.mu.Unlock()
	if _, err := c.form(0); err != nil {
		return nil, err
	}
	return c, nil
}

// formOf returns the plural form the rules of loc select for n.
func (r *pluralRules) formOf(loc *i18n.Localizer, n int) (Form, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: pluralProbeID, PluralCount: n})
	return Form(s), err
}

// formsOfCounts returns the plural form the language's rules select for
// each whole number below n, by localizing a message whose every form is
// its own name, in a bundle of its own.
func formsOfCounts(tag language.Tag, n int) ([]Form, error) {
	c, err := newPluralRules().forms(tag)
	if err != nil {
		return nil, err
	}
	out := make([]Form, n)
	for k := range out {
		if out[k], err = c.rules.formOf(c.loc, k); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// probePluralForms finds which plural categories the language's rules
// select for the whole numbers 0–1000 (leaflets count only whole things),
// by localizing a message whose every form is its own name. go-i18n keeps
// its rule tables internal; this asks them instead of copying them.
func probePluralForms(tag language.Tag) ([]Form, error) {
	forms, err := formsOfCounts(tag, 1001)
	if err != nil {
		return nil, err
	}
	seen := map[Form]bool{}
	for _, f := range forms {
		seen[f] = true
	}
	var out []Form
	for _, f := range Forms() {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// countFormsProbed is how many whole numbers, from 0, a locale probes
// for plural texts filled without go-i18n: more than a leaflet counts.
const countFormsProbed = 32

// countForm returns the plural form of count, or false past the probed
// numbers.
func (l *Locale) countForm(count int) (Form, bool) {
	if count < 0 || count >= countFormsProbed {
		return "", false
	}
	f, err := l.counts.form(count)
	return f, err == nil // go-i18n, asked again, says what went wrong
}

// goI18n returns the localizer of the locale's go-i18n bundle, giving
// the bundle the messages the first time.
func (l *Locale) goI18n() (*i18n.Localizer, error) {
	l.bundleOnce.Do(func() {
		b := i18n.NewBundle(l.ruleTag)
		msgs := make([]*i18n.Message, len(l.messages))
		for i := range l.messages {
			msgs[i] = l.messages[i].i18nMessage()
		}
		l.bundleErr = b.AddMessages(l.ruleTag, msgs...)
		l.localizer = i18n.NewLocalizer(b, l.ruleTag.String())
	})
	return l.localizer, l.bundleErr
}

// Meta returns the locale's metadata.
func (l *Locale) Meta() Meta { return l.meta }

// Tag returns the locale's BCP 47 tag.
func (l *Locale) Tag() string { return l.meta.Tag.String() }

// File returns the path of the locale's message file inside the locales FS.
func (l *Locale) File() string { return l.file }

// IDs returns every message ID in the locale, sorted.
func (l *Locale) IDs() []string {
	ids := make([]string, len(l.messages))
	for i := range l.messages {
		ids[i] = l.messages[i].id
	}
	return ids
}

// Message returns the raw message as written, for checks and approvals.
func (l *Locale) Message(id string) (Message, bool) {
	m, ok := find(l.messages, id)
	if !ok {
		return Message{}, false
	}
	return m.message(), true
}

// PluralForms returns the plural categories this locale must provide for
// a message with a count.
func (l *Locale) PluralForms() []Form {
	l.pluralOnce.Do(func() {
		// The bundle above accepted ruleTag, so the probe's bundle does
		// too; an error here would be go-i18n's own.
		var err error
		if l.plural, err = probePluralForms(l.ruleTag); err != nil {
			l.plural = Forms()
		}
	})
	return slices.Clone(l.plural)
}

// Text returns the message id filled with data. A missing message is a
// *MissingMessageError and a failing template a *TemplateError; in either
// case the text is empty, never another language's.
func (l *Locale) Text(id string, data map[string]any) (string, error) {
	return l.localize(id, layers{data}, nil)
}

// TextWith returns the message id filled with data and extra, extra's
// value where both have a key, as Text does with the two maps merged.
func (l *Locale) TextWith(id string, data, extra map[string]any) (string, error) {
	return l.localize(id, layers{extra, data}, nil)
}

// Plural returns the plural form of message id for count; data may use
// {{.Count}}.
func (l *Locale) Plural(id string, count int, data map[string]any) (string, error) {
	return l.localize(id, layers{data, {"Count": strconv.Itoa(count)}}, count)
}

// Fixed returns message id's text when the message takes no data: it
// exists and its "other" form has no template action, so that Text gives
// that form as it stands whatever the data. Otherwise it returns false
// and Text says what the message gives.
func (l *Locale) Fixed(id string) (string, bool) { return l.fixedForm(id, Other) }

// fixedForm returns the text of form of message id when it has that form
// and the form has no template action.
func (l *Locale) fixedForm(id string, form Form) (string, bool) {
	m, ok := find(l.messages, id)
	if !ok {
		return "", false
	}
	i, ok := formIndex(form)
	if !ok {
		return "", false
	}
	text := m.form(i)
	if text == "" {
		return "", false
	}
	if _, templated := l.templates[formKey{id, form}]; templated {
		return "", false
	}
	return text, true
}

func (l *Locale) localize(id string, data layers, count any) (string, error) {
	if _, ok := find(l.messages, id); !ok {
		return "", &MissingMessageError{Lang: l.Tag(), ID: id}
	}
	// go-i18n takes the "other" form without a count, else the form its
	// rules select for the count.
	form, fast := Other, true
	if count != nil {
		n, isInt := count.(int)
		form, fast = l.countForm(n)
		fast = fast && isInt
	}
	if fast {
		if s, ok := l.fixedForm(id, form); ok {
			return s, nil
		}
		if ft := l.templates[formKey{id, form}]; ft != nil {
			if s, ok := ft.fill(data); ok {
				return s, nil
			}
		}
	}
	localizer, err := l.goI18n()
	if err != nil {
		return "", &TemplateError{Lang: l.Tag(), ID: id, Err: err}
	}
	s, err := localizer.Localize(&i18n.LocalizeConfig{
		MessageID: id, TemplateData: data.merged(), PluralCount: count, TemplateParser: newParser(),
	})
	if err != nil {
		var nf *i18n.MessageNotFoundErr
		if errors.As(err, &nf) {
			return "", &MissingMessageError{Lang: l.Tag(), ID: id}
		}
		return "", &TemplateError{Lang: l.Tag(), ID: id, Err: err}
	}
	return s, nil
}
