// Package templates embeds the HTML leaflet's template and stylesheet. The
// stylesheet is inlined into every leaflet, so that a leaflet is one
// standalone file that never fetches anything from another host.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed *.tmpl *.css
var files embed.FS

// FS returns the embedded templates.
func FS() fs.FS { return files }
