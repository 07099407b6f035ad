package exchange

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// messageFields are the keys of a go-i18n message table; any other key
// is a message of its own (the shorthand "id" = "text").
var messageFields = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true,
	"rightdelim": true, "zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

// span is a byte range of a file.
type span struct{ start, end int }

// tomlFile is a go-i18n TOML file as bytes, with where each message and
// each of its string values is written, so that values can be replaced
// in place: every other byte (comments, blank lines, order, the other
// values' quoting) stays as it is.
type tomlFile struct {
	data   []byte
	order  []string        // message IDs in the order first written
	values map[string]span // id + "\x00" + field -> the value's raw bytes, quotes included
	ends   map[string]int  // id -> the offset after the line of its last value
}

func parseTOML(data []byte) (*tomlFile, error) {
	f := &tomlFile{data: data, values: map[string]span{}, ends: map[string]int{}}
	seen := map[string]bool{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(e.Key())
		case unstable.KeyValue:
			path := append(append([]string(nil), table...), keyParts(e.Key())...)
			v := e.Value()
			if v.Kind != unstable.String || len(path) == 0 {
				continue
			}
			id, field := strings.Join(path, "."), "other"
			if last := strings.ToLower(path[len(path)-1]); messageFields[last] && len(path) > 1 {
				id, field = strings.Join(path[:len(path)-1], "."), last
			}
			if !seen[id] {
				seen[id] = true
				f.order = append(f.order, id)
			}
			start := int(v.Raw.Offset)
			end := start + int(v.Raw.Length)
			f.values[id+"\x00"+field] = span{start, end}
			lineEnd := len(data)
			if i := strings.IndexByte(string(data[end:]), '\n'); i >= 0 {
				lineEnd = end + i + 1
			}
			f.ends[id] = max(f.ends[id], lineEnd)
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	return f, nil
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// edit is one value to write: message id, plural form, the new text, and
// the description a message new to the file is written with.
type edit struct {
	id, form, text, description string
}

// apply returns the file with the edits made: a value that exists is
// replaced where it stands; a form a message lacks goes after the
// message's last value; a message the file lacks is appended at the end
// as a table. Edits of values that already hold the text change nothing.
func (f *tomlFile) apply(edits []edit) []byte {
	type splice struct {
		at, end int
		text    string
		order   int
	}
	var splices []splice
	var appended strings.Builder
	newMessages := map[string]*strings.Builder{}
	var newOrder []string
	for i, e := range edits {
		if sp, ok := f.values[e.id+"\x00"+e.form]; ok {
			splices = append(splices, splice{sp.start, sp.end, tomlString(e.text), i})
			continue
		}
		if end, ok := f.ends[e.id]; ok {
			splices = append(splices, splice{end, end, fmt.Sprintf("%s = %s\n", e.form, tomlString(e.text)), i})
			continue
		}
		b := newMessages[e.id]
		if b == nil {
			b = &strings.Builder{}
			newMessages[e.id] = b
			newOrder = append(newOrder, e.id)
			fmt.Fprintf(b, "\n[%s]\n", tomlString(e.id))
			if e.description != "" {
				fmt.Fprintf(b, "description = %s\n", tomlString(e.description))
			}
		}
		fmt.Fprintf(b, "%s = %s\n", e.form, tomlString(e.text))
	}
	for _, id := range newOrder {
		appended.WriteString(newMessages[id].String())
	}
	// Splices are made from the end so that earlier offsets stay valid;
	// of insertions at one offset the later edit goes in first, so that
	// the file keeps the edits' order.
	slices.SortFunc(splices, func(a, b splice) int {
		if c := cmp.Compare(b.at, a.at); c != 0 {
			return c
		}
		return cmp.Compare(b.order, a.order)
	})
	out := append([]byte(nil), f.data...)
	for _, s := range splices {
		out = append(out[:s.at], append([]byte(s.text), out[s.end:]...)...)
	}
	if appended.Len() > 0 {
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		out = append(out, appended.String()...)
	}
	return out
}

// tomlString writes s as a TOML basic string: quotes, backslashes and
// control characters escaped, everything else as it is.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
