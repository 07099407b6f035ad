package document

import (
	"strings"
	"unicode"

	"infogeneratorn/generator/vocab"
)

// Document is one leaflet: one topic in one language.
type Document struct {
	Lang         string          `json:"lang"` // BCP 47
	Dir          vocab.Direction `json:"dir"`
	Script       string          `json:"script"` // ISO 15924 of the language's text
	Font         string          `json:"font"`   // print font family of the language
	Topic        vocab.TopicID   `json:"topic"`
	Title        string          `json:"title"`
	Municipality string          `json:"municipality"`
	Paper        vocab.Paper     `json:"paper"`
	Print        bool            `json:"print"`                 // print-ready: bleed and crop marks
	LargePrint   bool            `json:"large_print,omitempty"` // body text 16 pt or more
	// Pages is the page count the leaflet is fitted to, its topic's page
	// budget (set by build); 0 sets it at the base sizes on as many pages
	// as it takes.
	Pages  int          `json:"pages,omitempty"`
	Blocks []Block      `json:"blocks"`
	Footer []FooterLine `json:"footer"`
	Logo   *Image       `json:"logo,omitempty"` // the municipality's logo, if it gave one
	Review Review       `json:"review"`
	Meta   Meta         `json:"meta"`
}

// Meta is what a renderer writes into file metadata.
type Meta struct {
	Subject   string `json:"subject"`   // the topic's one-line description
	Author    string `json:"author"`    // the municipality
	Creator   string `json:"creator"`   // "Infogeneratorn <version>"
	Generated string `json:"generated"` // date, YYYY-MM-DD
}

// Image is a raster image to print: PNG or JPEG bytes, checked and
// re-encoded before they reach a document (package logo), and their size
// in pixels. MIME tells which.
type Image struct {
	Data   []byte `json:"-"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	// Alt is the image's text alternative in the document's language
	// ("Logotyp: Falkenbergs kommun").
	Alt string `json:"alt,omitempty"`
}

// FooterLine is one line of the footer. Lang is set, with Dir, when the
// line is in another language than the document (the Swedish copy of the
// "not yet checked" notice in an Arabic leaflet).
type FooterLine struct {
	Text   Text            `json:"text"`
	Lang   string          `json:"lang,omitempty"`
	Dir    vocab.Direction `json:"dir,omitempty"`
	Strong bool            `json:"strong,omitempty"` // the unvetted notice
}

// Review says whether every message the leaflet prints was vetted.
type Review struct {
	Vetted   bool     `json:"vetted"`
	Unvetted []string `json:"unvetted,omitempty"` // message IDs printed without a valid approval
}

// BlockKind is the kind of a block.
type BlockKind string

// Block kinds.
const (
	Heading   BlockKind = "heading"   // Level 1 is the leaflet title
	Paragraph BlockKind = "paragraph" //
	List      BlockKind = "list"      // Items, a bulleted list
	Contacts  BlockKind = "contacts"  // Cards: the municipality's own contacts
	HelpLines BlockKind = "helplines" // Cards: national help lines
	Notice    BlockKind = "notice"    // an emphasised paragraph (call 112 in danger)
	QR        BlockKind = "qr"        // a QR code (QR: its modules) with its address (Text)
)

// Block is one unit of the leaflet, in reading order.
type Block struct {
	Kind  BlockKind `json:"kind"`
	Level int       `json:"level,omitempty"` // headings: 1 (title) or 2
	Text  Text      `json:"text,omitempty"`  // heading, paragraph, notice
	Items []Text    `json:"items,omitempty"` // list
	Cards []Card    `json:"cards,omitempty"` // contacts, help lines
	QR    [][]bool  `json:"qr,omitempty"`    // a QR code's modules, [y][x], dark is true, without the quiet zone
	// MessageIDs are the catalog messages this block prints (for review
	// status and proof sheets).
	MessageIDs []string `json:"message_ids,omitempty"`
}

// Card is one contact: a role label or service name, the local name, the
// ways to reach it and when.
type Card struct {
	Role    vocab.Role `json:"role,omitempty"` // empty for a national help line
	Label   Text       `json:"label"`          // "Socialtjänsten" / the help line's name
	Name    Text       `json:"name,omitempty"` // the municipality's own name for it, as given
	About   Text       `json:"about,omitempty"`
	Phones  []Text     `json:"phones,omitempty"` // the first a single Phone span; others may have words around theirs ("or 020-50 50 50")
	Email   Text       `json:"email,omitempty"`
	Web     Text       `json:"web,omitempty"`
	Address Text       `json:"address,omitempty"`
	Hours   []Text     `json:"hours,omitempty"` // one written-out line each
	Notes   []Text     `json:"notes,omitempty"` // "free of charge", "anonymous"
}

// SpanKind is what a span holds.
type SpanKind string

// Span kinds. Phone, Email and URL are left-to-right islands.
const (
	Plain SpanKind = "text"
	Phone SpanKind = "phone"
	Email SpanKind = "email"
	URL   SpanKind = "url"
)

// Span is a run of text of one kind. Href is the link target of a phone
// ("tel:+4635137000"), e-mail ("mailto:…") or URL span.
//
// Lang is set when the span's language differs from the document's: the
// Swedish term in brackets after a translated word, a name kept in
// Swedish. Tagged output marks such spans for screen readers.
type Span struct {
	Kind SpanKind `json:"kind"`
	Text string   `json:"text"`
	Href string   `json:"href,omitempty"`
	Lang string   `json:"lang,omitempty"` // BCP 47; "" for the document's language
	// Label describes a link for a screen reader, in the document's
	// language ("Ring 020-50 50 50"): a tagged PDF's link annotation
	// carries it as /Contents.
	Label string `json:"label,omitempty"`
}

// LTR reports whether the span must be shown as an isolated left-to-right
// run that is never broken across lines.
func (s Span) LTR() bool { return s.Kind == Phone || s.Kind == Email || s.Kind == URL }

// Text is a paragraph's worth of spans.
type Text []Span

// PlainText is a Text of one plain span (nil for the empty string).
func PlainText(s string) Text {
	if s == "" {
		return nil
	}
	return Text{{Kind: Plain, Text: s}}
}

// Unicode bidi isolates used to mark left-to-right islands in a string.
const (
	LRI = "\u2066" // LEFT-TO-RIGHT ISOLATE
	PDI = "\u2069" // POP DIRECTIONAL ISOLATE
)

// String returns the logical text with every left-to-right island wrapped
// in LRI … PDI: the form a bidi-aware layout engine takes.
func (t Text) String() string {
	var b strings.Builder
	for _, s := range t {
		if s.LTR() {
			b.WriteString(LRI)
			b.WriteString(s.Text)
			b.WriteString(PDI)
			continue
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// Bare returns the text without isolate marks, as a reader would copy it.
func (t Text) Bare() string {
	if len(t) == 1 {
		return t[0].Text // most texts are one span: no copy
	}
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.Text)
	}
	return b.String()
}

// GivenLang is the language a municipality writes in: its name, and the
// names and addresses of its contacts, which every leaflet prints as
// given.
const GivenLang = "sv"

// Given is a name or address as the municipality gave it, in a document
// in language lang. Outside Swedish documents it is marked Swedish
// (GivenLang), for a screen reader to read "Stationsgatan 2, Halmstad" in
// a Swedish voice, when every letter of it is Latin; a name in another
// script is left in the document's language.
func Given(s, lang string) Text {
	t := PlainText(s)
	if t != nil && !SameLanguage(lang, GivenLang) && latinWords(s) {
		t[0].Lang = GivenLang
	}
	return t
}

// SameLanguage reports whether BCP 47 tags a and b name the same
// language: the same primary subtag, whatever their script, region or
// private use ("sv" and "sv-x-lattlast").
func SameLanguage(a, b string) bool {
	prim := func(s string) string {
		s, _, _ = strings.Cut(strings.ToLower(s), "-")
		return s
	}
	return prim(a) == prim(b)
}

// latinWords reports whether s has letters and all of them are Latin.
func latinWords(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// MunicipalityName is the municipality's name as the leaflet prints it
// (see Given).
func (d *Document) MunicipalityName() Text { return Given(d.Municipality, d.Lang) }

// Lang returns the language every span of t is marked in (Span.Lang),
// or "" when t has no spans, a span in the document's language, or spans
// in different languages.
func (t Text) Lang() string {
	if len(t) == 0 {
		return ""
	}
	lang := t[0].Lang
	for _, s := range t[1:] {
		if s.Lang != lang {
			return ""
		}
	}
	return lang
}

// MIME is the image's media type by its first bytes: "image/jpeg" for a
// JPEG, else "image/png" (logos stored before JPEG was chosen for
// photographs are all PNG).
func (im *Image) MIME() string {
	if IsJPEG(im.Data) {
		return "image/jpeg"
	}
	return "image/png"
}

// IsJPEG reports whether data starts as a JPEG file does (SOI, then a
// marker).
func IsJPEG(data []byte) bool {
	return len(data) >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff
}
