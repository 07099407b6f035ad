// Package catalog holds the vetted texts: one go-i18n message set per
// locale, the locales' metadata, and the UI strings of the web form. It is
// the only package that imports go-i18n.
//
// # Never a silent fallback
//
// go-i18n, asked for a message a language lacks, falls back to the bundle's
// default language and returns an error beside the text; a caller that
// looks only at the text prints Swedish in an Arabic leaflet. Here every
// locale gets a bundle of its own, holding only its own messages, so there
// is nothing to fall back to: a missing message is a *MissingMessageError
// naming the message and the language, and no text. Templates run with
// missingkey=error, so a misspelled placeholder is a *TemplateError rather
// than "<no value>" in print.
//
// # Filling texts without running go-i18n
//
// go-i18n runs only where its result is not known beforehand: a form with
// no template action is its own text, and a form of text and {{.Key}}
// actions filled with strings is the text with the values in place, so
// both are filled here directly (fill.go); anything else, and every
// error, is go-i18n's as before. A locale's go-i18n bundle gets its
// messages when a text first needs it, which a leaflet of the shipped
// files never does. Fixed reports the texts that take no data, which a
// caller may keep.
//
// # Plural rules that CLDR lacks
//
// go-i18n has no plural rules for some of the target languages (Meänkieli
// fit, Romani rom, Kurmanji kmr) and refuses to load their files. The
// locale's metadata names, explicitly and with a reason, the language whose
// rules it follows (plural_rules = "fi" for Meänkieli, whose number
// agreement is Finnish). The locale keeps its own tag everywhere else.
//
// # Files
//
//	locales/locales.toml      metadata of every locale (names, script, direction, font)
//	locales/<tag>.toml        leaflet messages (go-i18n TOML), sv.toml is the source
//	locales/ui/<tag>.toml     the web form's and the CLI's own strings
//
//	cat, err := catalog.Load(locales.FS())
//	ar, err := cat.Locale("ar")
//	s, err := ar.Text("vald.title", nil)
//
// # Parsing once, and only what is used
//
// Message files in the plain form every shipped file uses are read
// directly (plainparse.go); any other file is read by BurntSushi/toml
// and go-i18n, which give the same messages and word the errors. Load
// parses every file. Open lists the locales and parses each file
// when it is first asked for, so that one Arabic leaflet parses the
// Arabic file and not the other 29. Both read through a Files, which
// parses each file at most once and hands the same result to every
// reader: the translators' check (package lint) and the review share it
// with the catalog. A parsed message is kept in 64 bytes and its texts
// (written.go), since a server holds every locale under its memory
// limit; a Message with its map of forms, and go-i18n's message, are
// made from it when asked for.
package catalog
