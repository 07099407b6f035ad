package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// Logo is the municipality's logo as PNG, already decoded, bounded and
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
// refuse larger input before decoding it.
const MaxBodyBytes = 256 << 10

// SyntaxError is a request that is not well-formed JSON of this schema.
// Line and Column are 1-based positions in the input, when known.
type SyntaxError struct {
	Line, Column int
	Field        string // set for a wrong type or unknown field
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
var ErrTooLarge = errors.New("request is larger than 256 KiB")

// Parse decodes one request. Unknown fields and trailing data are errors,
// so that a misspelled key ("langauges") is not silently ignored.
func Parse(r io.Reader) (*Request, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBodyBytes {
		return nil, ErrTooLarge
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
	return &req, nil
}

func syntaxError(data []byte, dec *json.Decoder, err error) error {
	se := &SyntaxError{Err: err}
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
		if i := bytes.Index(data, []byte(`"`+se.Field+`"`)); i >= 0 {
			offset = int64(i)
		}
	default:
		for offset < int64(len(data)) && strings.ContainsRune(" \t\r\n", rune(data[offset])) {
			offset++
		}
	}
	offset = max(0, min(offset, int64(len(data))))
	se.Line = 1 + bytes.Count(data[:offset], []byte("\n"))
	se.Column = 1 + int(offset) - (bytes.LastIndexByte(data[:offset], '\n') + 1)
	return se
}
