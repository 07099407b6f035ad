// Package build runs the whole pipeline for one order: it validates the
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
// generator's version and the date.
//
//	b := build.New(build.Config{Resolver: r, Renderers: []build.Renderer{htmlR, pdfR}, Rules: rules})
//	files, err := b.Build(req)
package build
