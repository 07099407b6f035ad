// Package tomldata decodes the program's embedded reference data (the
// help lines, the topics) from TOML, strictly: a key the target does not
// have is an error that names it.
//
// It uses go-toml (github.com/pelletier/go-toml/v2), which decodes these
// files to the same values as BurntSushi/toml in about a third of the
// time; every process that makes a leaflet reads them at start-up. The
// translators' message files stay with the parser of go-i18n and the
// check (package lint), so that what the check accepts is what the
// catalog reads.
package tomldata
