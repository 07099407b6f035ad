// Package content says what each topic's leaflet contains: which catalog
// messages, in which order and as which kind of block, which of the
// municipality's contact roles it prints, and which national help lines.
//
// The structure lives in topics.toml, embedded, so that content editors
// change a leaflet's order without touching Go; Load checks it against the
// typed vocabulary (topics, roles) and the help-line data.
//
// # topics.toml
//
//	[[topic]]
//	id = "vald"
//	title = "vald.title"          # message printed as the leaflet's h1
//	summary = "vald.summary"      # one line for the form and the PDF subject
//	roles = ["social_services", "social_emergency", "womens_shelter"]
//	helplines = ["nodnummer", "kvinnofridslinjen"]
//	  [[topic.block]]
//	  kind = "paragraph"          # paragraph | heading | list | notice | contacts | helplines
//	  msg = "vald.intro"
//	  [[topic.block]]
//	  kind = "list"
//	  msgs = ["vald.kinds.physical", "vald.kinds.psychological"]
//	  [[topic.block]]
//	  kind = "contacts"           # heading: common.contacts.heading
//
// Every message a topic names must exist in every locale (the catalog
// refuses to print a leaflet otherwise); Messages lists them for the
// completeness tests and proof sheets.
package content
