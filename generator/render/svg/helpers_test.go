package svg

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"
	"testing"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/locales"
)

// pipeline is the shipped pipeline with this package's renderer beside
// the PDF renderer, built once for the package's tests.
type pipeline struct {
	pdf     *pdf.Renderer
	svg     *Renderer
	builder *assemble.Builder
}

var shared = sync.OnceValues(func() (*pipeline, error) {
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		return nil, err
	}
	data, err := assemble.LoadData()
	if err != nil {
		return nil, err
	}
	p, err := pdf.NewEmbedded()
	if err != nil {
		return nil, err
	}
	s, err := New(p.Fonts(), p.Setter(), p.Memo())
	if err != nil {
		return nil, err
	}
	cfg := data.ResolveConfig(cat)
	cfg.Version = "test"
	cfg.Now = func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	b := assemble.New(assemble.Config{Resolver: resolve.New(cfg), Renderers: []assemble.Renderer{p}, Pages: s,
		Rules: request.Rules{HasLanguage: cat.Has,
			HasMunicipality: func(c string) bool { _, ok := data.Municipalities.ByCode(c); return ok }}})
	return &pipeline{pdf: p, svg: s, builder: b}, nil
})

func testPipeline(t testing.TB) *pipeline {
	t.Helper()
	p, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// testOrder is the shipped example order (Halmstad, four contacts) for
// one topic in the given languages, with a logo and a QR code.
func testOrder(t testing.TB, topic string, langs ...string) *request.Request {
	t.Helper()
	return &request.Request{
		Municipality: request.Municipality{Code: "1380", Name: "Halmstads kommun"},
		Topics:       []string{topic}, Languages: langs, Formats: []string{"pdf"},
		QR: true, Logo: testLogo(t),
		Contacts: []request.Contact{
			{Role: "social_services", Name: "Socialtjänsten, Halmstads kommun", Phone: "035-13 70 00",
				Email: "socialtjansten@halmstad.se", Web: "https://www.halmstad.se/stod", Address: "Stationsgatan 2, Halmstad",
				Hours: []request.Hours{{Days: "mon-thu", From: "08:00", To: "16:30"}, {Days: "fri", From: "08:00", To: "15:00"}}},
			{Role: "social_emergency", Name: "Socialjouren", Phone: "035-13 70 01"},
			{Role: "womens_shelter", Name: "Kvinnojouren i Halmstad", Phone: "035-12 12 12"},
		},
	}
}

// testLogo is a 240 × 96 PNG: a brand-coloured field, a red disc and a
// transparent margin, so that the panel shows through.
func testLogo(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 240, 96))
	for y := range 96 {
		for x := range 240 {
			switch {
			case x < 8 || y < 8 || x >= 232 || y >= 88:
				// transparent
			case (x-60)*(x-60)+(y-48)*(y-48) < 30*30:
				img.Set(x, y, color.NRGBA{210, 33, 36, 255})
			default:
				img.Set(x, y, color.NRGBA{22, 63, 116, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
