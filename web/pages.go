package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
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
	Heading, Text string
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
	s.message(c, http.StatusRequestEntityTooLarge, request.CodeTooLarge)
}

// Marks that stand for a response's nonce and CSRF token in the cached
// empty form: letters and digits only, the lengths of the real ones, so
// that escaping leaves them as they are.
const (
	nonceMark = "n0nceMARKn0nceMARKn0nce0"
	tokenMark = "t0kenMARKt0kenMARKt0kenMARKt0kenMARKt0kenMA"
)

// getForm shows the empty form. It is the same page for everyone but for
// the nonce and the CSRF token, so it is rendered once per UI language
// and pipeline, and each response only fills those two in.
func (s *server) getForm(c *gin.Context) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	cached, ok := in.forms.Load(u.Tag)
	if !ok {
		st := formState{}
		p := s.formView(u, in, st, nil, fieldMap{st: &st}, "")
		p.Nonce, p.CSRF = nonceMark, tokenMark
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
	c.Header("Content-Security-Policy", pageCSP(nonce))
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

func (s *server) showForm(c *gin.Context, status int, u ui, in *pipelineInfo, st formState, errs request.FieldErrors, m fieldMap, focus string) {
	p := s.formView(u, in, st, errs, m, focus)
	p.CSRF = s.csrfToken(c)
	s.renderPage(c, status, "form", p.chrome, p)
}

// postForm handles every button of the form: adding and removing rows,
// switching the language, preview and download. Whatever happens, the
// form comes back with everything that was typed in it.
func (s *server) postForm(c *gin.Context) {
	switch mediaType(c) {
	case "multipart/form-data", "application/x-www-form-urlencoded":
	default:
		s.message(c, http.StatusUnsupportedMediaType, codeMediaType)
		return
	}
	var fin formInput
	if err := c.ShouldBind(&fin); err != nil {
		if isTooLarge(err) {
			s.tooLarge(c)
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
	p, in := s.pipeline()
	st := stateFrom(fin)
	action := fin.Action
	uiTag := fin.UI
	if tag, ok := strings.CutPrefix(action, "ui:"); ok {
		uiTag = tag
	}
	u := s.uiFor(c, in, uiTag)

	var errs request.FieldErrors
	if e := s.takeLogo(c, &st); e != nil {
		errs = append(errs, *e)
	}
	focus := st.apply(action)
	req, m := st.request()
	if st.LogoID != "" {
		l, err := s.storedLogo(c.Request.Context(), st.LogoID)
		var damaged *orders.DamagedLogoError
		switch {
		case err == nil:
			req.Logo = l.PNG // re-encoded when it was uploaded, never the file as sent
		case errors.As(err, &damaged): // never a leaflet silently without the logo
			errs, st.LogoID = append(errs, request.FieldError{Field: "logo", Code: codeLogoBroken}), ""
		}
	}
	status := http.StatusOK
	show := func() { s.showForm(c, status, u, in, st, errs, m, focus) }

	switch action {
	case "update":
		errs = append(errs, emptyAsRequired(validate(p, req))...)
		if len(errs) > 0 {
			status = formStatus(errs)
		}
		show()
		return
	case "preview", "download":
	default:
		if len(errs) > 0 {
			status = formStatus(errs)
		}
		show()
		return
	}
	if len(errs) > 0 {
		status = formStatus(errs)
		show()
		return
	}
	if e := s.rateLimit(c); e != nil {
		status, errs = http.StatusTooManyRequests, request.FieldErrors{*e}
		show()
		return
	}
	if action == "preview" {
		s.preview(c, u, in, p, st, req, m)
		return
	}
	start := s.now()
	files, ferrs, err := s.generate(c, p, req)
	switch {
	case errors.Is(err, errBusy):
		status, errs = http.StatusServiceUnavailable, request.FieldErrors{{Code: codeBusy}}
	case err != nil:
		s.log.Error("generation failed", "err", errKind(err))
		status, errs = http.StatusInternalServerError, request.FieldErrors{{Code: codeInternal}}
	case len(ferrs) > 0:
		status, errs = http.StatusBadRequest, emptyAsRequired(ferrs)
	default:
		s.logOrder(c, "form", req, len(files), s.now().Sub(start))
		if err := s.sendFiles(c, req, files); err != nil {
			s.log.Error("packing failed", "err", errKind(err))
			status, errs = http.StatusInternalServerError, request.FieldErrors{{Code: codeInternal}}
			show()
		}
		return
	}
	show()
}

// preview renders one leaflet as HTML, keeps it for a while under a random
// ID and shows the form with the leaflet in a sandboxed frame. The whole
// order is checked, so that the preview also shows every problem.
func (s *server) preview(c *gin.Context, u ui, in *pipelineInfo, p *Pipeline, st formState, req *request.Request, m fieldMap) {
	status := http.StatusOK
	var errs request.FieldErrors
	topic, lang := previewChoice(st, in)
	st.PreviewTopic, st.PreviewLang = topic, lang
	one := *req
	one.Topics, one.Languages, one.Formats = []string{topic}, []string{lang}, []string{string(vocab.HTML)}
	if errs = emptyAsRequired(validate(p, req)); len(errs) == 0 {
		files, ferrs, err := s.generate(c, p, &one)
		switch {
		case errors.Is(err, errBusy):
			status, errs = http.StatusServiceUnavailable, request.FieldErrors{{Code: codeBusy}}
		case err != nil:
			s.log.Error("preview failed", "err", errKind(err))
			status, errs = http.StatusInternalServerError, request.FieldErrors{{Code: codeInternal}}
		case len(ferrs) > 0:
			status, errs = http.StatusBadRequest, ferrs
		default:
			id := s.previews.put(files[0].Data, "")
			pg := s.formView(u, in, st, nil, m, "preview-frame")
			li, _ := in.locale(lang)
			pg.Preview = &previewView{URL: "/preview/" + id, Title: u.T("preview.frame",
				"Topic", in.topic(u.Tag, vocab.TopicID(topic)).Title, "Lang", in.names[u.Tag][lang]+" – "+li.Native)}
			pg.CSRF = s.csrfToken(c)
			s.renderPage(c, http.StatusOK, "form", pg.chrome, pg)
			return
		}
	} else {
		status = http.StatusBadRequest
	}
	s.showForm(c, status, u, in, st, errs, m, "")
}

// getPreview serves a rendered preview into the form's frame. Its policy
// allows the leaflet's own inline stylesheet (by hash) and nothing else.
func (s *server) getPreview(c *gin.Context) {
	id := c.Param("id")
	it, ok := s.previews.get(id)
	if !orders.ValidID(id) || !ok {
		s.notFound(c)
		return
	}
	csp := "default-src 'none'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
	if h := styleHash(it.data); h != "" {
		csp += "; style-src '" + h + "'"
	}
	c.Header("Content-Security-Policy", csp)
	c.Data(http.StatusOK, "text/html; charset=utf-8", it.data)
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
	c.Data(http.StatusOK, "image/png", l.PNG)
}

// takeLogo reads an uploaded logo, if any, re-encodes and stores it, and
// notes its ID in the state. A logo ID that has expired is dropped.
func (s *server) takeLogo(c *gin.Context, st *formState) *request.FieldError {
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
	fh, err := c.FormFile("logo")
	if err != nil || fh.Size == 0 {
		return broken
	}
	if fh.Size > maxLogoBytes {
		return &request.FieldError{Field: "logo", Code: codeLogoTooLarge, Params: map[string]string{"Max": "2 MB"}}
	}
	if e := s.rateLimit(c); e != nil { // an upload costs a decode: it is limited like generation
		e.Field = "logo"
		return e
	}
	f, err := fh.Open()
	if err != nil {
		return &request.FieldError{Field: "logo", Code: codeLogoDamaged}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil {
		return &request.FieldError{Field: "logo", Code: codeLogoDamaged}
	}
	logo, ferr := s.decodeLogo(c.Request.Context(), data)
	if ferr != nil {
		return ferr
	}
	id, err := s.logos.Put(c.Request.Context(), clientKey(c), logo)
	if err != nil {
		s.log.Error("logo store", "err", err)
		return &request.FieldError{Field: "logo", Code: codeInternal}
	}
	st.LogoID = id
	return nil
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
