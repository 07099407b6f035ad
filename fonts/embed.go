// Package fonts embeds the print fonts: Noto faces from Debian's
// fonts-noto-core 20201225-1 (TrueType outlines), under the SIL Open Font
// License 1.1 (OFL.txt beside them). They are embedded in the binary so
// that no leaflet or page ever fetches a font from another host.
//
// Callers receive them as an fs.FS and build a font set once at start-up
// (package generator/fonts).
package fonts

import (
	"embed"
	"io/fs"
)

//go:embed *.ttf OFL.txt
var files embed.FS

// FS returns the embedded font files and their licence.
func FS() fs.FS { return files }
