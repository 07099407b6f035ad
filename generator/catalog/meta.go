package catalog

import (
	"fmt"
	"io/fs"
	"strings"

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
	f, ok := parsePlainMeta(data)
	if !ok {
		if _, err := toml.Decode(string(data), &f); err != nil {
			return nil, fmt.Errorf("locales.toml: %w", err)
		}
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

// parsePlainMeta reads locales.toml in the plain form it is written in:
// comment and blank lines, a header [locale.TAG] for each locale (TAG of
// letters, digits, hyphens and underscores), and under it lines
// `key = "text"` of Meta's keys, source = true or false. It gives what
// toml.Decode gives, without reflection: decoding the file that way was
// 1.3 ms of CPU at every start, 15 % of what making the app takes.
// Anything else (another key or kind of value, an escape other than \"
// and \\, a repeated header or key, a key before the first header,
// control characters, invalid UTF-8) returns false, and the file goes
// through toml.Decode, which also says what is wrong with it.
func parsePlainMeta(data []byte) (metaFile, bool) {
	locs := map[string]*Meta{}
	var cur *Meta
	var seen uint16 // the keys set in cur, by plainMetaField's bits
	ok := plainLines(data, func(_, rest string) bool {
		if rest[0] == '[' {
			tag, ok := plainMetaHeader(rest)
			if !ok || locs[tag] != nil {
				return false
			}
			cur, seen = new(Meta), 0
			locs[tag] = cur
			return true
		}
		if cur == nil {
			return false
		}
		bit, ok := plainMetaField(cur, rest)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		return true
	})
	if !ok {
		return metaFile{}, false
	}
	f := metaFile{Locale: make(map[string]Meta, len(locs))}
	for tag, m := range locs {
		f.Locale[tag] = *m
	}
	return f, true
}

// plainMetaHeader returns TAG of a line `[locale.TAG]`, with only blanks
// or a comment after it.
func plainMetaHeader(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "[locale.")
	if !ok {
		return "", false
	}
	end := strings.IndexByte(rest, ']')
	if end <= 0 || !blankOrComment(rest[end+1:]) {
		return "", false
	}
	tag := rest[:end]
	for _, c := range []byte(tag) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", false
		}
	}
	return tag, true
}

// plainMetaField sets the field of m that line sets, and returns a bit of
// the field's own; false for a line the plain form does not take.
func plainMetaField(m *Meta, line string) (uint16, bool) {
	texts := [...]struct {
		key   string
		field *string
	}{{"name_sv", &m.NameSwedish}, {"native", &m.NameNative}, {"script", &m.Script}, {"font", &m.Font},
		{"plural_rules", &m.PluralRules}, {"plural_reason", &m.PluralReason}, {"sample", &m.Sample}, {"note", &m.Note}}
	const direction, source = 1 << len(texts), 1 << (len(texts) + 1)
	if key, val, ok := strings.Cut(line, "="); ok && strings.TrimRight(key, " \t") == "source" {
		v, _, _ := strings.Cut(strings.TrimLeft(val, " \t"), "#")
		switch strings.TrimRight(v, " \t") {
		case "true":
			m.Source = true
		case "false":
			m.Source = false
		default:
			return 0, false
		}
		return source, true
	}
	key, val, ok := plainKeyValue(line)
	if !ok {
		return 0, false
	}
	if key == "direction" {
		m.Direction = vocab.Direction(val)
		return direction, true
	}
	for i, t := range texts {
		if t.key == key {
			*t.field = val
			return 1 << i, true
		}
	}
	return 0, false
}
