// Package exchange moves a locale's texts to and from a translator's CAT
// tool as XLIFF 2.0 (the format itself is package xliff's).
//
// # Export
//
// Export makes one <file> per locale with one <unit> per message of the
// Swedish source (or of one topic), in the order the leaflets print them; the unit id is
// the message ID and its first note (category "description") the
// message's description. Plurals: a message with a count has one
// <segment> per plural form the target language uses (CLDR categories:
// Arabic has six, Swedish two), the segment id being the form's name;
// the source of a form Swedish lacks is Swedish "other", and a second
// note (category "plural") lists the forms with example numbers. A
// message without a count has one segment, id "other". Placeholders are
// <ph> elements: disp shows "{{.Municipality}}", dataRef points at the
// unit's originalData, canDelete="no" except for {{.Count}} in a plural
// form other than "other" (which the check lets a form leave out).
//
// The segment's state says where the message stands in review: initial
// (no translation: no <target>), translated (a translation without a
// valid approval), reviewed (an approval of the exact current texts
// exists but does not count: unsigned, key or reviewer not listed),
// final (vetted).
//
// # Import
//
// Import is all or nothing. It decodes the file within bounds (package
// xliff), checks it against XLIFF 2 core, the language pair, the units
// (known messages, once each), the segments (plural forms the message has
// in the language, the Swedish source unchanged since the export) and
// the placeholders (each non-deletable <ph> of the source once, no other,
// no template braces as text); then it writes the new values into the
// TOML text in memory — each replaced where it stands, so comments, order
// and every other byte stay — and runs the whole check (package lint)
// over the locales with that file in place. Any problem refuses the whole
// file with every problem named by unit and line of the XLIFF file; only
// then is the file replaced (atomically). A segment without a target, or
// with an empty one, changes nothing, so an unchanged export imports
// without writing a byte. The state in the file is never read as an
// approval: vetting is signed by a reviewer (package review).
package exchange
