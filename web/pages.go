package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
)

// renderPage writes a page from the templates with its nonce policy. The
// page is rendered into a buffer first, so that a template error is a
// clean 500, never half a page.
func (s *server) renderPage(c *gin.Context, status int, name string, ch chrome, v any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, v); err != nil {
		s.log.Error("page template", "page", name, "err", err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Header("Content-Security-Policy", pageCSP(ch.Nonce))
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

type messagePage struct {
	chrome
	Heading, Text   string
	Back, BackLabel string // where the page leads back to; "": the empty form
}

// message answers with a short page (or, under /api/, a JSON error).
func (s *server) message(c *gin.Context, status int, code request.Code, kv ...string) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	e := request.FieldError{Code: code}
	if len(kv) > 1 {
		e.Params = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			e.Params[kv[i]] = kv[i+1]
		}
	}
	if strings.HasPrefix(c.Request.URL.Path, "/api/") || c.Request.URL.Path == "/healthz" {
		s.apiFail(c, status, u, request.FieldErrors{e})
		return
	}
	p := messagePage{chrome: s.chrome(u, in, u.T("title."+string(code))), Heading: u.T("title." + string(code)),
		Text: u.fieldMessage(e)}
	s.renderPage(c, status, "message", p.chrome, &p)
}

func (s *server) notFound(c *gin.Context) { s.message(c, http.StatusNotFound, codeNotFound) }
func (s *server) methodNotAllowed(c *gin.Context) {
	s.message(c, http.StatusMethodNotAllowed, codeMethod)
}
func (s *server) tooLarge(c *gin.Context) {
	id := c.Param("id")
	if strings.HasPrefix(c.Request.URL.Path, "/new/") {
		id = s.freshDraftID(c, id)
	}
	if _, err := s.loadDraft(c, id); err == nil {
		s.tooLargeDraft(c, id) // a form post: lead back to its draft
		return
	}
	s.message(c, http.StatusRequestEntityTooLarge, request.CodeTooLarge)
}

// Marks that stand for a response's nonce and CSRF token in the cached
// empty form: letters and digits only, the lengths of the real ones, so
// that escaping leaves them as they are.
const (
	nonceMark  = "n0nceMARKn0nceMARKn0nce0"
	tokenMark  = "t0kenMARKt0kenMARKt0kenMARKt0kenMARKt0kenMA"
	actionMark = "/new/a0ctionMARKa0ctionMARKa0ctionMARKa0ctionMA"
)

// getRoot sends a browser to a fresh form of its own, /new/{r}, so that
// Back to the first page of the form finds the draft the first post made
// (see getNew).
func (s *server) getRoot(c *gin.Context) {
	target := "/new/" + newDraftID()
	if l := c.Query("lang"); l != "" {
		target += "?lang=" + url.QueryEscape(l)
	}
	c.Redirect(http.StatusSeeOther, target)
}

// getNew shows the empty form, or, when this browser's first post from
// it made a draft (Back to the first page), that draft.
func (s *server) getNew(c *gin.Context) {
	r := c.Param("id")
	if !validDraftID(r) {
		s.notFound(c)
		return
	}
	if id := s.freshDraftID(c, r); id != "" {
		if _, err := s.loadDraft(c, id); err == nil {
			c.Redirect(http.StatusSeeOther, "/d/"+id)
			return
		}
	}
	s.getForm(c, "/new/"+r)
}

// getForm shows the empty form. It is the same page for everyone but for
// the nonce and the CSRF token, so it is rendered once per UI language
// and pipeline, and each response only fills those two in.
func (s *server) getForm(c *gin.Context, action string) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	cached, ok := in.forms.Load(u.Tag)
	if !ok {
		st := formState{}
		p := s.formView(u, in, st, nil, fieldMap{st: &st}, "")
		p.Nonce, p.CSRF, p.Action = nonceMark, tokenMark, actionMark
		var buf bytes.Buffer
		if err := s.pages.ExecuteTemplate(&buf, "form", p); err != nil {
			s.log.Error("page template", "page", "form", "err", err)
			c.Status(http.StatusInternalServerError)
			return
		}
		cached, _ = in.forms.LoadOrStore(u.Tag, buf.Bytes())
	}
	nonce := newNonce()
	page := bytes.ReplaceAll(cached.([]byte), []byte(nonceMark), []byte(nonce))
	page = bytes.ReplaceAll(page, []byte(tokenMark), []byte(s.csrfToken(c)))
	page = bytes.ReplaceAll(page, []byte(actionMark), []byte(action))
	c.Header("Content-Security-Policy", pageCSP(nonce))
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

func (s *server) showForm(c *gin.Context, status int, u ui, in *pipelineInfo, st formState, errs request.FieldErrors, m fieldMap, focus string) {
	p := s.formView(u, in, st, errs, m, focus)
	p.CSRF = s.csrfToken(c)
	s.renderPage(c, status, "form", p.chrome, p)
}

// getPreview serves a rendered preview: a page image for the form's
// <img>, the PDF to open or download, or (on a server without PDF) the
// HTML leaflet for the form's sandboxed frame, whose policy allows the
// leaflet's own inline stylesheet (by hash) and nothing else.
func (s *server) getPreview(c *gin.Context) {
	id := c.Param("id")
	it, ok := s.previews.get(id)
	if !orders.ValidID(id) || !ok {
		s.notFound(c)
		return
	}
	if it.meta == svgType {
		// A page image for the form's <img>: an image runs no script and
		// fetches nothing, and opened on its own the page is held to the
		// same: no script, no style, nothing but its own data: logo, no
		// framing, a sandbox.
		c.Header("Content-Security-Policy", "default-src 'none'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox")
		c.Header("Vary", "Accept-Encoding")
		if acceptsGzip(c.GetHeader("Accept-Encoding")) {
			c.Header("Content-Encoding", "gzip")
			c.Data(http.StatusOK, svgType, it.data)
			return
		}
		z, err := gzip.NewReader(bytes.NewReader(it.data))
		if err != nil {
			s.notFound(c)
			return
		}
		page, err := io.ReadAll(z)
		if err != nil {
			s.notFound(c)
			return
		}
		c.Data(http.StatusOK, svgType, page)
		return
	}
	if it.meta == "application/pdf" {
		// The browser's own PDF viewer shows it in the form's frame.
		c.Header("Content-Disposition", `inline; filename="preview.pdf"`)
		c.Header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
		c.Data(http.StatusOK, "application/pdf", it.data)
		return
	}
	csp := "default-src 'none'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
	if h := styleHash(it.data); h != "" {
		csp += "; style-src '" + h + "'"
	}
	c.Header("Content-Security-Policy", csp)
	c.Data(http.StatusOK, "text/html; charset=utf-8", it.data)
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip (not
// refused with q=0).
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// styleHash is the CSP hash of a page's first inline <style> element.
func styleHash(page []byte) string {
	_, rest, ok := bytes.Cut(page, []byte("<style>"))
	if !ok {
		return ""
	}
	css, _, ok := bytes.Cut(rest, []byte("</style>"))
	if !ok {
		return ""
	}
	sum := sha256.Sum256(css)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// getLogo serves a stored logo, as re-encoded here: never the file as sent.
func (s *server) getLogo(c *gin.Context) {
	l, err := s.storedLogo(c.Request.Context(), c.Param("id"))
	var damaged *orders.DamagedLogoError
	switch {
	case errors.As(err, &damaged):
		s.log.Error("stored logo damaged", "logo", damaged.ID)
		s.message(c, http.StatusInternalServerError, codeLogoBroken)
		return
	case err != nil:
		s.notFound(c)
		return
	}
	c.Data(http.StatusOK, l.MIME(), l.Data)
}

// formStatus is the status of a form shown back with problems: 429 or
// 503 when a logo upload was rate-limited or found no room to decode,
// else 400 (a logo too large is a problem with the form like any other).
func formStatus(errs request.FieldErrors) int {
	for _, e := range errs {
		if e.Field == "logo" && (e.Code == codeRateLimited || e.Code == codeBusy) {
			return logoStatus(&e)
		}
	}
	return http.StatusBadRequest
}

// emptyAsRequired reports an empty day or time as missing rather than as
// "“” is not a time".
func emptyAsRequired(errs request.FieldErrors) request.FieldErrors {
	for i, e := range errs {
		if v, ok := e.Params["Value"]; ok && v == "" && (e.Code == request.CodeInvalidDays || e.Code == request.CodeInvalidTime) {
			errs[i] = request.FieldError{Field: e.Field, Code: request.CodeRequired}
		}
	}
	return errs
}
