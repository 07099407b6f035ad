package catalog

import (
	"cmp"
	"io/fs"
	"slices"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The functions here expose, one file at a time, the steps Load takes, for
// tools that must report on every file rather than stop at the first
// failure (the translators' checks in generator/lint).

// LoadMeta reads locales.toml: every locale's metadata, keyed by tag.
func LoadMeta(fsys fs.FS) (map[string]Meta, error) { return loadMeta(fsys) }

// ParseFile parses one message file exactly as Load does and returns its
// messages in file-independent order (sorted by ID; an ID written twice
// appears twice). file names the file in errors.
func ParseFile(file string, data []byte) ([]Message, error) {
	msgs, err := parseMessages(file, data)
	if err != nil {
		return nil, err
	}
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, rawMessage(m))
	}
	slices.SortStableFunc(out, func(a, b Message) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// rawMessage keeps the forms as written; an empty form is no form, as in
// go-i18n.
func rawMessage(m *i18n.Message) Message {
	written := []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}
	forms := map[Form]string{}
	for i, f := range Forms() {
		if written[i] != "" {
			forms[f] = written[i]
		}
	}
	return Message{ID: m.ID, Description: m.Description, Forms: forms}
}

// NewLocale builds one locale from its file as Load does.
func NewLocale(meta Meta, file string, data []byte) (*Locale, error) {
	return newLocale(meta, file, data)
}

// FormsOf returns the plural forms a message has, in CLDR order.
func (m Message) FormsOf() []Form {
	return slices.DeleteFunc(Forms(), func(f Form) bool {
		_, ok := m.Forms[f]
		return !ok
	})
}
