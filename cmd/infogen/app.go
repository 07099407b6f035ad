package main

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/build"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/review"
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
}

// app holds the long-lived, read-only objects, built once.
type app struct {
	catalog   *catalog.Catalog
	topics    *content.Set
	helpLines *helplines.Set
	munis     *municipality.List
	review    *review.Snapshot
	resolver  *resolve.Resolver
	builder   *build.Builder
}

func localesFS(dir string) fs.FS {
	if dir == "" {
		return locales.FS()
	}
	return os.DirFS(dir)
}

func newApp(opt appOptions) (*app, error) {
	// The same check translators run guards start-up: a set with errors is
	// refused, and the approvals decide what counts as vetted.
	cov, err := lint.LoadCoverage(fontfiles.FS())
	if err != nil {
		return nil, err
	}
	root := opt.LocalesDir
	if root == "" {
		root = "locales"
	}
	snap, err := review.Load(review.Config{Locales: localesFS(opt.LocalesDir), Root: root, Fonts: cov})
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	cat := snap.Catalog
	lines, err := helplines.Load()
	if err != nil {
		return nil, err
	}
	topics, err := content.Load(lines.Has)
	if err != nil {
		return nil, err
	}
	munis, err := municipality.Load()
	if err != nil {
		return nil, err
	}
	res := resolve.New(resolve.Config{
		Catalog: cat, Topics: topics, HelpLines: lines, Municipalities: munis,
		Vetting: snap, RequireVetted: opt.RequireVetted, Version: version, Now: opt.Now,
	})
	renderers, err := newRenderers()
	if err != nil {
		return nil, err
	}
	rules := request.Rules{
		HasLanguage:     cat.Has,
		HasMunicipality: func(code string) bool { _, ok := munis.ByCode(code); return ok },
	}
	return &app{
		catalog: cat, review: snap, topics: topics, helpLines: lines, munis: munis, resolver: res,
		builder: build.New(build.Config{Resolver: res, Renderers: renderers, Rules: rules}),
	}, nil
}

// newRenderers builds every output renderer once.
func newRenderers() ([]build.Renderer, error) {
	h, err := html.New(templates.FS())
	if err != nil {
		return nil, err
	}
	return []build.Renderer{h}, nil
}
