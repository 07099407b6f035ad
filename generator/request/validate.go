package request

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"infogeneratorn/generator/vocab"
)

// Code is a stable identifier for one kind of validation problem. The UI
// text for each is the catalog message "validation.<code>".
type Code string

// Validation problem codes.
const (
	CodeRequired      Code = "required"         // the field is empty
	CodeNeedsChannel  Code = "needs_channel"    // a contact without phone, e-mail or web
	CodeUnknownTopic  Code = "unknown_topic"    // not one of vocab.Topics
	CodeUnknownRole   Code = "unknown_role"     // not one of vocab.Roles
	CodeUnknownLang   Code = "unknown_language" // not a locale of the catalog
	CodeUnknownMuni   Code = "unknown_municipality"
	CodeUnknownPaper  Code = "unknown_paper"
	CodeLargePrintA4  Code = "large_print_a4" // large print is set on A4 only
	CodeUnknownFormat Code = "unknown_format"
	CodeDuplicate     Code = "duplicate"
	CodeTooMany       Code = "too_many"
	CodeTooLong       Code = "too_long"
	CodeInvalidPhone  Code = "invalid_phone"
	CodeInvalidEmail  Code = "invalid_email"
	CodeInvalidURL    Code = "invalid_url"
	CodeInvalidTime   Code = "invalid_time"
	CodeInvalidDays   Code = "invalid_days"
	CodeForbiddenChar Code = "forbidden_char" // bidi control or other invisible character
	CodeInvalidJSON   Code = "invalid_json"
	CodeUnknownField  Code = "unknown_field"
	CodeTooLarge      Code = "too_large"
	CodeDuplicateKey  Code = "duplicate_key"    // a JSON key twice in one object
	CodeSameTime      Code = "same_time"        // opening hours that open and close at the same time
	CodeLogoFormat    Code = "logo_format"      // a logo that is not a PNG or JPEG data: URL
	CodeUnprintable   Code = "unprintable_char" // a character no font of the leaflet can print
)

// FieldError is one problem at one field. Params fill the message's
// placeholders ("Max", "Char", "Value").
type FieldError struct {
	Field  string            `json:"field"`
	Code   Code              `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// Error gives a terse, untranslated form for logs and tests; people see
// the catalog's text instead.
func (e FieldError) Error() string {
	if len(e.Params) == 0 {
		return fmt.Sprintf("%s: %s", e.Field, e.Code)
	}
	return fmt.Sprintf("%s: %s %v", e.Field, e.Code, e.Params)
}

// FieldErrors is every problem found in one request.
type FieldErrors []FieldError

func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Rules tells Validate what the rest of the system knows: which languages
// have locale files and which municipality codes exist.
type Rules struct {
	HasLanguage     func(tag string) bool
	HasMunicipality func(code string) bool
	// Printable tells whether the leaflets' fonts can print a character
	// (nil: every character). A contact's text that holds one they cannot
	// (an emoji, CJK, Hangul) is refused, naming the character, rather
	// than failing when the PDF is set.
	Printable func(r rune) bool
}

// Field length limits, in characters. The municipality's name may be long
// ("Kommunalförbundet Sjuhärads samordningsförbund …"); the layout is
// tested with 200.
const (
	MaxMunicipalityName = 200
	MaxContactName      = 120
	MaxAddress          = 200
	MaxEmail            = 254
	MaxURL              = 300
	// MaxQRURL bounds "qr_url", in bytes (a QR code holds UTF-8 bytes):
	// 200 keeps the code at version 10, level M (57 modules), so that on
	// the 25 mm printed square a module is 0.38 mm; the 300 of MaxURL
	// would make version 13 and 0.32 mm, below the 0.33 mm that phone
	// cameras read at arm's length (package qrcode).
	MaxQRURL     = 200
	MaxPhone     = 30
	MaxContacts  = 20
	MaxHours     = 7
	MaxLanguages = 64
)

// Validate returns every problem in r, in field order, or nil.
func (r *Request) Validate(rules Rules) FieldErrors {
	v := &validator{printable: rules.Printable}
	v.municipality(r.Municipality, rules)
	v.list("topics", r.Topics, true, func(s string) bool { _, ok := vocab.ParseTopic(s); return ok }, CodeUnknownTopic, len(vocab.Topics()))
	v.list("languages", r.Languages, true, func(s string) bool { return knownLanguage(s, rules) }, CodeUnknownLang, MaxLanguages)
	if r.Paper != "" {
		if _, ok := vocab.ParsePaper(r.Paper); !ok {
			v.add("paper", CodeUnknownPaper, "Value", r.Paper)
		}
	}
	// Large print on A5 would set Arabic-script body text at 21 pt in a
	// 124 mm measure: the header and footer leave too little room for it.
	if r.LargePrint && r.Paper == string(vocab.A5) {
		v.add("large_print", CodeLargePrintA4)
	}
	v.list("formats", r.Formats, false, func(s string) bool { _, ok := vocab.ParseFormat(s); return ok }, CodeUnknownFormat, 2)
	contacts := r.Contacts
	if len(contacts) > MaxContacts {
		v.add("contacts", CodeTooMany, "Max", fmt.Sprint(MaxContacts))
		contacts = contacts[:MaxContacts] // the rest would only repeat the answer
	}
	if r.LogoData != "" && !ValidLogoData(r.LogoData) {
		v.add("logo", CodeLogoFormat)
	}
	v.qrURL(r.QRURL)
	for i, c := range contacts {
		v.contact(fmt.Sprintf("contacts[%d]", i), c)
	}
	if len(v.errs) == 0 {
		return nil
	}
	return v.errs
}

func knownLanguage(s string, rules Rules) bool {
	if _, err := language.Parse(s); err != nil {
		return false
	}
	return rules.HasLanguage == nil || rules.HasLanguage(s)
}

type validator struct {
	errs      FieldErrors
	printable func(rune) bool
}

func (v *validator) add(field string, code Code, kv ...string) {
	e := FieldError{Field: field, Code: code}
	if len(kv) > 0 {
		e.Params = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			e.Params[kv[i]] = kv[i+1]
		}
	}
	v.errs = append(v.errs, e)
}

// text checks a free-text field: length and invisible characters. It
// reports at most one problem per field, the one a person fixes first.
func (v *validator) text(field, s string, max int, allowJoiners bool) bool {
	if r, ok := forbiddenRune(s, allowJoiners); ok {
		v.add(field, CodeForbiddenChar, "Char", fmt.Sprintf("U+%04X", r))
		return false
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.add(field, CodeTooLong, "Max", fmt.Sprint(max))
		return false
	}
	if v.printable != nil {
		for _, r := range s {
			if !v.printable(r) {
				v.add(field, CodeUnprintable, "Char", fmt.Sprintf("U+%04X", r))
				return false
			}
		}
	}
	return true
}

// forbiddenRune finds the first control, format or separator character
// that must not reach print: bidi embeddings, overrides, isolates and
// marks, zero-width characters, line separators, C0/C1 controls and
// invalid UTF-8. ZWNJ and ZWJ are allowed in names and addresses, where
// Persian or Kurdish spelling may need them.
func forbiddenRune(s string, allowJoiners bool) (rune, bool) {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return r, true
		case allowJoiners && (r == '\u200C' || r == '\u200D'):
			continue
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cc, r),
			unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r),
			r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0', // Hangul fillers render blank
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r),
			r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
			return r, true
		}
	}
	return 0, false
}

// qrURL checks the address a QR code leads to like a contact's web
// address (https, a host with a dot, no user info), with a tighter
// length that keeps the printed code scannable.
func (v *validator) qrURL(s string) {
	if s == "" || !v.text("qr_url", s, MaxQRURL, false) {
		return
	}
	switch {
	case len(s) > MaxQRURL:
		v.add("qr_url", CodeTooLong, "Max", fmt.Sprint(MaxQRURL))
	case !validURL(s):
		v.add("qr_url", CodeInvalidURL, "Value", s)
	}
}

func (v *validator) municipality(m Municipality, rules Rules) {
	if strings.TrimSpace(m.Code) == "" && strings.TrimSpace(m.Name) == "" {
		v.add("municipality.name", CodeRequired)
		return
	}
	if m.Code != "" && v.text("municipality.code", m.Code, 4, false) {
		if rules.HasMunicipality != nil && !rules.HasMunicipality(m.Code) {
			v.add("municipality.code", CodeUnknownMuni, "Value", m.Code)
		}
	}
	if m.Name != "" {
		v.text("municipality.name", m.Name, MaxMunicipalityName, true)
	}
}

func (v *validator) list(field string, items []string, required bool, known func(string) bool, unknown Code, max int) {
	if len(items) == 0 {
		if required {
			v.add(field, CodeRequired)
		}
		return
	}
	if len(items) > max {
		v.add(field, CodeTooMany, "Max", fmt.Sprint(max))
		return
	}
	seen := map[string]bool{}
	for i, s := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !v.text(f, s, 40, false) {
			continue
		}
		switch {
		case seen[CanonicalTag(s)]:
			v.add(f, CodeDuplicate, "Value", s)
		case !known(s):
			v.add(f, unknown, "Value", s)
		}
		seen[CanonicalTag(s)] = true
	}
}

func (v *validator) contact(field string, c Contact) {
	if _, ok := vocab.ParseRole(c.Role); !ok {
		if c.Role == "" {
			v.add(field+".role", CodeRequired)
		} else if v.text(field+".role", c.Role, 40, false) {
			v.add(field+".role", CodeUnknownRole, "Value", c.Role)
		}
	}
	if strings.TrimSpace(c.Name) == "" {
		v.add(field+".name", CodeRequired)
	} else {
		v.text(field+".name", c.Name, MaxContactName, true)
	}
	if c.Phone == "" && c.Email == "" && c.Web == "" {
		v.add(field+".phone", CodeNeedsChannel)
	}
	if c.Phone != "" && v.text(field+".phone", c.Phone, MaxPhone, false) {
		if _, err := ParsePhone(c.Phone); err != nil {
			v.add(field+".phone", CodeInvalidPhone, "Value", c.Phone)
		}
	}
	if c.Email != "" && v.text(field+".email", c.Email, MaxEmail, false) && !validEmail(c.Email) {
		v.add(field+".email", CodeInvalidEmail, "Value", c.Email)
	}
	if c.Web != "" && v.text(field+".web", c.Web, MaxURL, false) && !validURL(c.Web) {
		v.add(field+".web", CodeInvalidURL, "Value", c.Web)
	}
	if c.Address != "" {
		v.text(field+".address", c.Address, MaxAddress, true)
	}
	if len(c.Hours) > MaxHours {
		v.add(field+".hours", CodeTooMany, "Max", fmt.Sprint(MaxHours))
		return
	}
	for i, h := range c.Hours {
		f := fmt.Sprintf("%s.hours[%d]", field, i)
		if v.text(f+".days", h.Days, 7, false) {
			if _, _, err := ParseDays(h.Days); err != nil {
				v.add(f+".days", CodeInvalidDays, "Value", h.Days)
			}
		}
		ok := true
		for _, t := range []struct{ name, val string }{{"from", h.From}, {"to", h.To}} {
			if v.text(f+"."+t.name, t.val, 5, false) {
				if _, err := ParseClock(t.val); err != nil {
					v.add(f+"."+t.name, CodeInvalidTime, "Value", t.val)
					ok = false
				}
			} else {
				ok = false
			}
		}
		// 08:00 till 08:00 is no opening time; around the clock is 00:00–24:00.
		if from, to := mustClock(h.From), mustClock(h.To); ok && from%(24*60) == to%(24*60) && !(from == 0 && to == 24*60) {
			v.add(f+".to", CodeSameTime, "Value", h.To)
		}
	}
}

// validEmail accepts a plain address: local part @ host name. A "?"
// would start hfields in the leaflet's mailto: link (?cc=…&body=…) and
// "%" would smuggle them in encoded, so neither is allowed, and the
// domain is host-name labels (letters, digits, hyphens) only.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if at <= 0 || !strings.Contains(domain, ".") || strings.ContainsAny(s, " \t<>()[]\\,;:\"?%") {
		return false
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// ValidLogoData tells whether s is a base64 data: URL of a PNG or JPEG,
// the only form a logo takes in a JSON order. Its content is checked by
// package logo when it is decoded.
func ValidLogoData(s string) bool {
	return strings.HasPrefix(s, "data:image/png;base64,") || strings.HasPrefix(s, "data:image/jpeg;base64,")
}

func mustClock(s string) Clock {
	c, _ := ParseClock(s)
	return c
}

// validURL accepts only absolute https URLs with a host and no user info:
// a leaflet must not send a reader to a plain-http page that can be altered
// on the way.
func validURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "" {
		return false
	}
	host := u.Hostname()
	return strings.Contains(host, ".") && !strings.ContainsAny(s, " \t\"<>\\^`{|}")
}

// Translator is the catalog's UI locale, seen from here.
type Translator interface {
	Text(id string, data map[string]any) (string, error)
}

// Message returns the problem in the translator's language: the message
// "validation.<code>" filled with the error's params.
func (e FieldError) Message(t Translator) (string, error) {
	data := map[string]any{}
	for k, v := range e.Params {
		data[k] = v
	}
	return t.Text("validation."+string(e.Code), data)
}
