// Package resolve turns a validated request into resolved documents: for
// one topic in one language, every block of the topic's structure filled
// with that locale's vetted text, the municipality's contacts and the
// national help lines the policy allows.
//
// # Inputs and output
//
// A Resolver is built once from the catalog, the topic structures, the
// help-line data and the municipality list. Resolve takes a request that
// passed request.Validate, a topic and a language, and returns a
// *document.Document or an error. It never substitutes text from another
// language: a message the locale lacks is a *catalog.MissingMessageError.
//
// # Numbers inside text
//
// A message may name the emergency number with {{.Emergency}}. The number
// comes from the help-line data, never from the translation, and the
// resolved text carries it as a Phone span, so that it reads left to right
// in right-to-left text.
//
// # Vetting
//
// The resolver asks a Vetting (the translators' approval records) which of
// the messages a leaflet prints are not vetted; the document's Review says
// so, and its footer carries the "not yet checked" line in the language and
// in Swedish. With RequireVetted, such a leaflet is an *UnvettedError.
//
// # Work done once
//
// A Resolver keeps what is the same for every leaflet: each message that
// takes no data, resolved once per locale (spans, what stays Swedish),
// and each topic's national help lines as the policy chooses them. A
// leaflet copies what it keeps, so no document shares spans with another.
//
//	r := resolve.New(resolve.Config{Catalog: cat, Topics: topics, HelpLines: lines, Municipalities: munis})
//	doc, err := r.Resolve(req, vocab.TopicViolence, "ar")
package resolve
