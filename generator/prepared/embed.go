package prepared

import _ "embed"

//go:generate go run ../../cmd/infogen locales preset --out paragraphs.bin

// paragraphs are the bytes of paragraphs.bin, which the compiler lays
// out in the binary's data: read where they lie, never copied.
//
//go:embed paragraphs.bin
var paragraphs []byte

// Paragraphs returns the preset made by `go generate` (see
// layout.ReadPreset). Callers must not change it.
func Paragraphs() []byte { return paragraphs }
