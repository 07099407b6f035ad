package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// SourceTag is the language every text is written in first.
const SourceTag = "sv"

// Catalog is the read-only set of all locales. Build it once at start-up
// and share it; it is safe for concurrent use.
type Catalog struct {
	locales map[string]*Locale
	order   []string // locale tags, source first, then by Swedish name
	ui      map[string]*Locale
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

// Load reads every locale from fsys (see the package doc for the layout).
func Load(fsys fs.FS) (*Catalog, error) {
	metas, err := loadMeta(fsys)
	if err != nil {
		return nil, err
	}
	c := &Catalog{locales: map[string]*Locale{}, ui: map[string]*Locale{}}
	var errs []error
	if err := loadDir(fsys, ".", metas, c.locales, true); err != nil {
		errs = append(errs, err)
	}
	if err := loadDir(fsys, "ui", metas, c.ui, false); err != nil {
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

func loadDir(fsys fs.FS, dir string, metas map[string]Meta, into map[string]*Locale, needMeta bool) error {
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
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		loc, err := newLocale(meta, file, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		into[key] = loc
	}
	return errors.Join(errs...)
}

// Tags returns every locale's tag: the source first, then in Swedish
// alphabetical order of the Swedish names.
func (c *Catalog) Tags() []string { return slices.Clone(c.order) }

// Locale returns the leaflet locale for a tag such as "ar" or "fa-AF".
func (c *Catalog) Locale(tag string) (*Locale, error) {
	if l := c.locales[tag]; l != nil {
		return l, nil
	}
	if t, err := language.Parse(tag); err == nil {
		if l := c.locales[t.String()]; l != nil {
			return l, nil
		}
	}
	return nil, &UnknownLocaleError{Lang: tag}
}

// Source returns the Swedish source locale.
func (c *Catalog) Source() *Locale { return c.locales[SourceTag] }

// Has reports whether tag names a leaflet locale.
func (c *Catalog) Has(tag string) bool {
	_, err := c.Locale(tag)
	return err == nil
}

// UI returns the interface strings for a tag ("sv" or "en"). The web form
// picks the tag by matching Accept-Language against UITags.
func (c *Catalog) UI(tag string) (*Locale, error) {
	if l := c.ui[tag]; l != nil {
		return l, nil
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

func parseMessages(file string, data []byte) ([]*i18n.Message, error) {
	mf, err := i18n.ParseMessageFileBytes(data, file, map[string]i18n.UnmarshalFunc{"toml": unmarshalTOML})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return mf.Messages, nil
}
