// Package request defines what a municipality asks for — topics, languages,
// paper, formats and its own contacts — and checks it.
//
// The same JSON schema serves the command line (a file), the JSON API and
// the web form (which fills the struct from form fields). Parse decodes
// strictly (unknown fields are errors); Validate returns every problem at
// once as field errors with a stable Code and the field's path
// ("contacts[2].phone"), so that the web form can show each message at its
// field and the CLI can name each bad field. The text of each message is
// vetted UI text in the catalog (message "validation.<code>"), not English
// hard-coded here.
//
// # Why invisible characters are refused
//
// Names, numbers and addresses are printed exactly as given. A bidi control
// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) or another invisible
// format character pasted into a phone number can make it display backwards
// in a right-to-left leaflet, so such characters are refused at the field.
//
//	req, err := request.Parse(r)
//	if err != nil { … }
//	if errs := req.Validate(rules); len(errs) > 0 { … }
package request
