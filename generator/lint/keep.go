package lint

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
)

// KeepFile is the allow-list of what the checks would otherwise call
// untranslated, inside the locales directory. It sits with the approvals
// because the catalog never reads that directory.
const KeepFile = "approvals/keep.toml"

// Keep is the allow-list of what is kept from the source on purpose. A
// message whose text has no letters (only placeholders, digits and
// punctuation) never needs an entry.
type Keep struct {
	// Identical maps a locale tag, or "*" for every locale, to the
	// messages that may equal the source, as ID patterns (path.Match
	// syntax: "helpline.*.name"): proper names kept in Swedish, or a
	// whole locale that rewrites rather than translates.
	Identical map[string][]string `toml:"identical"`
	// Words maps a locale tag, or "*", to words in the source's script
	// that its texts may print although the message's source does not
	// have them: the Swedish term a reader will hear at the office, in
	// brackets after the translation.
	Words map[string][]string `toml:"words"`
}

// AllowsWord reports whether lang may print word (compared in lower case)
// in another script than its own.
func (k *Keep) AllowsWord(lang, word string) bool {
	if k == nil {
		return false
	}
	for _, key := range []string{"*", lang} {
		for _, w := range k.Words[key] {
			if strings.EqualFold(w, word) {
				return true
			}
		}
	}
	return false
}

// Allows reports whether message id of lang may equal the source.
func (k *Keep) Allows(lang, id string) bool {
	if k == nil {
		return false
	}
	for _, key := range []string{"*", lang} {
		for _, pat := range k.Identical[key] {
			if ok, _ := path.Match(pat, id); ok {
				return true
			}
		}
	}
	return false
}

// LoadKeep reads KeepFile from the locales directory. A missing file is
// an empty list; a broken one is an error diagnostic (File is the path
// inside the directory) and an empty list.
func LoadKeep(fsys fs.FS) (*Keep, []Diagnostic) {
	k := &Keep{}
	_, _, d := DecodeFile(fsys, "", KeepFile, RuleParse, k)
	if d != nil {
		return &Keep{}, []Diagnostic{*d}
	}
	for _, pats := range k.Identical {
		for _, p := range pats {
			if _, err := path.Match(p, ""); err != nil {
				return &Keep{}, []Diagnostic{{File: KeepFile, Line: 1, Col: 1, Severity: Error, Rule: RuleParse,
					Text: "bad pattern " + p + ": " + err.Error()}}
			}
		}
	}
	return k, nil
}

// DecodeFile decodes the TOML file name in fsys into v. A missing file is
// found == false and no diagnostic. A file that cannot be read or parsed,
// or that has keys v does not know, is one error diagnostic of rule, at
// the line of the fault; its File is root joined with name.
func DecodeFile(fsys fs.FS, root, name string, rule Rule, v any) (data []byte, found bool, d *Diagnostic) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	d = &Diagnostic{File: path.Join(root, name), Line: 1, Col: 1, Severity: Error, Rule: rule}
	if err != nil {
		d.Text = "cannot read: " + err.Error()
		return nil, true, d
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		p, msg := tomlError(data, err)
		d.Line, d.Col, d.Text = p.Line, p.Col, "does not parse: "+msg
		return data, true, d
	}
	if un := md.Undecoded(); len(un) > 0 {
		d.Text = "unknown key " + un[0].String()
		return data, true, d
	}
	return data, true, nil
}

// tomlError is where a BurntSushi/toml error points, and its message.
func tomlError(data []byte, err error) (pos, string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return pos{1, 1}, err.Error()
	}
	if pe.Position.Start == 0 && pe.Position.Line > 1 {
		return pos{pe.Position.Line, 1}, pe.Message
	}
	return newSource(data).at(pe.Position.Start), pe.Message
}
