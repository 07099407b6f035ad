package svg

import (
	"testing"

	"infogeneratorn/generator/vocab"
)

// BenchmarkPreview is what the form's preview costs for one Arabic A4
// leaflet with a logo and a QR code: Build (the PDF) against Preview (the
// PDF and its pages as SVG, composed again from the same document).
//
//	go test -run '^$' -bench Preview -benchmem ./generator/render/svg
func BenchmarkPreview(b *testing.B) {
	p := testPipeline(b)
	req := testOrder(b, string(vocab.TopicViolence), "ar")
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			if _, err := p.builder.Build(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf+svg", func(b *testing.B) {
		for b.Loop() {
			if _, err := p.builder.Preview(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}
