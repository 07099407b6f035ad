package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// SourceTag is the language every text is written in first.
const SourceTag = "sv"

// Catalog is the read-only set of all locales. Build it once at start-up
// and share it; it is safe for concurrent use. A catalog from Open parses
// each locale's file when it is first asked for; one from Load has parsed
// them all.
type Catalog struct {
	files   *Files
	locales map[string]*entry
	order   []string // locale tags, source first, then by Swedish name
	ui      map[string]*entry
}

// entry is one locale of the catalog, built from its file on first use.
type entry struct {
	meta Meta
	file string
	once sync.Once
	loc  *Locale
	err  error
}

func (e *entry) get(files *Files) (*Locale, error) {
	e.once.Do(func() { e.loc, e.err = files.Locale(e.meta, e.file) })
	return e.loc, e.err
}

// MissingMessageError is a message a locale does not have.
type MissingMessageError struct {
	Lang string
	ID   string
}

func (e *MissingMessageError) Error() string {
	return fmt.Sprintf("message %q is missing in locale %q", e.ID, e.Lang)
}

// TemplateError is a message whose template failed: a placeholder that
// the data does not have, or a template that does not parse.
type TemplateError struct {
	Lang string
	ID   string
	Err  error
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("message %q in locale %q: %v", e.ID, e.Lang, e.Err)
}

func (e *TemplateError) Unwrap() error { return e.Err }

// UnknownLocaleError is a language the catalog has no locale for.
type UnknownLocaleError struct{ Lang string }

func (e *UnknownLocaleError) Error() string { return fmt.Sprintf("no locale %q", e.Lang) }

// Load reads every locale from fsys (see the package doc for the layout)
// and parses every file: any file the catalog refuses is an error.
func Load(fsys fs.FS) (*Catalog, error) {
	c, err := Open(NewFiles(fsys))
	if err != nil {
		return nil, err
	}
	if err := c.LoadAll(); err != nil {
		return nil, err
	}
	return c, nil
}

// Open lists the locales of files without parsing their messages: each
// locale is parsed when it is first asked for, through files, so that a
// run that needs only some languages reads only theirs. It fails on what
// the listing shows (a file without metadata, no source locale); a file
// that does not parse is an error of Locale or UI, or of LoadAll. Use it
// for a set already known to pass the check (package review's seal), or
// share files with the check so that both read each file once.
func Open(files *Files) (*Catalog, error) {
	fsys := files.fsys
	metas, err := files.Meta()
	if err != nil {
		return nil, err
	}
	c := &Catalog{files: files, locales: map[string]*entry{}, ui: map[string]*entry{}}
	var errs []error
	if err := listDir(fsys, ".", metas, c.locales, true); err != nil {
		errs = append(errs, err)
	}
	if err := listDir(fsys, "ui", metas, c.ui, false); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	src := c.locales[SourceTag]
	if src == nil || !src.meta.Source {
		return nil, fmt.Errorf("the source locale %s.toml is missing or not marked source = true", SourceTag)
	}
	for key := range c.locales {
		c.order = append(c.order, key)
	}
	slices.SortFunc(c.order, func(a, b string) int {
		ma, mb := c.locales[a].meta, c.locales[b].meta
		switch {
		case ma.Source != mb.Source:
			if ma.Source {
				return -1
			}
			return 1
		}
		return strings.Compare(ma.NameSwedish, mb.NameSwedish)
	})
	return c, nil
}

// LoadAll parses every locale not parsed yet and returns every file's
// error.
func (c *Catalog) LoadAll() error {
	var errs []error
	for _, m := range []map[string]*entry{c.locales, c.ui} {
		for _, key := range slices.Sorted(maps.Keys(m)) {
			if _, err := m[key].get(c.files); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func listDir(fsys fs.FS, dir string, metas map[string]Meta, into map[string]*entry, needMeta bool) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".toml" || name == "locales.toml" {
			continue
		}
		key := strings.TrimSuffix(name, ".toml")
		file := path.Join(dir, name)
		meta, ok := metas[key]
		if !ok {
			if needMeta {
				errs = append(errs, fmt.Errorf("%s: locale %q has no entry in locales.toml", file, key))
				continue
			}
			tag, err := language.Parse(key)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", file, err))
				continue
			}
			meta = Meta{Tag: tag}
		}
		into[key] = &entry{meta: meta, file: file}
	}
	return errors.Join(errs...)
}

// Tags returns every locale's tag: the source first, then in Swedish
// alphabetical order of the Swedish names.
func (c *Catalog) Tags() []string { return slices.Clone(c.order) }

// Locale returns the leaflet locale for a tag such as "ar" or "fa-AF".
func (c *Catalog) Locale(tag string) (*Locale, error) {
	if e := c.entry(tag); e != nil {
		return e.get(c.files)
	}
	return nil, &UnknownLocaleError{Lang: tag}
}

// Meta returns the metadata of the leaflet locale tag, found as Locale
// finds it, without reading its file.
func (c *Catalog) Meta(tag string) (Meta, bool) {
	if e := c.entry(tag); e != nil {
		return e.meta, true
	}
	return Meta{}, false
}

func (c *Catalog) entry(tag string) *entry {
	if e := c.locales[tag]; e != nil {
		return e
	}
	if t, err := language.Parse(tag); err == nil {
		return c.locales[t.String()]
	}
	return nil
}

// Source returns the Swedish source locale; nil only if its file does not
// parse, which Load and the check refuse.
func (c *Catalog) Source() *Locale {
	l, _ := c.locales[SourceTag].get(c.files)
	return l
}

// Has reports whether tag names a leaflet locale. It parses nothing.
func (c *Catalog) Has(tag string) bool { return c.entry(tag) != nil }

// UI returns the interface strings for a tag ("sv" or "en"). The web form
// picks the tag by matching Accept-Language against UITags.
func (c *Catalog) UI(tag string) (*Locale, error) {
	if e := c.ui[tag]; e != nil {
		return e.get(c.files)
	}
	return nil, &UnknownLocaleError{Lang: tag}
}

// UITags returns the UI languages, Swedish first.
func (c *Catalog) UITags() []string {
	tags := make([]string, 0, len(c.ui))
	for k := range c.ui {
		tags = append(tags, k)
	}
	slices.SortFunc(tags, func(a, b string) int {
		if a == SourceTag {
			return -1
		}
		if b == SourceTag {
			return 1
		}
		return strings.Compare(a, b)
	})
	return tags
}

func unmarshalTOML(data []byte, v any) error { return toml.Unmarshal(data, v) }

// newParser runs templates with missingkey=error: a placeholder that the
// data does not have is an error, never "<no value>".
func newParser() template.Parser { return &template.TextParser{Option: "missingkey=error"} }

// parseMessages parses a message file as go-i18n does with the TOML
// unmarshaller, through parsePlainMessages where the file is in the plain
// form (go-i18n picks the unmarshaller by the file's extension).
func parseMessages(file string, data []byte) ([]*i18n.Message, error) {
	if path.Ext(file) == ".toml" {
		if msgs, ok := parsePlainMessages(data); ok {
			return msgs, nil
		}
	}
	mf, err := i18n.ParseMessageFileBytes(data, file, map[string]i18n.UnmarshalFunc{"toml": unmarshalTOML})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return mf.Messages, nil
}
