// Package web is the communicator's web form and the JSON API: a thin
// shell of Gin handlers around the generator's Builder. It is the only
// package that imports Gin; it sees the pipeline only through the
// generator's own types.
//
// # Routes
//
//	GET  /                     303 to a fresh form, /new/{r} (Swedish; English by Accept-Language or ?lang=en)
//	GET  /new/:r               the empty form; once its first post made a draft, 303 to that draft
//	POST /new/:r, /d/:id, /    every button of the form: saves the draft, then 303 to it (Post/Redirect/Get)
//	GET  /d/:id                a draft: the form as saved, with its problems, notes, undo and preview
//	GET  /d/:id/check          "check your answers" before download
//	GET  /d/:id/done           the confirmation, which starts the download
//	GET  /files/:id            the made files (one leaflet, or a ZIP), kept for 15 minutes
//	GET  /edit/:edit           a saved order's private edit link: a new draft, prefilled, that updates the order
//	GET  /preview/:id          a preview's file: a page of the PDF as SVG for the form's <img>, the PDF itself, or (without PDF) the HTML leaflet for a sandboxed frame
//	GET  /logo/:id             an uploaded logo as re-encoded here
//	GET  /status               how far each language is checked, in plain words, per topic
//	GET  /status/xliff/:lang   the language's texts as XLIFF 2.0 for a translator's CAT tool
//	GET  /static/:name         the stylesheet and the script, embedded
//	GET  /healthz              liveness, locale count, formats
//	GET  /api/v1/locales       every locale: names, script, direction, message counts, review state
//	GET  /api/v1/topics        every topic with title and summary
//	GET  /api/v1/municipalities?q=   the 290 municipalities, searched by name
//	POST /api/v1/leaflets      a JSON order (the CLI's schema, with "formats" and "print"):
//	                           one file as itself, several as a ZIP with manifest.json
//	POST /api/v1/orders        the same request, saved: 201 {"id","edit_url","print_url","print_expires",
//	                           "public_urls","leaflets","request","normalized"}
//	GET  /api/v1/orders/:edit  a saved order; PUT re-orders it; POST …/:edit/extend extends its print link
//	GET  /print/:print         the print shop's order sheet (Swedish and English), 404 guessed, 410 expired
//	GET  /print/:print/bundle.zip, /print/:print/files/:name   the print-ready PDFs
//	GET  /edit/:edit/links     the edit side's links, with "extend" (POST /edit/:edit/extend)
//	GET  /l/:public/:topic/:lang   a saved order's leaflet as its HTML version, public (public.go)
//
// The JSON API understands phone numbers and web addresses as the form
// does (request.Normalize: "+46 (0)300-83 50 00" is 0300-83 50 00,
// "www.x.se" is https://www.x.se) and says what it rewrote in
// "normalized" ({"field","from","to"}) where it answers with the order.
//
// Every saved order has a third capability beside the edit and print
// links: a public one, under which each of its leaflets is served as the
// HTML leaflet in its own language (lang and dir on <html>, a policy that
// allows inline style and data: images only). It does not expire with
// the print link, and stays the same when the order is re-ordered; the
// page is made from the order and the texts as they are now. With
// Config.PublicURL and a QR code asked for (without a "qr_url" of the
// order's own), each leaflet's code leads to its own public page; without
// it, to the municipality's page. Readers' requests take tokens of the
// same per-client rate limit as generation (--rate, --burst).
//
// Saved orders, their logos, the form's drafts and the form-signing key
// live in an orders.Store (Config.Orders; see generator/orders): SQLite
// or PostgreSQL, shared by every process on the same database.
//
// Errors of the API are {"errors":[{"field","code","message"}]} with 400
// (invalid), 413 (too large), 415 (not JSON), 429 (rate limited); the
// message is in the UI language.
//
// # Works without JavaScript
//
// The form is plain HTML. Every button (adding or removing a contact or
// an opening-hours row, switching the UI language, Spara, a preview,
// checking the order, downloading) posts the whole form; the server saves
// it as a draft (Drafts: the order store's, or memory) under an
// unguessable ID and answers 303 to the draft's page, so Back and reload
// keep everything and never ask to resend. The form is read part by part:
// a logo over 2 MB is read past and gets a field error with the rest
// kept; only a post over 64 MiB is refused whole, and its page leads back
// to the draft. The municipality is one text field with a datalist,
// resolved by name on the server. Phone numbers and web addresses are
// rewritten as printed (request.Normalize) and shown back at their field.
// The first submit button is a hidden "save", so that Enter without the
// script saves rather than adds a row; the one script makes Enter do
// nothing and moves the contact roles the chosen topics do not print
// behind "Fler roller" (the server does the same on every save).
// With an order store, the download also saves the order, and the
// confirmation shows its private edit link and the print shop's link.
//
// # Safe on the internet
//
// CSRF: a cookie the server issues and signs (SameSite=Strict, HttpOnly,
// Secure behind an https Config.PublicURL), a token in the form's body
// that is an HMAC of it (never taken from the query string), and the
// post's Origin — or Referer without one — must be the server's own
// (csrf.go). A post that fails is refused without showing anything it
// held, so another site cannot pre-fill the form with its own numbers.
// Behind a reverse proxy, Config.TrustedProxies says whose
// X-Forwarded-For names the client. Every page has a
// Content-Security-Policy with a fresh nonce and no other host; an HTML
// preview may use only its own inline stylesheet, by hash.
//
// # The preview
//
// "Visa …" (one button per chosen topic and language) makes that leaflet
// with Builder.Preview: the PDF, and each of its pages drawn as SVG from
// the same composition (generator/render/svg). The form shows the pages
// as images, "Sida n av N" under each, with the page count and paper and
// a link that downloads the PDF itself. An image runs no script and
// fetches nothing, so it needs no sandbox, and every browser draws it,
// headless Chromium too (whose PDF viewer draws nothing, and which runs
// no PDF viewer in a sandboxed frame); each page is kept gzipped and
// served as image/svg+xml (gzipped to a browser that takes it) under a
// policy with no script, no style, only data: images, no framing and a
// sandbox. It is plain HTML: no script needed. Bodies are bounded
// (form 6 MiB, JSON 3 MiB with room for a logo), generation is rate-limited per client
// (token bucket) and bounded in concurrency, and logs hold routes,
// statuses and what was made, never a contact's name, number or address.
//
// # Logos
//
// A logo (PNG or JPEG, at most 2 MB and 4000 × 4000 pixels) is checked
// from its header before any pixel is decoded: the memory its decode will
// take is estimated from its size, colour model and JPEG process, a logo
// that would take more than the decoding budget (128 MiB, shared by all
// uploads at once) is refused with 413 at "logo", and others wait for
// room (package logo). It is scaled to fit 1200 × 1200 and re-encoded by
// content, within 512 KiB: a photograph (opaque, many colours) as JPEG at
// quality 85, anything else as PNG (paletted when it has at most 256
// colours); the file as sent is dropped. GET /logo/… serves it with its
// type; older stored logos are all PNG and load as before. An upload takes a token of the client's rate limit. The JSON
// API takes the same logo as "logo": "data:image/png;base64,…". The
// re-encoded logo is kept in a LogoStore (the order store, whose checksum
// guards every read; memory without one) under a random ID that the form
// carries, decoded in full again whenever it is read back, and is
// printed in the header of every leaflet of the order (PDF: on a white
// panel at the header's end side; HTML: inline, as a data: image).
//
//	h, err := web.New(web.Config{Pipeline: current, Municipalities: munis, Version: version})
//	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
package web
