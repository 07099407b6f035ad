package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// A small reader of the PDF files this package writes, for the tests'
// PDF/UA check: objects (uncompressed, streams Flate or plain), the
// trailer, content streams as operators and operands, and ToUnicode maps.
// It is no general PDF parser: no object streams, no cross-reference
// streams, no encryption.

type (
	pName   string
	pString []byte
	pRef    int
	pDict   map[string]any
	pStream struct {
		Dict pDict
		Data []byte
	}
)

type pFile struct {
	objs    map[int]any
	trailer pDict
}

var objHead = regexp.MustCompile(`(?m)^(\d+) 0 obj\s`)

func parsePDF(data []byte) (*pFile, error) {
	f := &pFile{objs: map[int]any{}}
	for _, m := range objHead.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		lx := &lexer{b: data, i: m[1]}
		v, err := lx.value()
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", n, err)
		}
		lx.space()
		if d, ok := v.(pDict); ok && bytes.HasPrefix(data[lx.i:], []byte("stream")) {
			start := lx.i + len("stream")
			if data[start] == '\r' {
				start++
			}
			start++
			length, ok := d["Length"].(float64)
			if !ok || start+int(length) > len(data) {
				return nil, fmt.Errorf("object %d: stream without a direct /Length", n)
			}
			raw := data[start : start+int(length)]
			if d["Filter"] == pName("FlateDecode") {
				r, err := zlib.NewReader(bytes.NewReader(raw))
				if err != nil {
					return nil, fmt.Errorf("object %d: %w", n, err)
				}
				if raw, err = io.ReadAll(r); err != nil {
					return nil, fmt.Errorf("object %d: %w", n, err)
				}
			}
			v = &pStream{Dict: d, Data: raw}
		}
		f.objs[n] = v
	}
	i := bytes.LastIndex(data, []byte("trailer"))
	if i < 0 {
		return nil, fmt.Errorf("no trailer")
	}
	lx := &lexer{b: data, i: i + len("trailer")}
	v, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	f.trailer, _ = v.(pDict)
	return f, nil
}

// get resolves references.
func (f *pFile) get(v any) any {
	for range 32 {
		r, ok := v.(pRef)
		if !ok {
			return v
		}
		v = f.objs[int(r)]
	}
	return nil
}

func (f *pFile) dict(v any) pDict {
	switch x := f.get(v).(type) {
	case pDict:
		return x
	case *pStream:
		return x.Dict
	}
	return nil
}

func (f *pFile) array(v any) []any { a, _ := f.get(v).([]any); return a }

// lexer reads PDF objects and content stream tokens.
type lexer struct {
	b []byte
	i int
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }
func isWhite(c byte) bool { return strings.IndexByte(" \t\r\n\f\x00", c) >= 0 }

func (l *lexer) space() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isWhite(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// keyword is an operator or a bare word; returned by token for operators.
type keyword string

// token reads one token: a value, or a keyword (content operators,
// "R", "]" , ">>").
func (l *lexer) token() (any, error) {
	l.space()
	if l.i >= len(l.b) {
		return nil, io.EOF
	}
	c := l.b[l.i]
	switch {
	case c == '/':
		j := l.i + 1
		for j < len(l.b) && !isWhite(l.b[j]) && !isDelim(l.b[j]) {
			j++
		}
		n := string(l.b[l.i+1 : j])
		l.i = j
		return pName(unescapeName(n)), nil
	case c == '(':
		return l.literal()
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		l.i += 2
		return keyword("<<"), nil
	case c == '>' && l.i+1 < len(l.b) && l.b[l.i+1] == '>':
		l.i += 2
		return keyword(">>"), nil
	case c == '<':
		j := bytes.IndexByte(l.b[l.i:], '>')
		if j < 0 {
			return nil, fmt.Errorf("unterminated hex string")
		}
		h := strings.Map(func(r rune) rune {
			if isWhite(byte(r)) {
				return -1
			}
			return r
		}, string(l.b[l.i+1:l.i+j]))
		if len(h)%2 == 1 {
			h += "0"
		}
		l.i += j + 1
		s, err := hex.DecodeString(h)
		return pString(s), err
	case c == '[' || c == ']' || c == '{' || c == '}':
		l.i++
		return keyword(string(c)), nil
	}
	j := l.i
	for j < len(l.b) && !isWhite(l.b[j]) && !isDelim(l.b[j]) {
		j++
	}
	if j == l.i {
		return nil, fmt.Errorf("unexpected %q at %d", c, l.i)
	}
	w := string(l.b[l.i:j])
	l.i = j
	if v, err := strconv.ParseFloat(w, 64); err == nil {
		return v, nil
	}
	switch w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return keyword(w), nil
}

func unescapeName(n string) string {
	if !strings.Contains(n, "#") {
		return n
	}
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			if v, err := strconv.ParseUint(n[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(n[i])
	}
	return b.String()
}

func (l *lexer) literal() (any, error) {
	var out []byte
	depth := 0
	for l.i++; l.i < len(l.b); l.i++ {
		c := l.b[l.i]
		switch c {
		case '\\':
			l.i++
			if l.i >= len(l.b) {
				break
			}
			e := l.b[l.i]
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\n', '\r':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
						v = v*8 + int(l.b[l.i]-'0')
						l.i++
					}
					l.i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			if depth == 0 {
				l.i++
				return pString(out), nil
			}
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil, fmt.Errorf("unterminated string")
}

// value reads one object, references resolved to pRef.
func (l *lexer) value() (any, error) {
	t, err := l.token()
	if err != nil {
		return nil, err
	}
	switch t {
	case keyword("<<"):
		d := pDict{}
		for {
			k, err := l.token()
			if err != nil {
				return nil, err
			}
			if k == keyword(">>") {
				return d, nil
			}
			name, ok := k.(pName)
			if !ok {
				return nil, fmt.Errorf("dictionary key %v", k)
			}
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			d[string(name)] = v
		}
	case keyword("["):
		var a []any
		for {
			save := l.i
			k, err := l.token()
			if err != nil {
				return nil, err
			}
			if k == keyword("]") {
				return a, nil
			}
			l.i = save
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	}
	if n, ok := t.(float64); ok {
		// "n 0 R"
		save := l.i
		if g, err := l.token(); err == nil {
			if _, ok := g.(float64); ok {
				if r, err := l.token(); err == nil && r == keyword("R") {
					return pRef(int(n)), nil
				}
			}
		}
		l.i = save
	}
	return t, nil
}

// op is one content stream operator with its operands.
type op struct {
	name string
	args []any
}

func parseContent(data []byte) ([]op, error) {
	l := &lexer{b: data}
	var out []op
	var args []any
	for {
		save := l.i
		t, err := l.token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if k, ok := t.(keyword); ok && k != "<<" && k != "[" {
			out = append(out, op{name: string(k), args: args})
			args = nil
			continue
		}
		l.i = save
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
}

// toUnicode reads a ToUnicode CMap: code (2 bytes) → text.
func toUnicode(data []byte) map[uint16]string {
	m := map[uint16]string{}
	ops, err := parseContent(data)
	if err != nil {
		return m
	}
	dec := func(s pString) string {
		var u []uint16
		for i := 0; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	code := func(s pString) uint16 {
		if len(s) < 2 {
			return uint16(s[0])
		}
		return uint16(s[0])<<8 | uint16(s[1])
	}
	for _, o := range ops {
		switch o.name {
		case "endbfchar":
			for i := 0; i+1 < len(o.args); i += 2 {
				src, _ := o.args[i].(pString)
				dst, _ := o.args[i+1].(pString)
				if len(src) > 0 {
					m[code(src)] = dec(dst)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(o.args); i += 3 {
				lo, _ := o.args[i].(pString)
				hi, _ := o.args[i+1].(pString)
				if len(lo) == 0 || len(hi) == 0 {
					continue
				}
				switch dst := o.args[i+2].(type) {
				case pString:
					base := []rune(dec(dst))
					for c := code(lo); c <= code(hi) && c >= code(lo); c++ {
						r := append([]rune{}, base...)
						if len(r) > 0 {
							r[len(r)-1] += rune(c - code(lo))
						}
						m[c] = string(r)
					}
				case []any:
					for k, d := range dst {
						s, _ := d.(pString)
						m[code(lo)+uint16(k)] = dec(s)
					}
				}
			}
		}
	}
	return m
}

// textOf decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding
// taken as Latin-1).
func textOf(v any) string {
	s, ok := v.(pString)
	if !ok {
		return ""
	}
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		var u []uint16
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i, c := range s {
		r[i] = rune(c)
	}
	return string(r)
}
