package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
)

// pos is a place in a file: line and column from 1, the column counted in
// characters (runes), not bytes, because translators read Arabic, Thai and
// Ethiopic lines in editors that count characters.
type pos struct{ Line, Col int }

// source is one file's bytes with its line starts, to turn byte offsets
// into positions.
type source struct {
	data       []byte
	lineStarts []int
}

func newSource(data []byte) *source {
	s := &source{data: data, lineStarts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// at returns the position of byte offset off.
func (s *source) at(off int) pos {
	off = min(max(off, 0), len(s.data))
	line := 0
	lo, hi := 0, len(s.lineStarts)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		if s.lineStarts[mid] <= off {
			line, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	return pos{Line: line + 1, Col: utf8.RuneCount(s.data[s.lineStarts[line]:off]) + 1}
}

// lineOf returns the first byte offset of line n (from 1).
func (s *source) lineOf(n int) int {
	if n < 1 || n > len(s.lineStarts) {
		return 0
	}
	return s.lineStarts[n-1]
}

// value is one string value in the file: where its key and its text are,
// and for every byte of the decoded text the offset in the file of the
// character that wrote it (an escape sequence maps to its backslash).
type value struct {
	key     int   // offset of the key's first character
	start   int   // offset of the opening quote
	offsets []int // len(decoded)+1 entries; nil when the decoding could not be mapped
}

// offset returns the file offset of decoded byte i.
func (v *value) offset(i int) int {
	if v.offsets == nil || i < 0 {
		return v.start
	}
	if i >= len(v.offsets) {
		return v.offsets[len(v.offsets)-1]
	}
	return v.offsets[i]
}

// index maps the dotted paths of a go-i18n TOML file to positions. A path
// is the joined key, as go-i18n joins it into message IDs: the table
// header ["vald.intro"] and the key other give "vald.intro.other"; the
// nested header [vald.intro] gives the same.
type index struct {
	src    *source
	values map[string]*value
	heads  map[string]int // table header or first key of a path prefix: offset
	// ids holds, for every message ID written, the distinct raw key paths
	// that produce it, with the offset of each: two raw paths for one ID is
	// an ID written twice.
	ids map[string][]rawPath
}

type rawPath struct {
	key string // raw parts joined with U+0000, unambiguous
	off int
}

var reservedKeys = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true,
	"rightdelim": true, "zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

// newIndex indexes a file that BurntSushi/toml has already accepted. The
// go-toml parser is used only for positions; if it disagrees, the index
// is partial and callers fall back to the start of the file.
func newIndex(data []byte) *index {
	ix := &index{src: newSource(data), values: map[string]*value{}, heads: map[string]int{}, ids: map[string][]rawPath{}}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	var tableOff int
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table, tableOff = keyParts(e.Key())
			if k := e.Key(); k.Next() {
				tableOff = int(k.Node().Raw.Offset)
			}
			ix.head(table, tableOff)
		case unstable.KeyValue:
			ix.keyValue(&p, table, tableOff, e)
		}
	}
	return ix
}

func keyParts(it unstable.Iterator) ([]string, int) {
	var parts []string
	off := -1
	for it.Next() {
		n := it.Node()
		if off < 0 {
			off = int(n.Raw.Offset)
		}
		parts = append(parts, string(n.Data))
	}
	return parts, off
}

func (ix *index) head(path []string, off int) {
	j := strings.Join(path, ".")
	if _, ok := ix.heads[j]; !ok {
		ix.heads[j] = off
	}
}

func (ix *index) keyValue(p *unstable.Parser, table []string, tableOff int, e *unstable.Node) {
	parts, keyOff := keyParts(e.Key())
	path := append(append([]string(nil), table...), parts...)
	v := e.Value()
	switch v.Kind {
	case unstable.InlineTable:
		ix.head(path, keyOff)
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				ix.keyValue(p, path, keyOff, c)
			}
		}
		return
	case unstable.String:
	default:
		return
	}
	for i := len(table) + 1; i < len(path); i++ {
		ix.head(path[:i], keyOff)
	}
	val := &value{key: keyOff, start: int(v.Raw.Offset)}
	val.offsets = mapString(p.Raw(v.Raw), int(v.Raw.Offset), v.Data)
	ix.values[strings.Join(path, ".")] = val
	// The message this value belongs to: the path without its last key
	// when that key is a message field, else the whole path (the shorthand
	// "id" = "text").
	idPath := path
	if last := strings.ToLower(path[len(path)-1]); reservedKeys[last] && len(path) > 1 {
		idPath = path[:len(path)-1]
	}
	id := strings.Join(idPath, ".")
	raw := strings.Join(idPath, "\x00")
	for _, r := range ix.ids[id] {
		if r.key == raw {
			return
		}
	}
	// A message written as a table is where its header is.
	off := keyOff
	if len(idPath) == len(table) {
		off = tableOff
	}
	ix.ids[id] = append(ix.ids[id], rawPath{key: raw, off: off})
}

// field returns the value of one field of message id, as go-i18n reads
// it: id.form, or the shorthand id = "text" for other.
func (ix *index) field(id, field string) *value {
	if v := ix.values[id+"."+field]; v != nil {
		return v
	}
	if field == "other" {
		return ix.values[id]
	}
	return nil
}

// message returns the offset where message id is first written.
func (ix *index) message(id string) (int, bool) {
	if r := ix.ids[id]; len(r) > 0 {
		return r[0].off, true
	}
	if off, ok := ix.heads[id]; ok {
		return off, true
	}
	return 0, false
}

// mapString maps each byte of a decoded TOML string to the offset of the
// character in raw (a string token starting at base) that produced it.
// It returns nil if its own decoding does not reproduce want, so that a
// mistake here costs only column precision, never a wrong column.
func mapString(raw []byte, base int, want []byte) []int {
	var out []byte
	var offs []int
	emit := func(b []byte, at int) {
		out = append(out, b...)
		for range b {
			offs = append(offs, base+at)
		}
	}
	multi := len(raw) >= 6 && (strings.HasPrefix(string(raw), `"""`) || strings.HasPrefix(string(raw), `'''`))
	open := 1
	if multi {
		open = 3
	}
	if len(raw) < 2*open {
		return nil
	}
	body := raw[open : len(raw)-open]
	i := 0
	if multi {
		if strings.HasPrefix(string(body), "\n") {
			i = 1
		} else if strings.HasPrefix(string(body), "\r\n") {
			i = 2
		}
	}
	literal := raw[0] == '\''
	for i < len(body) {
		c := body[i]
		at := open + i
		if literal || c != '\\' {
			emit([]byte{c}, at)
			i++
			continue
		}
		if i+1 >= len(body) {
			return nil
		}
		switch e := body[i+1]; e {
		case 'b', 't', 'n', 'f', 'r', '"', '\\', 'e':
			emit([]byte{map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', '"': '"', '\\': '\\', 'e': 0x1b}[e]}, at)
			i += 2
		case 'u', 'U', 'x':
			n := map[byte]int{'u': 4, 'U': 8, 'x': 2}[e]
			if i+2+n > len(body) {
				return nil
			}
			var r rune
			for _, h := range body[i+2 : i+2+n] {
				d := strings.IndexByte("0123456789abcdef", h|0x20)
				if d < 0 {
					return nil
				}
				r = r<<4 | rune(d)
			}
			emit(utf8.AppendRune(nil, r), at)
			i += 2 + n
		default:
			// A line-ending backslash in a multi-line string: it and all
			// whitespace and newlines after it vanish.
			if !multi {
				return nil
			}
			j := i + 1
			for j < len(body) && strings.IndexByte(" \t\r\n", body[j]) >= 0 {
				j++
			}
			i = j
		}
	}
	if string(out) != string(want) {
		return nil
	}
	return append(offs, base+open+len(body))
}
