// Package fonts is the font set of the leaflets: the embedded Noto faces
// parsed once per process, with the rules that say which face draws which
// character.
//
// The set is built at start-up from an fs.FS (normally the top-level fonts
// package, fonts.FS()) and is read-only afterwards, so one *Set serves every
// request. Load parses every face; Open parses a face when it is first
// asked for (Face, Resolve, Covers, Shaping, Faces), so that a run reads
// the fonts of its own scripts only. go-text is given each file without
// its glyph outlines (see headerOnly in outlines.go: it would parse every
// outline, three quarters of a face's load time, and reads only the
// glyphs' bounding boxes); the renderers draw from the file's own bytes. Each Face carries what the renderers need (PostScript name,
// metrics, the file bytes); the parsed go-text faces stay inside this
// package and generator/layout, which reaches them through Set.Shaping.
//
// # Families and fallback
//
// A paragraph names its language's primary family (NotoNaskhArabic for
// Arabic script, NotoLoopedThai for Thai, …). A character the primary family
// does not map is drawn by the first family of the fallback chain that maps
// it: the primary family, then NotoSans, then the other scripts' families
// (Set.Chain, Set.Resolve). A character that no family maps is a
// *NoFaceError naming it, never a .notdef box.
//
// Set.HomeFamily tells which family is designed for a script: layout uses
// it so that a Latin run, an e-mail address or a phone number inside Arabic
// text is set in the Latin face even though the Naskh face maps digits.
//
// # Example
//
//	set, err := fonts.Load(fontfiles.FS())
//	if err != nil {
//		return err
//	}
//	face, _ := set.Face(fonts.FamilyNaskh, false)
//	fmt.Println(face.PSName, face.UnitsPerEm) // NotoNaskhArabic-Regular 1000
package fonts
