// Package assemble runs the whole pipeline for one order: it validates the
// request, resolves a document for every (topic, language) pair and renders
// each in every requested format. The command line and the web server are
// thin shells around a Builder.
//
// # Files and names
//
// Each result is a File named "<topic>_<lang>.<ext>" ("vald_ar.pdf"), the
// same in the CLI's output folder and in a ZIP's. Several files go to the
// print shop as one ZIP with a manifest.json: the files with their
// SHA-256, topics, languages, each language's review status, the
// generator's version and the date. Each file also says its paper,
// whether it is the print rendition, its page count and, for a print PDF,
// its PDF/X version and printing condition ("PDF/X-1a:2003", "Coated
// FOGRA39 (ISO 12647-2:2004)"), from a renderer that is a Describer.
//
// # Page budgets
//
// Every language of a topic gets the same, imposable page count: A4 2 or
// 4, A5 4 or 8, large print (A4 only) 4 or 8, from budgets.json (measured
// over all languages with the example order; see budgets.go and
// testdata/budgets.md). Build sets it on each document (Pages) and the
// composer fits the leaflet to it; a leaflet that does not fit moves its
// whole topic to the next count. The manifest gives each PDF's
// large_print, pages and the table's page_budget: pages above page_budget
// means this order moved the topic.
//
// # Warnings
//
// What the communicator should know but that does not stop a file being
// made comes back in File.Warnings: a print file whose logo prints below
// 150 dpi at its printed size (compose.LogoResolution). The CLI prints
// them, the manifest lists them with an English sentence (WarningText),
// and a single file served over HTTP carries them as X-Leaflet-Warning
// headers.
//
//	b := assemble.New(assemble.Config{Resolver: r, Renderers: []assemble.Renderer{htmlR, pdfR}, Rules: rules})
//	files, err := b.Build(req)
package assemble
