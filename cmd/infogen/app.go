package main

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/render/svg"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/review"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
	"infogeneratorn/templates"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// appOptions are the settings shared by every command.
type appOptions struct {
	LocalesDir    string // "" for the embedded locales
	RequireVetted bool
	Now           func() time.Time
	Policy        helplines.Policy // which national help lines may print
	// Embedded leaves out, or records, what package prepared holds;
	// serve leaves out the paragraphs (see pdf.EmbeddedOptions).
	Embedded pdf.EmbeddedOptions
}

// app holds the long-lived, read-only objects, built once.
type app struct {
	opt       appOptions
	coverage  lint.Coverage // read when the check first asks
	renderers []assemble.Renderer
	pages     assemble.PageRenderer // the preview's pages, beside the PDF renderer
	fonts     *fonts.Set            // the PDF renderer's, read face by face
	topics    *content.Set
	helpLines *helplines.Set
	munis     *municipality.List

	// Built from one reading of the locales; see pipeline.
	catalog  *catalog.Catalog
	review   *review.Snapshot
	resolver *resolve.Resolver
	builder  *assemble.Builder
}

func localesFS(dir string) fs.FS {
	if dir == "" {
		return locales.FS()
	}
	return os.DirFS(dir)
}

func newApp(opt appOptions) (*app, error) {
	a := &app{opt: opt}
	var err error
	a.coverage = lint.LazyCoverage(fontfiles.FS())
	if opt.LocalesDir != "" {
		// The check will run: fail on unreadable fonts here, by name.
		if a.coverage, err = lint.LoadCoverage(fontfiles.FS()); err != nil {
			return nil, err
		}
	}
	// The topics, help lines and municipalities, the renderers' fonts and
	// templates, and the locales do not depend on each other: they are
	// read at the same time, which on two cores takes start-up from the
	// sum of the three to about the longest. Errors are reported in this
	// order whichever comes first.
	var (
		wg      sync.WaitGroup
		data    *assemble.Data
		dataErr error
		rendErr error
	)
	wg.Go(func() { data, dataErr = assemble.LoadData() })
	wg.Go(func() { a.renderers, a.pages, a.fonts, rendErr = newRenderers(opt) })
	snap, err := loadServedLocales(opt.LocalesDir, a.coverage)
	wg.Wait()
	switch {
	case dataErr != nil:
		return nil, dataErr
	case rendErr != nil:
		return nil, rendErr
	case err != nil:
		return nil, err
	}
	a.topics, a.helpLines, a.munis = data.Topics, data.HelpLines, data.Municipalities
	a.catalog, a.review = snap.Catalog, snap
	a.resolver, a.builder = a.pipeline(snap)
	return a, nil
}

// loadServedLocales reads the locales leaflets are made from: dir, or the
// embedded ones for "". The same check translators run guards start-up:
// a set with errors is refused, and the approvals decide what counts as
// vetted. The embedded set was checked when it was built: its seal stands
// for the check as long as the files are the ones it was made of.
func loadServedLocales(dir string, coverage lint.Coverage) (*review.Snapshot, error) {
	cfg := review.Config{Locales: localesFS(dir), Root: dir, Fonts: coverage}
	if dir == "" {
		cfg.Root = "locales"
		seal, err := review.ReadSeal(locales.Seal())
		if err != nil {
			return nil, err
		}
		cfg.Seal = seal
	}
	snap, err := review.Load(cfg)
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	return snap, nil
}

// pipeline builds the resolver and builder for one reading of the locales;
// the server builds a new one each time the translators' files change.
func (a *app) pipeline(snap *review.Snapshot) (*resolve.Resolver, *assemble.Builder) {
	cat := snap.Catalog
	res := resolve.New(resolve.Config{
		Catalog: cat, Topics: a.topics, HelpLines: a.helpLines, Municipalities: a.munis,
		Vetting: snap, RequireVetted: a.opt.RequireVetted, Version: version, Now: a.opt.Now, Policy: a.opt.Policy,
	})
	rules := request.Rules{
		HasLanguage:     cat.Has,
		HasMunicipality: func(code string) bool { _, ok := a.munis.ByCode(code); return ok },
	}
	if p, ok := a.coverage.(lint.Printer); ok {
		rules.Printable = p.Printable
	}
	return res, assemble.New(assemble.Config{Resolver: res, Renderers: a.renderers, Pages: a.pages, Rules: rules})
}

// newRenderers builds every output renderer once, and the preview's page
// renderer on the PDF renderer's fonts and layout (returned too): fonts
// are read and prepared here or when first used, not per leaflet.
func newRenderers(opt appOptions) ([]assemble.Renderer, assemble.PageRenderer, *fonts.Set, error) {
	h, err := html.New(templates.FS())
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := pdf.NewEmbeddedWith(opt.Embedded)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := svg.New(p.Fonts(), p.Setter(), p.Memo())
	if err != nil {
		return nil, nil, nil, err
	}
	return []assemble.Renderer{h, p}, s, p.Fonts(), nil
}

// prefetchFonts starts reading the print font of the request's first
// language in the background, when it asks for PDFs, and the Latin faces
// beside it, which every leaflet draws its numbers and addresses with:
// the first leaflet is then resolved (its locale file parsed, its texts
// checked) while its faces are parsed, rather than before. The layout
// engine no longer parses the Latin face when it is made, where it was
// the longest part of start-up; here it takes the core a one-leaflet
// run leaves idle (one Arabic leaflet, 60 interleaved runs: 31.7 ->
// 30.2 ms; Thai 32.3 -> 29.7 ms). Later leaflets overlap with each
// other already; prefetching every language's font made a batch slower.
// The font set reads each face once, whoever asks first, so a leaflet
// that needs a face still loading waits for it.
func (a *app) prefetchFonts(req *request.Request) {
	if a.fonts == nil || len(req.Languages) == 0 || (len(req.Formats) > 0 && !slices.Contains(req.Formats, string(vocab.PDF))) {
		return
	}
	m, ok := a.catalog.Meta(req.Languages[0])
	if !ok {
		return
	}
	go func() {
		a.fonts.Face(m.Font, false)
		a.fonts.Face(m.Font, true)
	}()
	if m.Font != fonts.FamilySans {
		go func() {
			a.fonts.Face(fonts.FamilySans, false)
			a.fonts.Face(fonts.FamilySans, true)
		}()
	}
}
