package assemble

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/locales"
	"infogeneratorn/templates"
)

func newBuilder(tb testing.TB) *Builder {
	tb.Helper()
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		tb.Fatal(err)
	}
	data, err := LoadData()
	if err != nil {
		tb.Fatal(err)
	}
	h, err := html.New(templates.FS())
	if err != nil {
		tb.Fatal(err)
	}
	cfg := data.ResolveConfig(cat)
	cfg.Now = func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	return New(Config{Resolver: resolve.New(cfg), Renderers: []Renderer{h}, Rules: request.Rules{
		HasLanguage:     cat.Has,
		HasMunicipality: func(c string) bool { _, ok := data.Municipalities.ByCode(c); return ok },
	}})
}

// FuzzRequest feeds arbitrary bytes through parsing, validation, resolving
// and HTML rendering. Whatever the input: no panic; a request that passes
// validation builds, or fails only for a known, typed reason.
func FuzzRequest(f *testing.F) {
	example, err := os.ReadFile("../resolve/testdata/request.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte(`{"municipality":{"code":"0180"},"topics":["vald"],"languages":["ar"],"formats":["html"]}`))
	f.Add([]byte(`{"municipality":{"name":"\u202eX"},"topics":["vald"],"languages":["sv"],"contacts":[{"role":"police_local","name":"P","phone":"114 14","hours":[{"days":"mon-fri","from":"23:00","to":"01:00"}]}]}`))
	f.Add([]byte(`{"topics":[1]}`))
	f.Add([]byte(`[]`))
	b := newBuilder(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := request.Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		if errs := b.Validate(req); len(errs) > 0 {
			if _, err := b.Build(req); err == nil {
				t.Fatalf("Build accepted a request Validate refused: %v", errs)
			}
			return
		}
		if len(req.Formats) == 0 {
			req.Formats = []string{"html"}
		}
		files, err := b.Build(req)
		if err != nil {
			var fe *FormatUnavailableError
			var ue *resolve.UnvettedError
			if errors.As(err, &fe) || errors.As(err, &ue) {
				return
			}
			t.Fatalf("valid request failed: %v\n%s", err, data)
		}
		if len(files) != len(req.Topics)*len(req.Languages)*len(req.Formats) {
			t.Fatalf("%d files for %d topics × %d languages × %d formats", len(files), len(req.Topics), len(req.Languages), len(req.Formats))
		}
	})
}
