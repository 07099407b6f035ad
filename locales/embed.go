// Package locales embeds the shipped locale files: leaflet messages per
// language (<tag>.toml, go-i18n TOML; sv.toml is the source), their
// metadata (locales.toml), the web form's strings (ui/), and the
// translators' approvals (approvals/) and reviewers (reviewers.toml).
//
// Callers receive the files as an fs.FS, so a --locales DIR flag can swap
// in os.DirFS(dir) without anything else changing.
//
// sealed.json is the seal of these files (package review): their
// fingerprint and the full check's report, made when they are built. A
// program that starts on the embedded set hashes them and compares rather
// than checking them again. After editing any file here, run
//
//	go generate ./locales
//
// (a test fails until the seal is the current files'), then
//
//	go generate ./generator/prepared
//
// for the paragraphs shaped ahead of time (package prepared).
package locales

//go:generate go run ../cmd/infogen locales check --seal sealed.json

import (
	"embed"
	"io/fs"
)

//go:embed *.toml ui/*.toml approvals/*.toml
var files embed.FS

//go:embed sealed.json
var seal []byte

// FS returns the embedded locale files.
func FS() fs.FS { return files }

// Seal returns the seal of FS made by `go generate ./locales` (see
// review.ReadSeal); it is not one of the files it seals.
func Seal() []byte { return seal }
