package prepared

import (
	_ "embed"
	"unsafe"
)

//go:generate go run ../../cmd/infogen locales preset --out paragraphs.bin --steps steps.tsv

// paragraphs is paragraphs.bin. Embedded as a string, it lies in the
// binary's read-only data, whose pages the kernel maps only when they
// are read: as a []byte it went into the writable data, and a server
// that never reads it was 3-4 MiB larger in resident memory (94.9-96.4
// against 98.7-99.2 MiB under varied load).
//
//go:embed paragraphs.bin
var paragraphs string

// Paragraphs returns the preset made by `go generate` (see
// layout.ReadPreset), in place: the bytes are read-only, and writing to
// them faults.
func Paragraphs() []byte { return unsafe.Slice(unsafe.StringData(paragraphs), len(paragraphs)) }

// steps is steps.tsv: the step each shipped leaflet was fitted at, for
// one order, as compose.Hints.
//
//go:embed steps.tsv
var steps string

// Steps returns the fitting hints made by `go generate` (see
// compose.ReadHints).
func Steps() string { return steps }
