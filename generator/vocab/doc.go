// Package vocab holds the small typed vocabulary that every stage of the
// leaflet pipeline shares: topics, contact roles, text direction, paper
// sizes and output formats.
//
// It is a leaf package on purpose (compare go-text's di package, which holds
// only the Direction type): the request, the catalog, the resolved document,
// the layout and the renderers all speak these words, and none of them
// should have to import another stage to do so.
//
// # Typed identifiers
//
// Topics and roles are string types with constants, parsed from outside
// input with ParseTopic and ParseRole, so that a misspelled topic is an
// error at the edge rather than an empty leaflet later:
//
//	t, ok := vocab.ParseTopic("vald") // vocab.TopicViolence, true
package vocab
