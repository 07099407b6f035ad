package catalog

import (
	"cmp"
	"io/fs"
	"slices"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Files reads and parses each message file of a locales directory once,
// when it is first asked for, and hands the same result to every reader:
// the check (package lint), the catalog and the review. It is safe for
// concurrent use.
type Files struct {
	fsys fs.FS
	mu   sync.Mutex
	m    map[string]*parsedFile

	meta func() (map[string]Meta, error) // locales.toml, read once
}

// parsedFile is one file, parsed at most once and made a Locale at most
// once. The file's bytes are not kept: every text is in msgs and raw.
type parsedFile struct {
	once sync.Once
	msgs []*i18n.Message
	raw  []Message // shares its Forms maps with loc's messages
	err  error     // reading or parsing

	locOnce sync.Once
	loc     *Locale
	locErr  error
}

// NewFiles returns the parse cache of the locales directory fsys.
func NewFiles(fsys fs.FS) *Files {
	return &Files{fsys: fsys, m: map[string]*parsedFile{}, meta: sync.OnceValues(func() (map[string]Meta, error) { return loadMeta(fsys) })}
}

// Meta returns the metadata of locales.toml as LoadMeta does, read and
// parsed once for the check, the catalog and the review. The map is
// shared: do not modify it.
func (f *Files) Meta() (map[string]Meta, error) { return f.meta() }

// FS returns the locales directory.
func (f *Files) FS() fs.FS { return f.fsys }

func (f *Files) get(file string) *parsedFile {
	f.mu.Lock()
	p := f.m[file]
	if p == nil {
		p = &parsedFile{}
		f.m[file] = p
	}
	f.mu.Unlock()
	p.once.Do(func() {
		data, err := fs.ReadFile(f.fsys, file)
		if err != nil {
			p.err = err
			return
		}
		if p.msgs, p.err = parseMessages(file, data); p.err != nil {
			return
		}
		p.raw = rawMessages(p.msgs)
	})
	return p
}

// Parse returns file's messages as ParseFile does; the file is read and
// parsed once however often it is asked for. The slice is shared: do not
// modify it.
func (f *Files) Parse(file string) ([]Message, error) {
	p := f.get(file)
	return p.raw, p.err
}

// Locale returns file made a locale with meta, as NewLocale does, from
// the same parse as Parse. The first call's meta counts: a file has one
// meta in one directory.
func (f *Files) Locale(meta Meta, file string) (*Locale, error) {
	p := f.get(file)
	if p.err != nil {
		return nil, p.err
	}
	p.locOnce.Do(func() { p.loc, p.locErr = localeOf(meta, file, p.msgs, p.raw) })
	return p.loc, p.locErr
}

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
	return rawMessages(msgs), nil
}

// rawMessages returns msgs as written, sorted by ID; messages with the
// same ID keep their order in the file.
func rawMessages(msgs []*i18n.Message) []Message {
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, rawMessage(m))
	}
	slices.SortStableFunc(out, func(a, b Message) int { return cmp.Compare(a.ID, b.ID) })
	return out
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
