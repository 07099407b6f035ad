package catalog

import (
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"infogeneratorn/generator/vocab"
)

// Meta describes one locale: how to name it and how to print it.
type Meta struct {
	Tag          language.Tag    `toml:"-"`
	NameSwedish  string          `toml:"name_sv"` // "arabiska"
	NameNative   string          `toml:"native"`  // "العربية"
	Script       string          `toml:"script"`  // ISO 15924: Latn, Arab, Hebr, Ethi, Thai, Cyrl
	Direction    vocab.Direction `toml:"direction"`
	Font         string          `toml:"font"`          // print font family, e.g. "NotoNaskhArabic"
	PluralRules  string          `toml:"plural_rules"`  // donor language for plural rules, only where CLDR has none
	PluralReason string          `toml:"plural_reason"` // why that donor
	Sample       string          `toml:"sample"`        // a short script sample for the form
	Source       bool            `toml:"source"`        // the source language (Swedish)
	Note         string          `toml:"note"`          // for translators, e.g. how BCS is handled
}

type metaFile struct {
	Locale map[string]Meta `toml:"locale"`
}

func loadMeta(fsys fs.FS) (map[string]Meta, error) {
	data, err := fs.ReadFile(fsys, "locales.toml")
	if err != nil {
		return nil, err
	}
	var f metaFile
	if _, err := toml.Decode(string(data), &f); err != nil {
		return nil, fmt.Errorf("locales.toml: %w", err)
	}
	out := map[string]Meta{}
	for key, m := range f.Locale {
		tag, err := language.Parse(key)
		if err != nil {
			return nil, fmt.Errorf("locales.toml: [locale.%s]: %w", key, err)
		}
		if tag.String() != key {
			return nil, fmt.Errorf("locales.toml: [locale.%s]: write the tag in canonical form %q", key, tag)
		}
		if m.Direction != vocab.LTR && m.Direction != vocab.RTL {
			return nil, fmt.Errorf("locales.toml: [locale.%s]: direction %q: want ltr or rtl", key, m.Direction)
		}
		if m.NameSwedish == "" || m.NameNative == "" || m.Script == "" || m.Font == "" {
			return nil, fmt.Errorf("locales.toml: [locale.%s]: name_sv, native, script and font are required", key)
		}
		m.Tag = tag
		out[key] = m
	}
	return out, nil
}
