// Package locales embeds the shipped locale files: leaflet messages per
// language (<tag>.toml, go-i18n TOML; sv.toml is the source), their
// metadata (locales.toml), the web form's strings (ui/), and the
// translators' approvals (approvals/) and reviewers (reviewers.toml).
//
// Callers receive the files as an fs.FS, so a --locales DIR flag can swap
// in os.DirFS(dir) without anything else changing.
package locales

import (
	"embed"
	"io/fs"
)

//go:embed *.toml ui/*.toml approvals/*.toml
var files embed.FS

// FS returns the embedded locale files.
func FS() fs.FS { return files }
