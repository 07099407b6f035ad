// Package xliff reads and writes XLIFF 2 core documents (OASIS XLIFF
// Version 2.0 and 2.1: the core namespace urn:oasis:names:tc:xliff:document:2.0),
// the exchange format of professional translators' CAT tools (Trados,
// memoQ, Phrase, OmegaT with Okapi's filter).
//
// It knows the format only: the document model (Document, File, Unit,
// Segment, Content with text and <ph> placeholders, Note, originalData),
// Encode, which writes a deterministic file, Decode, which reads one
// from outside and is built for hostile input, and Check, the core
// schema's rules and constraints that the XSD cannot express. Which
// messages become units, and what an imported target means for the
// locale files, is package exchange's.
//
// # Reading outside input
//
// Decode reads at most Limits.MaxBytes (a larger file is refused, not
// truncated), at most Limits.MaxElements elements nested at most
// Limits.MaxDepth deep, UTF-8 only, no DOCTYPE (so no entity expansion),
// and returns the first structural error as a *SyntaxError with its line.
// Every element and unit carries the line it started on, so that an
// importer can name "unit vald.intro, line 41".
//
// # Placeholders
//
// A message is a Go template: "Ring {{.Emergency}}." TemplateContent turns
// each template action into a <ph> whose disp attribute shows the action
// to the translator and whose dataRef points at an originalData entry
// holding it; the text around stays text. The translator moves or keeps
// the <ph>, never edits it. TemplateText turns a target back into template
// text by the ids of the source's placeholders, refusing a missing,
// repeated or unknown <ph>, so no raw template text ever comes from the
// file.
package xliff
