// Package lint checks the translators' locale files and reports what is
// wrong the way a compiler does, file:line:col, so that an editor can jump
// to it:
//
//	locales/ti.toml:41:12: error: vald.intro: Latin letters in "help": this locale is written in Ethiopic (Ethi) [script]
//
// Check is a library call (review.Load runs it for vetting: for a
// --locales DIR at start-up and on every reload; the embedded set is
// checked when it is built, see review's seal) and the body of
// `infogen locales check`, which exits 1 on any error. Config.Files
// shares each file's parse with the catalog.
//
// # Rules
//
// Errors stop a set of locales from loading and keep a message from
// counting as vetted:
//
//   - parse: the file is not TOML (with the line), or not go-i18n messages
//   - tag: the file name is no language tag, not in canonical form, or a
//     language locales.toml does not know
//   - meta: locales.toml names a script or font the checks do not know
//   - missing, extra, duplicate: message IDs against the Swedish source
//   - load: the catalog (go-i18n) refuses the file, e.g. no plural rules
//   - template: a text does not parse as a Go template
//   - placeholder: a placeholder of the source is missing, or one is
//     added or misspelled ({{.Municipalty}}: "did you mean …")
//   - plural: a plural form the locale's rules need is missing
//   - empty: no text
//   - identical: the text is the source's, untranslated (allowed for the
//     names and locales listed in approvals/keep.toml; a text with no
//     letters needs no entry)
//   - script: words with letters of another script than locales.toml's
//     script, unless the message's source has the same word (a proper
//     name) or approvals/keep.toml lists it (the Swedish term in brackets)
//   - contact: a phone number (three digits or more), e-mail address or
//     web address that is not the source's
//   - bidi: bidi controls (embeddings, overrides, isolates, marks) typed
//     in, or unbalanced
//   - invisible: zero-width and other invisible characters; ZWNJ and ZWJ
//     only in fa, fa-AF, ps, ckb and ur
//   - font: a character that neither the locale's print font nor the
//     fallback NotoSans maps (regular and bold, read from their cmaps by
//     ReadCmap, formats 4 and 12)
//
// The UI strings (ui/<tag>.toml) get the rules that do not concern print:
// parse, tag, missing (not extra: a UI language may have strings of its
// own, such as the English names of languages), duplicate, template,
// placeholder, plural, empty, bidi, invisible, spaces and nfc.
//
// Warnings ask for a second look: length (more than twice the source and
// 20 characters), punctuation (the ending differs, each script's marks
// folded into . ? ! : …; Thai needs no full stop), spaces (double, leading,
// trailing), nfc (not in Unicode NFC), plural forms the locale never uses.
//
// # Positions
//
// Lines and columns count from 1; columns count characters, not bytes. A
// finding about a character points at it (inside an escape sequence, at
// its backslash); a message missing from a file points at 1:1.
//
// # Example
//
//	cov, err := lint.LoadCoverage(fonts.FS())
//	rep := lint.Check(lint.Config{Locales: os.DirFS("locales"), Root: "locales", Fonts: cov})
//	for _, d := range rep.Diagnostics {
//		fmt.Println(d)
//	}
//	if rep.Errors() > 0 { … }
package lint
