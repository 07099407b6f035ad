package lint

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"infogeneratorn/generator/catalog"
)

// Severity says whether a diagnostic stops the set (error) or only asks a
// translator to look again (warning).
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule names the check that produced a diagnostic.
type Rule string

// The rules, in the order the package doc lists them.
const (
	RuleParse       Rule = "parse"       // the file is not TOML, or not go-i18n messages
	RuleTag         Rule = "tag"         // the file name is no canonical, known language tag
	RuleMeta        Rule = "meta"        // locales.toml: script or font the checks do not know
	RuleMissing     Rule = "missing"     // a message of the source is missing
	RuleExtra       Rule = "extra"       // a message the source does not have
	RuleDuplicate   Rule = "duplicate"   // a message ID written twice
	RuleLoad        Rule = "load"        // go-i18n refuses the locale (plural rules)
	RuleTemplate    Rule = "template"    // the template does not parse
	RulePlaceholder Rule = "placeholder" // placeholders differ from the source's
	RulePlural      Rule = "plural"      // a plural form the locale needs is missing
	RuleEmpty       Rule = "empty"       // no text
	RuleIdentical   Rule = "identical"   // the text is the source's, untranslated
	RuleScript      Rule = "script"      // letters of another script than the locale's
	RuleContact     Rule = "contact"     // a phone number, e-mail or web address differs from the source's
	RuleBidi        Rule = "bidi"        // bidi control characters
	RuleInvisible   Rule = "invisible"   // zero-width and other invisible characters
	RuleFont        Rule = "font"        // a character the print fonts cannot draw
	RuleLength      Rule = "length"      // much longer than the source (warning)
	RulePunctuation Rule = "punctuation" // ending punctuation differs (warning)
	RuleSpaces      Rule = "spaces"      // double, leading or trailing spaces (warning)
	RuleNFC         Rule = "nfc"         // not in Unicode NFC (warning)
)

// Diagnostic is one finding, at a place in a file.
type Diagnostic struct {
	File     string   `json:"file"` // as shown: the --locales DIR joined with the file's path in it
	Line     int      `json:"line"` // from 1
	Col      int      `json:"col"`  // from 1, in characters
	Severity Severity `json:"severity"`
	Rule     Rule     `json:"rule"`
	Lang     string   `json:"lang,omitempty"` // the leaflet locale the file belongs to; empty for ui/ files
	ID       string   `json:"id,omitempty"`   // the message, if the finding is about one
	Text     string   `json:"text"`
}

// String formats d the way compilers do, so editors can jump to it:
// "locales/ar.toml:12:9: error: vald.intro: … [placeholder]".
func (d Diagnostic) String() string {
	id := ""
	if d.ID != "" {
		id = d.ID + ": "
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s%s [%s]", d.File, d.Line, d.Col, d.Severity, id, d.Text, d.Rule)
}

// Report is every diagnostic of one check, sorted by file and position.
type Report struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Errors returns how many diagnostics are errors.
func (r Report) Errors() int { return r.count(Error) }

// Warnings returns how many diagnostics are warnings.
func (r Report) Warnings() int { return r.count(Warning) }

func (r Report) count(s Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// ExitCode is what `infogen locales check` exits with: 1 if any error, 0
// otherwise (warnings do not fail).
func (r Report) ExitCode() int {
	if r.Errors() > 0 {
		return 1
	}
	return 0
}

// Failing returns the IDs of lang's messages that have an error.
func (r Report) Failing(lang string) map[string]bool {
	out := map[string]bool{}
	for _, d := range r.Diagnostics {
		if d.Severity == Error && d.Lang == lang && d.ID != "" {
			out[d.ID] = true
		}
	}
	return out
}

// For returns the diagnostics of one locale, or of one of its messages if
// id is not empty.
func (r Report) For(lang, id string) []Diagnostic {
	var out []Diagnostic
	for _, d := range r.Diagnostics {
		if d.Lang == lang && (id == "" || d.ID == id) {
			out = append(out, d)
		}
	}
	return out
}

// Add appends diagnostics and keeps the report sorted.
func (r *Report) Add(ds ...Diagnostic) {
	r.Diagnostics = append(r.Diagnostics, ds...)
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Text, b.Text))
	})
}

// Config is the input of Check.
type Config struct {
	// Locales is the locales directory: locales.toml, <tag>.toml, ui/.
	Locales fs.FS
	// Root is how the directory is named in diagnostics ("locales").
	Root string
	// Fonts says which characters the print fonts draw; see LoadCoverage.
	Fonts Coverage
	// Keep is the allow-list of messages that may stay identical to the
	// source; nil reads AllowFile from Locales.
	Keep *Keep
	// Files parses the message files of Locales; share it with the
	// catalog so that each file is parsed once. Nil parses here.
	Files *catalog.Files
}

// Check runs every rule over the locale files and returns the findings.
// It never stops at the first broken file: a file that does not parse is
// one error, and the other files are still checked.
func Check(cfg Config) Report {
	c := &checker{cfg: cfg, shown: func(file string) string { return path.Join(cfg.Root, file) }}
	c.run()
	var r Report
	r.Add(c.out...)
	return r
}

type checker struct {
	cfg   Config
	shown func(string) string
	out   []Diagnostic
	metas map[string]catalog.Meta
	keep  *Keep
}

func (c *checker) report(file string, p pos, sev Severity, rule Rule, lang, id, format string, args ...any) {
	c.out = append(c.out, Diagnostic{File: c.shown(file), Line: p.Line, Col: p.Col, Severity: sev,
		Rule: rule, Lang: lang, ID: id, Text: fmt.Sprintf(format, args...)})
}

func (c *checker) run() {
	if c.cfg.Locales == nil {
		c.report(".", pos{1, 1}, Error, RuleParse, "", "", "no locales directory")
		return
	}
	if c.cfg.Files == nil {
		c.cfg.Files = catalog.NewFiles(c.cfg.Locales)
	}
	c.keep = c.cfg.Keep
	if c.keep == nil {
		k, ds := LoadKeep(c.cfg.Locales)
		for _, d := range ds {
			d.File = c.shown(d.File)
			c.out = append(c.out, d)
		}
		c.keep = k
	}
	c.checkMeta()
	for _, dir := range []string{".", "ui"} {
		c.checkDir(dir)
	}
}

// checkMeta reads locales.toml; its own errors stop nothing else, but a
// locale whose metadata cannot be read is checked only for what needs none.
func (c *checker) checkMeta() {
	const file = "locales.toml"
	data, err := fs.ReadFile(c.cfg.Locales, file)
	if err != nil {
		c.report(file, pos{1, 1}, Error, RuleParse, "", "", "cannot read: %v", err)
		return
	}
	if !c.parses(file, "", data) {
		return
	}
	metas, err := c.cfg.Files.Meta()
	if err != nil {
		c.report(file, c.metaPos(data, err), Error, RuleMeta, "", "", "%s", strings.TrimPrefix(err.Error(), "locales.toml: "))
		return
	}
	c.metas = metas
	src := newSource(data)
	ix := newIndex(data)
	for _, tag := range slices.Sorted(maps.Keys(metas)) {
		m := metas[tag]
		at := pos{1, 1}
		if off, ok := ix.heads["locale."+tag]; ok {
			at = src.at(off)
		}
		if scriptTable(m.Script) == nil {
			c.report(file, at, Error, RuleMeta, tag, "", "script %q is not one the checks know (ISO 15924: Latn, Arab, Hebr, Ethi, Thai, Cyrl …)", m.Script)
		}
		if c.cfg.Fonts != nil && !c.cfg.Fonts.Has(m.Font) {
			c.report(file, at, Error, RuleMeta, tag, "", "font %q: no %s-Regular.ttf among the print fonts", m.Font, m.Font)
		}
	}
}

// metaPos finds the [locale.TAG] table a LoadMeta error names.
func (c *checker) metaPos(data []byte, err error) pos {
	msg := err.Error()
	if i := strings.Index(msg, "[locale."); i >= 0 {
		if j := strings.IndexByte(msg[i:], ']'); j > 0 {
			tag := msg[i+len("[locale.") : i+j]
			if off, ok := newIndex(data).heads["locale."+tag]; ok {
				return newSource(data).at(off)
			}
		}
	}
	return pos{1, 1}
}

// parses reports a TOML syntax error with its line, as the catalog's own
// parser (BurntSushi/toml) sees it.
func (c *checker) parses(file, lang string, data []byte) bool {
	var v any
	_, err := toml.Decode(string(data), &v)
	if err == nil {
		return true
	}
	at, msg := tomlError(data, err)
	c.report(file, at, Error, RuleParse, lang, "", "does not parse: %s", msg)
	return false
}

// localeFile is one parsed message file.
type localeFile struct {
	file string
	lang string
	meta catalog.Meta
	ui   bool
	msgs []catalog.Message
	byID map[string]catalog.Message
	ix   *index
	loc  *catalog.Locale // nil if go-i18n refused the file
}

func (c *checker) checkDir(dir string) {
	entries, err := fs.ReadDir(c.cfg.Locales, dir)
	if err != nil {
		// The catalog needs both: the leaflets' messages and the form's.
		c.report(dir, pos{1, 1}, Error, RuleParse, "", "", "cannot read the directory: %v", err)
		return
	}
	ui := dir == "ui"
	var files []*localeFile
	var source *localeFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".toml" || (!ui && name == "locales.toml") {
			continue
		}
		f := c.load(path.Join(dir, name), ui)
		if f == nil {
			continue
		}
		if f.lang == catalog.SourceTag {
			source = f
		}
		files = append(files, f)
	}
	if source == nil {
		if !ui || len(files) > 0 {
			c.report(path.Join(dir, catalog.SourceTag+".toml"), pos{1, 1}, Error, RuleMissing, catalog.SourceTag, "",
				"the source locale is missing or does not parse; no other locale can be compared")
		}
	}
	for _, f := range files {
		c.checkFile(f, source)
	}
}

// load parses one message file; nil if it cannot be checked further.
func (c *checker) load(file string, ui bool) *localeFile {
	key := strings.TrimSuffix(path.Base(file), ".toml")
	lang := key
	tag, err := language.Parse(key)
	switch {
	case err != nil:
		c.report(file, pos{1, 1}, Error, RuleTag, "", "", "%q is not a language tag: %v", key, err)
		lang = ""
	case tag.String() != key:
		c.report(file, pos{1, 1}, Error, RuleTag, "", "", "write the language tag %q in canonical form: %s.toml", key, tag)
		lang = ""
	}
	meta, known := c.metas[key]
	if lang != "" && !ui && c.metas != nil && !known {
		c.report(file, pos{1, 1}, Error, RuleTag, "", "", "unknown language %q: locales.toml has no [locale.%s]", key, key)
		lang = ""
	}
	// Diagnostics of the form's strings belong to no leaflet locale.
	dlang := lang
	if ui {
		dlang = ""
	}
	data, err := fs.ReadFile(c.cfg.Locales, file)
	if err != nil {
		c.report(file, pos{1, 1}, Error, RuleParse, dlang, "", "cannot read: %v", err)
		return nil
	}
	msgs, err := c.cfg.Files.Parse(file)
	if err != nil {
		// go-i18n reads TOML with the same parser; ask it again only to
		// place a syntax error.
		if c.parses(file, dlang, data) {
			c.report(file, pos{1, 1}, Error, RuleParse, dlang, "", "not a go-i18n message file: %s", strings.TrimPrefix(err.Error(), file+": "))
		}
		return nil
	}
	if lang == "" {
		return nil
	}
	if ui && !known {
		meta = catalog.Meta{Tag: tag}
	}
	f := &localeFile{file: file, lang: lang, meta: meta, ui: ui, msgs: msgs, byID: map[string]catalog.Message{}, ix: newIndex(data)}
	for _, m := range msgs {
		f.byID[m.ID] = m
	}
	loc, err := c.cfg.Files.Locale(meta, file)
	if err != nil {
		c.report(file, pos{1, 1}, Error, RuleLoad, dlang, "", "the catalog refuses the file: %s", strings.TrimPrefix(err.Error(), file+": "))
	} else {
		f.loc = loc
	}
	return f
}

func (c *checker) checkFile(f, source *localeFile) {
	for id, paths := range f.ix.ids {
		for _, p := range paths[1:] {
			c.report(f.file, f.ix.src.at(p.off), Error, RuleDuplicate, f.diagLang(), id,
				"written twice (first at line %d); go-i18n keeps only one", f.ix.src.at(paths[0].off).Line)
		}
	}
	if source != nil && f != source {
		for _, m := range source.msgs {
			if _, ok := f.byID[m.ID]; !ok {
				c.report(f.file, pos{1, 1}, Error, RuleMissing, f.diagLang(), m.ID, "missing: the source %s has it", c.shown(source.file))
			}
		}
	}
	for _, m := range f.msgs {
		var src *catalog.Message
		if source != nil && f != source {
			s, ok := source.byID[m.ID]
			if !ok {
				// A form string only another UI language needs is no
				// fault: the English form names languages with its own
				// language.<tag> messages, the Swedish one with
				// locales.toml's names.
				if !f.ui {
					c.report(f.file, f.messagePos(m.ID), Error, RuleExtra, f.diagLang(), m.ID, "the source %s has no such message", c.shown(source.file))
				}
				continue
			}
			src = &s
		}
		(&messageCheck{c: c, f: f, m: m, src: src}).run()
	}
}

// diagLang is the Lang of the file's diagnostics.
func (f *localeFile) diagLang() string {
	if f.ui {
		return ""
	}
	return f.lang
}

// messagePos is where message id is written, or the start of the file.
func (f *localeFile) messagePos(id string) pos {
	if off, ok := f.ix.message(id); ok {
		return f.ix.src.at(off)
	}
	return pos{1, 1}
}
