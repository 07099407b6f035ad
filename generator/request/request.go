package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Request is one order for leaflets.
type Request struct {
	Municipality Municipality `json:"municipality"`
	Topics       []string     `json:"topics"`
	Languages    []string     `json:"languages"`
	Paper        string       `json:"paper,omitempty"`
	Formats      []string     `json:"formats,omitempty"`
	Print        bool         `json:"print,omitempty"`
	Contacts     []Contact    `json:"contacts,omitempty"`
	// QR asks for a QR code on the leaflets: to QRURL when given, else to
	// the leaflet's own page under LeafletPages when set, else to the
	// municipality's page (its first contact's web address).
	QR    bool   `json:"qr,omitempty"`
	QRURL string `json:"qr_url,omitempty"`
	// LeafletPages is the address under which a saved order's leaflets
	// are served as HTML ("https://host/l/{capability}"), set by the
	// server that saved it, never read from JSON. With QR and no QRURL,
	// each leaflet's code leads to its own page there,
	// LeafletPages/{topic}/{lang}, instead of the municipality's page.
	LeafletPages string `json:"-"`
	// LogoData is the logo as sent in JSON: a data: URL of a PNG or JPEG
	// ("data:image/png;base64,…"). The caller decodes, bounds and
	// re-encodes it into Logo (package logo); it never reaches a leaflet.
	LogoData string `json:"logo,omitempty"`
	// LargePrint sets the leaflets in large print: body text 16 pt or
	// more, with the large-print page budgets.
	LargePrint bool `json:"large_print,omitempty"`
	// Logo is the municipality's logo as PNG or JPEG, already decoded, bounded and
	// re-encoded by the caller (the web form); never the file as uploaded.
	Logo []byte `json:"-"`
}

// Municipality names who issues the leaflet: a code from SCB's list, a free
// name, or both (the name then overrides the list's for printing).
type Municipality struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name,omitempty"`
}

// Contact is one of the municipality's own contacts, printed as given.
type Contact struct {
	Role    string  `json:"role"`
	Name    string  `json:"name"`
	Phone   string  `json:"phone,omitempty"`
	Email   string  `json:"email,omitempty"`
	Web     string  `json:"web,omitempty"`
	Address string  `json:"address,omitempty"`
	Hours   []Hours `json:"hours,omitempty"`
}

// Hours is one opening-hours line: a day or range of days ("mon",
// "mon-fri") and a time range in 24-hour "HH:MM". A "to" earlier than
// "from" runs past midnight (a social emergency service 16:30–08:00).
type Hours struct {
	Days string `json:"days"`
	From string `json:"from"`
	To   string `json:"to"`
}

// MaxBodyBytes bounds a request's JSON; the web server and the CLI both
// refuse larger input before decoding it. It leaves room for a logo of
// MaxLogoBytes as base64 beside a full order.
const MaxBodyBytes = 3 << 20

// MaxLogoBytes bounds a logo file as sent, before base64.
const MaxLogoBytes = 2 << 20

// SyntaxError is a request that is not well-formed JSON of this schema.
// Line and Column are 1-based positions in the input, when known.
type SyntaxError struct {
	Line, Column int
	Field        string // set for a wrong type, an unknown or a duplicate key
	Code         Code   // CodeInvalidJSON, CodeUnknownField or CodeDuplicateKey
	Err          error
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
	}
	return e.Err.Error()
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// ErrTooLarge is returned by Parse for input over MaxBodyBytes.
var ErrTooLarge = errors.New("request is larger than 3 MiB")

// Parse decodes one request. Unknown keys, keys in another case
// ("Languages"), duplicate keys and trailing data are errors, so that a
// misspelled key ("langauges") is not silently ignored and no key means
// two things. Language tags are brought to BCP 47 case ("SV" → "sv",
// "sr-latn" → "sr-Latn"), so that Validate sees "sv" and "SV" as the
// same language.
func Parse(r io.Reader) (*Request, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBodyBytes {
		return nil, ErrTooLarge
	}
	switch err := checkKeys(data, reflect.TypeFor[Request]()); e := err.(type) {
	case nil:
	case *keyError:
		se := &SyntaxError{Field: e.path, Code: e.code, Err: e}
		se.Line, se.Column = position(data, e.offset)
		return nil, se
	default:
		return nil, &SyntaxError{Code: CodeInvalidJSON, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		return nil, syntaxError(data, dec, err)
	}
	if dec.More() {
		return nil, syntaxError(data, dec, errors.New("unexpected data after the request object"))
	}
	for i, l := range req.Languages {
		req.Languages[i] = CanonicalTag(l)
	}
	return &req, nil
}

func syntaxError(data []byte, dec *json.Decoder, err error) error {
	se := &SyntaxError{Code: CodeInvalidJSON, Err: err}
	if errors.Is(err, io.EOF) {
		se.Err = errors.New("empty request")
		return se
	}
	// offset is where the problem starts: the offending character, the
	// last character of a value of the wrong type, the unknown key.
	offset := dec.InputOffset()
	var jse *json.SyntaxError
	var jte *json.UnmarshalTypeError
	switch {
	case errors.As(err, &jse):
		offset = jse.Offset - 1
	case errors.As(err, &jte):
		offset = jte.Offset - 1
		se.Field = jte.Field
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		se.Field = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		se.Code = CodeUnknownField
		if i := bytes.Index(data, []byte(`"`+se.Field+`"`)); i >= 0 {
			offset = int64(i)
		}
	default:
		for offset < int64(len(data)) && strings.ContainsRune(" \t\r\n", rune(data[offset])) {
			offset++
		}
	}
	se.Line, se.Column = position(data, offset)
	return se
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	col = 1 + int(offset) - (bytes.LastIndexByte(data[:offset], '\n') + 1)
	return line, col
}

// CanonicalTag writes a language tag in BCP 47's conventional case: the
// language lower case, a script in title case, a region upper case, and
// everything after a singleton ("x-…") lower case. It changes nothing
// but case, and leaves a malformed tag for Validate to refuse.
func CanonicalTag(tag string) string {
	parts := strings.Split(tag, "-")
	singleton := false
	for i, p := range parts {
		low := strings.ToLower(p)
		switch {
		case i == 0 || singleton:
			parts[i] = low
		case len(p) == 1:
			parts[i], singleton = low, true
		case len(p) == 2 && isASCIILetters(p):
			parts[i] = strings.ToUpper(p)
		case len(p) == 4 && isASCIILetters(p):
			parts[i] = strings.ToUpper(low[:1]) + low[1:]
		default:
			parts[i] = low
		}
	}
	return strings.Join(parts, "-")
}

func isASCIILetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}
