package catalog

import (
	"io/fs"
	"slices"
	"sync"
)

// Files reads and parses each message file of a locales directory once,
// when it is first asked for, and hands the same result to every reader:
// the check (package lint), the catalog and the review. It is safe for
// concurrent use.
type Files struct {
	fsys fs.FS
	mu   sync.Mutex
	m    map[string]*parsedFile

	meta  func() (map[string]Meta, error) // locales.toml, read once
	rules *pluralRules                    // of every locale made
}

// parsedFile is one file, parsed at most once and made a Locale at most
// once. The file's bytes are not kept: every text is in msgs.
type parsedFile struct {
	once sync.Once
	msgs []written // sorted by ID, file order among equal IDs; shared with loc
	err  error     // reading or parsing

	locOnce sync.Once
	loc     *Locale
	locErr  error
}

// NewFiles returns the parse cache of the locales directory fsys.
func NewFiles(fsys fs.FS) *Files {
	return &Files{fsys: fsys, m: map[string]*parsedFile{}, rules: newPluralRules(),
		meta: sync.OnceValues(func() (map[string]Meta, error) { return loadMeta(fsys) })}
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
		msgs, err := parseMessages(file, data)
		if err != nil {
			p.err = err
			return
		}
		p.msgs = writtenSorted(msgs)
	})
	return p
}

// Parse returns file's messages as ParseFile does; the file is read and
// parsed once however often it is asked for, and each call gets Messages
// of its own.
func (f *Files) Parse(file string) ([]Message, error) {
	p := f.get(file)
	if p.err != nil {
		return nil, p.err
	}
	return messages(p.msgs), nil
}

// Locale returns file made a locale with meta, as NewLocale does, from
// the same parse as Parse. The first call's meta counts: a file has one
// meta in one directory.
func (f *Files) Locale(meta Meta, file string) (*Locale, error) {
	p := f.get(file)
	if p.err != nil {
		return nil, p.err
	}
	p.locOnce.Do(func() { p.loc, p.locErr = localeOf(meta, file, p.msgs, f.rules) })
	return p.loc, p.locErr
}

// The functions here expose, one file at a time, the steps Load takes, for
// tools that must report on every file rather than stop at the first
// failure (the translators' checks in generator/lint).

// LoadMeta reads locales.toml: every locale's metadata, keyed by tag.
func LoadMeta(fsys fs.FS) (map[string]Meta, error) { return loadMeta(fsys) }

// ParseFile parses one message file exactly as Load does and returns its
// messages in file-independent order (sorted by ID; an ID written twice
// appears twice, in file order). file names the file in errors.
func ParseFile(file string, data []byte) ([]Message, error) {
	msgs, err := parseMessages(file, data)
	if err != nil {
		return nil, err
	}
	return messages(writtenSorted(msgs)), nil
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
