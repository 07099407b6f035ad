package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// The form's flow, Post/Redirect/Get: every button posts the form to its
// draft (POST / makes a new one), the server saves what was typed and
// answers 303 See Other to the draft's own page, /d/{id}. Reload shows
// the same draft, Back never asks to send the form again, and a draft's
// address can be kept to go on later. From there:
//
//	/d/{id}          the form, with the problems found, what was rewritten, undo, the preview
//	/d/{id}/check    "check your answers": the order in words, links back to each part, download
//	/d/{id}/done     the confirmation, which starts the download of the files
//	/files/{id}      the made files (one leaflet, or a ZIP), kept for a while

// postForm handles every button of the form.
func (s *server) postForm(c *gin.Context) {
	switch mediaType(c) {
	case "multipart/form-data", "application/x-www-form-urlencoded":
	default:
		s.message(c, http.StatusUnsupportedMediaType, codeMediaType)
		return
	}
	id := c.Param("id")
	fresh := strings.HasPrefix(c.FullPath(), "/new/")
	var d *draft
	if id != "" && !fresh {
		var err error
		if d, err = s.loadDraft(c, id); err != nil {
			s.notFound(c)
			return
		}
	}
	pf, err := readForm(c)
	if err != nil {
		if errors.Is(err, errTooLargeForm) {
			s.tooLargeDraft(c, id)
			return
		}
		s.message(c, http.StatusBadRequest, codeUnreadableForm)
		return
	}
	if !s.csrfValid(c) {
		s.log.Warn("form refused: CSRF token missing or wrong")
		s.message(c, http.StatusForbidden, codeFormExpired)
		return
	}
	switch {
	case fresh:
		// The first post from /new/{r}: the draft's ID comes from r and
		// this browser's cookie (checked above), and a second post from
		// the same page goes on with the same draft.
		if id = s.freshDraftID(c, id); id == "" {
			s.message(c, http.StatusForbidden, codeFormExpired)
			return
		}
		if d, _ = s.loadDraft(c, id); d == nil {
			d = &draft{}
		}
	case d == nil:
		d, id = &draft{}, newDraftID()
	}
	p, in := s.pipeline()
	action := pf.in.Action
	// The form sends whole=1; the check page's button only its action. A
	// post that starts a draft has nothing to keep, so it is whole.
	if pf.in.Whole == "1" || d.empty() {
		d.State = stateFrom(pf.in)
		d.UI = pf.in.UI
		d.Notes = normalizeState(&d.State)
		s.resolveMunicipality(&d.State)
	}
	if tag, ok := strings.CutPrefix(action, "ui:"); ok {
		d.UI = tag
	}
	d.Check, d.Focus, d.Saved, d.Problems = false, "", false, nil
	if e := s.takeLogo(c, pf, &d.State); e != nil {
		d.Problems = append(d.Problems, *e)
		d.Check, d.Focus = true, "error-summary"
	}
	if verb, _, _ := strings.Cut(action, ":"); verb != "undo" && verb != "ui" {
		d.Undo = nil
	}
	target := "/d/" + id
	switch verb, arg, _ := strings.Cut(action, ":"); verb {
	case "add", "addhours", "rmhours", "logo-remove":
		d.Focus = d.State.apply(action)
	case "remove":
		d.Undo = d.State.remove(arg)
		d.Focus = "undo"
	case "undo":
		if d.Undo != nil {
			d.Focus = d.State.restore(*d.Undo)
			d.Undo = nil
		}
	case "save", "update":
		d.Saved, d.Check = true, true
		d.Focus = "saved"
	case "preview":
		d.Check = true
		topic, lang, _ := strings.Cut(arg, ":")
		d.Focus = s.makePreview(c, p, in, d, topic, lang)
		target += "#preview"
	case "check", "download":
		req, _ := s.orderOf(c, d)
		if errs := orderErrors(p, &d.State); len(errs) > 0 || len(d.Problems) > 0 {
			d.Check, d.Focus = true, "error-summary"
			break
		}
		if verb == "check" {
			target += "/check"
			break
		}
		public := s.formPublic(c, d, req)
		fileID, problem := s.makeFiles(c, p, req)
		if problem == nil {
			problem = s.saveFormOrder(c, p, in, d, req, public)
		}
		if problem != nil {
			d.Problems = append(d.Problems, *problem)
			d.Check, d.Focus = true, "error-summary"
			target += "/check"
			break
		}
		target += "/done?f=" + fileID
	}
	if d.Focus == "error-summary" || (d.Check && d.Focus == "" && len(s.problems(p, d)) > 0) {
		d.Focus = "error-summary"
	}
	if err := s.saveDraft(c, id, d); err != nil {
		s.log.Error("draft store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	if slices.ContainsFunc(d.Problems, func(e request.FieldError) bool { return e.Code == codeRateLimited }) {
		// Said at once with its status and Retry-After, the draft saved.
		s.showDraft(c, http.StatusTooManyRequests, id, d)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
}

// tooLargeDraft answers a post too large to read: 413, with a page that
// leads back to the draft as last saved.
func (s *server) tooLargeDraft(c *gin.Context, id string) {
	if id == "" {
		s.tooLarge(c)
		return
	}
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	p := messagePage{chrome: s.chrome(u, in, u.T("title.too_large")), Heading: u.T("title.too_large"),
		Text: u.T("too_large.draft"), Back: "/d/" + id, BackLabel: u.T("too_large.back")}
	s.renderPage(c, http.StatusRequestEntityTooLarge, "message", p.chrome, &p)
}

// orderOf builds the order from a draft, with its logo. A stored logo
// that no longer reads back as stored is a problem of the draft: never a
// leaflet silently without the logo.
func (s *server) orderOf(ctx context.Context, d *draft) (*request.Request, fieldMap) {
	req, m := d.State.request()
	if d.State.LogoID != "" {
		l, err := s.storedLogo(ctx, d.State.LogoID)
		var damaged *orders.DamagedLogoError
		switch {
		case err == nil:
			req.Logo = l.Data // re-encoded when it was uploaded, never the file as sent
		case errors.As(err, &damaged):
			d.Problems = append(d.Problems, request.FieldError{Field: "logo", Code: codeLogoBroken})
			d.State.LogoID = ""
		}
	}
	return req, m
}

// problems are what the form shows for a draft: the problems found while
// posting and, once the order is checked, every problem of the order.
func (s *server) problems(p *Pipeline, d *draft) request.FieldErrors {
	errs := slices.Clone(d.Problems)
	if d.Check {
		errs = append(errs, orderErrors(p, &d.State)...)
	}
	return errs
}

// codeUnknownMuniName is a municipality name that fits none or several.
const codeUnknownMuniName request.Code = "unknown_municipality_name"

// orderErrors is every problem of the order a form state makes.
func orderErrors(p *Pipeline, st *formState) request.FieldErrors {
	req, _ := st.request()
	errs := emptyAsRequired(validate(p, req))
	if st.MuniCode == "" && st.MuniText != "" {
		errs = slices.DeleteFunc(errs, func(e request.FieldError) bool { return strings.HasPrefix(e.Field, "municipality") })
		errs = slices.Insert(errs, 0, request.FieldError{Field: "municipality", Code: codeUnknownMuniName,
			Params: map[string]string{"Value": st.MuniText}})
	}
	return errs
}

// getDraft shows a draft's form.
func (s *server) getDraft(c *gin.Context) {
	d, err := s.loadDraft(c, c.Param("id"))
	if err != nil {
		s.notFound(c)
		return
	}
	s.showDraft(c, http.StatusOK, c.Param("id"), d)
}

func (s *server) showDraft(c *gin.Context, status int, id string, d *draft) {
	p, in := s.pipeline()
	u := s.uiFor(c, in, d.UI)
	_, m := d.State.request()
	pg := s.formView(u, in, d.State, s.problems(p, d), m, d.Focus)
	pg.Action = "/d/" + id
	pg.EditURL = s.absURL(c.Request, pg.Action)
	pg.Saved = d.Saved
	pg.notes(u, d.Notes)
	if d.Undo != nil {
		pg.Undo = u.T("undo.removed", "Contact", contactTitle(u, d.Undo.Row))
	}
	if pv := d.Preview; pv != nil {
		if _, ok := s.previews.get(pv.ID); ok {
			li, _ := in.locale(pv.Lang)
			topic, lang := in.topic(u.Tag, vocab.TopicID(pv.Topic)).Title, in.names[u.Tag][pv.Lang]+" – "+li.Native
			pg.Preview = &previewView{URL: "/preview/" + pv.ID, PDF: pv.PDF, File: pv.File,
				Title: u.T("preview.frame", "Topic", topic, "Lang", lang),
				Facts: u.T("preview.facts", "Pages", fmt.Sprint(pv.Pages), "Paper", u.T("paper."+pv.Paper))}
			w, h := previewSize(pv.Paper)
			for i, pid := range pv.PageIDs {
				if _, ok := s.previews.get(pid); !ok {
					pg.Preview.Pages = nil // one page gone: show none rather than a gap
					break
				}
				n, of := fmt.Sprint(i+1), fmt.Sprint(len(pv.PageIDs))
				pg.Preview.Pages = append(pg.Preview.Pages, previewPage{URL: "/preview/" + pid, Width: w, Height: h,
					Label: u.T("preview.page", "Page", n, "Pages", of),
					Alt:   u.T("preview.alt", "Topic", topic, "Lang", lang, "Page", n, "Pages", of)})
			}
		}
	}
	markFocus(pg)
	pg.CSRF = s.csrfToken(c)
	s.renderPage(c, status, "form", pg.chrome, pg)
}

// contactTitle names a contact row for messages: its name, else its role.
func contactTitle(u ui, r contactRow) string {
	if r.Name != "" {
		return r.Name
	}
	return u.T("role." + string(r.Role))
}

// normalizeState rewrites the contacts' phone numbers and web addresses
// as the leaflet prints them and returns what it rewrote, by control.
func normalizeState(st *formState) []note {
	var out []note
	for i := range st.Contacts {
		r := &st.Contacts[i]
		for _, f := range []struct {
			name string
			v    *string
			norm func(string) string
		}{{"phone", &r.Phone, request.NormalizePhone}, {"email", &r.Email, request.NormalizeEmail}, {"web", &r.Web, request.NormalizeURL}} {
			if n := f.norm(*f.v); n != *f.v {
				out = append(out, note{Field: fmt.Sprintf("c%d-%s", i, f.name), From: *f.v, To: n})
				*f.v = n
			}
		}
	}
	return out
}

// resolveMunicipality turns the name typed in the municipality field
// into its code: the exact name ("Kungsbacka"), the official name
// ("Kungsbacka kommun"), or the one municipality whose name contains
// what was typed. A name that fits none or several is kept as typed and
// reported at the field.
func (s *server) resolveMunicipality(st *formState) {
	q := strings.TrimSpace(st.MuniText)
	if q == "" {
		if st.MuniCode != "" {
			if m, ok := s.cfg.Municipalities.ByCode(st.MuniCode); ok {
				st.MuniText = m.Name
			}
		}
		return
	}
	st.MuniCode = ""
	all := s.cfg.Municipalities.All()
	for _, m := range all {
		if strings.EqualFold(m.Name, q) || strings.EqualFold(m.Official, q) || m.Code == q {
			st.MuniCode, st.MuniText = m.Code, m.Name
			return
		}
	}
	if hits := s.cfg.Municipalities.Search(q, 2); len(hits) == 1 {
		st.MuniCode, st.MuniText = hits[0].Code, hits[0].Name
	}
}

// takeLogo decodes, re-encodes and stores an uploaded logo and notes its
// ID in the state. A logo ID that has expired is dropped; one whose stored
// bytes are damaged is a problem at the field.
func (s *server) takeLogo(c *gin.Context, pf *postedForm, st *formState) *request.FieldError {
	var broken *request.FieldError
	if st.LogoID != "" {
		_, err := s.storedLogo(c.Request.Context(), st.LogoID)
		var damaged *orders.DamagedLogoError
		if errors.As(err, &damaged) {
			s.log.Error("stored logo damaged", "logo", damaged.ID)
			broken = &request.FieldError{Field: "logo", Code: codeLogoBroken}
		}
		if err != nil {
			st.LogoID = ""
		}
	}
	if !pf.logoChosen || (!pf.logoAnyData && !pf.logoTooBig) {
		return broken
	}
	if pf.logoTooBig {
		return &request.FieldError{Field: "logo", Code: codeLogoTooLarge, Params: map[string]string{"Max": "2 MB"}}
	}
	if e := s.rateLimit(c); e != nil { // an upload costs a decode: it is limited like generation
		e.Field = "logo"
		return e
	}
	logo, ferr := s.decodeLogo(c.Request.Context(), pf.logo)
	if ferr != nil {
		return ferr
	}
	id, err := s.logos.Put(c.Request.Context(), clientKey(c), logo)
	if err != nil {
		s.log.Error("logo store", "err", errKind(err))
		return &request.FieldError{Field: "logo", Code: codeInternal}
	}
	st.LogoID = id
	return nil
}

// makePreview renders one leaflet of the order (PDF when this server
// makes PDFs) with its pages drawn as SVG images, and keeps them for the
// preview. It returns the control to focus.
func (s *server) makePreview(c *gin.Context, p *Pipeline, in *pipelineInfo, d *draft, topic, lang string) string {
	req, _ := s.orderOf(c, d)
	if errs := orderErrors(p, &d.State); len(errs) > 0 {
		return "error-summary"
	}
	if !slices.Contains(req.Topics, topic) || !slices.Contains(req.Languages, lang) {
		topic, lang = previewChoice(d.State, in)
	}
	if e := s.rateLimit(c); e != nil {
		d.Problems = append(d.Problems, *e)
		return "error-summary"
	}
	one := *req
	one.Topics, one.Languages = []string{topic}, []string{lang}
	format := vocab.HTML
	if slices.Contains(p.Builder.Formats(), vocab.PDF) {
		format = vocab.PDF
	}
	one.Formats = []string{string(format)}
	files, ferrs, err := s.generateWith(c, p, &one, p.Builder.Preview)
	switch {
	case errors.Is(err, errBusy):
		d.Problems = append(d.Problems, request.FieldError{Code: codeBusy})
	case err != nil:
		s.log.Error("preview failed", "err", errKind(err))
		d.Problems = append(d.Problems, request.FieldError{Code: codeInternal})
	case len(ferrs) > 0:
		d.Problems = append(d.Problems, ferrs...)
	default:
		paper := req.Paper
		if paper == "" {
			paper = string(vocab.A4)
		}
		ct := "text/html; charset=utf-8"
		if format == vocab.PDF {
			ct = "application/pdf"
		}
		f := files[0]
		id := s.previews.put(f.Data, ct)
		var pages []string
		for _, img := range f.PageImages {
			pages = append(pages, s.previews.put(gzipped(img), svgType))
		}
		d.Preview = &previewShown{ID: id, PageIDs: pages, File: f.Name, Topic: topic, Lang: lang,
			Pages: previewPages(f.Data), Paper: paper, PDF: format == vocab.PDF}
		d.State.PreviewTopic, d.State.PreviewLang = topic, lang
		return "preview-frame"
	}
	return "error-summary"
}

// svgType is the media type of a preview's page images, which are kept
// gzipped (about a third of their size: glyph outlines and positions
// repeat).
const svgType = "image/svg+xml"

// gzipped compresses a preview's page image.
func gzipped(data []byte) []byte {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write(data) // a bytes.Buffer takes everything
	z.Close()
	return b.Bytes()
}

// previewSize is the size of a preview page in CSS pixels at 1:1 (the
// SVG's own size, its points at 96 per inch), for the image's width and
// height attributes, so that the page keeps its room while it loads.
func previewSize(paper string) (w, h int) {
	p, ok := vocab.ParsePaper(paper)
	if !ok {
		p = vocab.A4
	}
	mmW, mmH := p.SizeMM()
	return int(mmW/25.4*96 + 0.5), int(mmH/25.4*96 + 0.5)
}

// previewPages is a preview PDF's page count (0 for HTML).
func previewPages(data []byte) int {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return 0
	}
	return orders.ReadPrintFacts(data).Pages
}

// makeFiles makes every file of the order and keeps them for the
// confirmation page's download. It returns the files' ID.
func (s *server) makeFiles(c *gin.Context, p *Pipeline, req *request.Request) (string, *request.FieldError) {
	if e := s.rateLimit(c); e != nil {
		return "", e
	}
	start := s.now()
	files, ferrs, err := s.generate(c, p, req)
	switch {
	case errors.Is(err, errBusy):
		return "", &request.FieldError{Code: codeBusy}
	case err != nil:
		s.log.Error("generation failed", "err", errKind(err))
		return "", &request.FieldError{Code: codeInternal}
	case len(ferrs) > 0:
		e := emptyAsRequired(ferrs)[0]
		return "", &e
	}
	s.logOrder(c, "form", req, len(files), s.now().Sub(start))
	name, ct, data, err := s.packFiles(req, files)
	if err != nil {
		s.log.Error("packing failed", "err", errKind(err))
		return "", &request.FieldError{Code: codeInternal}
	}
	review := "vetted"
	for _, f := range files {
		if !f.Review.Vetted {
			review = "unvetted"
		}
	}
	return s.files.put(data, ct+"\n"+name+"\n"+review), nil
}

// packFiles is one file as itself or several as a ZIP with its manifest.
func (s *server) packFiles(req *request.Request, files []assemble.File) (name, contentType string, data []byte, err error) {
	if len(files) == 1 {
		f := files[0]
		ct := "application/pdf"
		if f.Format == vocab.HTML {
			ct = "text/html; charset=utf-8"
		}
		return f.Name, ct, f.Data, nil
	}
	now := s.now()
	m := s.manifest(files, now)
	data, err = assemble.Zip(files, m)
	if err != nil {
		return "", "", nil, err
	}
	return zipName(req, now), "application/zip", data, nil
}

// getFile serves made files once more, as an attachment.
func (s *server) getFile(c *gin.Context) {
	id := c.Param("id")
	it, ok := s.files.get(id)
	if !orders.ValidID(id) || !ok {
		s.notFound(c)
		return
	}
	meta := strings.SplitN(it.meta, "\n", 3)
	ct, name, review := meta[0], meta[1], meta[2]
	c.Header("X-Leaflet-Review", review)
	if strings.HasPrefix(ct, "text/html") {
		c.Header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Data(http.StatusOK, ct, it.data)
}
