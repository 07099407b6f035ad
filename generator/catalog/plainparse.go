package catalog

import (
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Every shipped message file is written in one plain form: comment lines,
// blank lines, a header ["id"] per message and under it lines
// `form = "text"`. parsePlainMessages reads that form directly, with the
// result BurntSushi/toml and go-i18n give together, many times faster:
// parsing the 30 files was about 4 % of a batch of every leaflet. Anything
// outside the form (other keys, other kinds of strings or escapes, a
// repeated header or key, a message without a form, a key before the first
// header, control characters, invalid UTF-8) makes it return false, and
// the file goes the long way, which also says what is wrong with it.

// parsePlainMessages returns the messages of a file in the plain form, in
// file order, or false.
func parsePlainMessages(data []byte) ([]*i18n.Message, bool) {
	var (
		msgs []*i18n.Message
		cur  *i18n.Message
		seen uint8 // the fields set in cur (formField's bits)
		ids  = map[string]bool{}
	)
	ok := plainLines(data, func(line, rest string) bool {
		if line[0] == '[' {
			id, ok := plainHeader(line)
			if !ok || ids[id] || isReservedKey(id) || (cur != nil && seen == 0) {
				return false
			}
			ids[id] = true
			cur, seen = &i18n.Message{ID: id}, 0
			msgs = append(msgs, cur)
			return true
		}
		key, val, ok := plainKeyValue(rest)
		if !ok || cur == nil {
			return false
		}
		field, bit := formField(cur, key)
		if field == nil || seen&bit != 0 {
			return false
		}
		seen |= bit
		*field = val
		return true
	})
	if !ok || cur != nil && seen == 0 { // an empty table is no message to go-i18n
		return nil, false
	}
	return msgs, true
}

// plainLines calls each with every line of data that is neither blank nor
// a comment, as written and with its leading blanks cut, until it returns
// false. It returns false then, and for data TOML refuses whatever its
// form: invalid UTF-8, or a control character other than tab and
// newline. The lines are pieces of one string made of data.
func plainLines(data []byte, each func(line, rest string) bool) bool {
	if !utf8.Valid(data) || hasControl(data) {
		return false
	}
	for text := string(data); len(text) > 0; {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		rest := strings.TrimLeft(line, " \t")
		if len(rest) == 0 || rest[0] == '#' {
			continue
		}
		if !each(line, rest) {
			return false
		}
	}
	return true
}

// formField returns the field of m that key sets, as go-i18n reads the
// key, and a bit of its own; nil for a key the plain form does not take.
func formField(m *i18n.Message, key string) (*string, uint8) {
	switch key {
	case "description":
		return &m.Description, 1 << 0
	case "zero":
		return &m.Zero, 1 << 1
	case "one":
		return &m.One, 1 << 2
	case "two":
		return &m.Two, 1 << 3
	case "few":
		return &m.Few, 1 << 4
	case "many":
		return &m.Many, 1 << 5
	case "other":
		return &m.Other, 1 << 6
	}
	return nil, 0
}

// hasControl reports a control character other than tab and newline,
// which TOML allows in no comment and no basic string.
func hasControl(data []byte) bool {
	for _, c := range data {
		if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			return true
		}
	}
	return false
}

// isReservedKey reports an ID go-i18n would read as a field of a message
// rather than as a message.
func isReservedKey(id string) bool {
	switch strings.ToLower(id) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
		return true
	}
	return false
}

// plainHeader returns id of a line `["id"]`, with only blanks or a comment
// after it and no escape in id.
func plainHeader(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, `["`)
	if !ok {
		return "", false
	}
	end := strings.IndexByte(rest, '"')
	if end <= 0 || strings.IndexByte(rest[:end], '\\') >= 0 {
		return "", false
	}
	after, ok := strings.CutPrefix(rest[end+1:], "]")
	if !ok || !blankOrComment(after) {
		return "", false
	}
	return rest[:end], true
}

// plainKeyValue reads `key = "text"`: blanks around the equals sign, \"
// and \\ the only escapes, and only blanks or a comment after the closing
// quote.
func plainKeyValue(line string) (string, string, bool) {
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return "", "", false
	}
	key := strings.TrimRight(line[:eq], " \t")
	rest, ok := strings.CutPrefix(strings.TrimLeft(line[eq+1:], " \t"), `"`)
	if !ok || strings.HasPrefix(rest, `""`) { // """ starts a multi-line string
		return "", "", false
	}
	var b []byte // the text unescaped, only where it has an escape
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '"':
			if !blankOrComment(rest[i+1:]) {
				return "", "", false
			}
			if b == nil {
				return key, rest[:i], true
			}
			return key, string(b), true
		case '\\':
			if i+1 == len(rest) || (rest[i+1] != '"' && rest[i+1] != '\\') {
				return "", "", false
			}
			if b == nil {
				b = append(make([]byte, 0, len(rest)), rest[:i]...)
			}
			i++
			b = append(b, rest[i])
		default:
			if b != nil {
				b = append(b, rest[i])
			}
		}
	}
	return "", "", false // no closing quote on the line
}

// blankOrComment reports whether the rest of a line holds nothing but
// blanks and perhaps a comment.
func blankOrComment(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return len(rest) == 0 || rest[0] == '#'
}
