package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// maxAPIBytes bounds a JSON order, as for the command line.
const maxAPIBytes = request.MaxBodyBytes

// apiError is one problem in a JSON error answer. Field is the request
// path ("contacts[1].phone"), empty for a problem with the whole request;
// Message is in the language of Accept-Language (Swedish or English).
type apiError struct {
	Field   string       `json:"field"`
	Code    request.Code `json:"code"`
	Message string       `json:"message"`
	Detail  string       `json:"detail,omitempty"` // for JSON syntax errors: where
}

type apiErrors struct {
	Errors []apiError `json:"errors"`
}

// maxAPIErrors bounds the problems one answer lists; the rest are
// counted in a last entry, "more_errors", so that 5,000 empty contacts
// do not make a megabyte of errors.
const maxAPIErrors = 50

func (s *server) apiFail(c *gin.Context, status int, u ui, errs request.FieldErrors, detail ...string) {
	out := apiErrors{Errors: []apiError{}}
	if n := len(errs); n > maxAPIErrors {
		more := request.FieldError{Code: codeMoreErrors, Params: map[string]string{"Count": strconv.Itoa(n - maxAPIErrors + 1)}}
		errs = append(errs[:maxAPIErrors-1:maxAPIErrors-1], more)
	}
	for i, e := range errs {
		ae := apiError{Field: e.Field, Code: e.Code, Message: u.fieldMessage(e)}
		if i < len(detail) {
			ae.Detail = detail[i]
		}
		out.Errors = append(out.Errors, ae)
	}
	c.Header("Content-Language", u.Tag)
	c.AbortWithStatusJSON(status, out)
}

// apiLeaflets makes leaflets from a JSON order: the CLI's request schema
// with "formats" and "print". One file is answered as itself, several as
// a ZIP with a manifest.json.
func (s *server) apiLeaflets(c *gin.Context) {
	p, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	req, _, ok := s.apiRequest(c, u)
	if !ok {
		return
	}
	if req.LogoData != "" && request.ValidLogoData(req.LogoData) {
		l, err := s.logoDec.DecodeDataURL(c.Request.Context(), req.LogoData)
		if err != nil {
			e := logoFieldError(err)
			s.apiFail(c, logoStatus(e), u, request.FieldErrors{*e})
			return
		}
		req.Logo = l.Data
	}
	start := s.now()
	files, ferrs, err := s.generate(c, p, req)
	switch {
	case errors.Is(err, errBusy):
		c.Header("Retry-After", "5")
		s.apiFail(c, http.StatusServiceUnavailable, u, request.FieldErrors{{Code: codeBusy}})
	case err != nil:
		s.log.Error("generation failed", "err", errKind(err))
		s.apiFail(c, http.StatusInternalServerError, u, request.FieldErrors{{Code: codeInternal}})
	case len(ferrs) > 0:
		s.apiFail(c, http.StatusBadRequest, u, ferrs)
	default:
		s.logOrder(c, "api", req, len(files), s.now().Sub(start))
		if err := s.sendFiles(c, req, files); err != nil {
			s.log.Error("packing failed", "err", errKind(err))
			s.apiFail(c, http.StatusInternalServerError, u, request.FieldErrors{{Code: codeInternal}})
		}
	}
}

// apiRequest reads a JSON order under the rate limit, answering the
// error itself when there is one. Phone numbers and web addresses are
// understood as the form understands them (request.Normalize): what was
// rewritten comes back with the request.
func (s *server) apiRequest(c *gin.Context, u ui) (*request.Request, []request.Normalized, bool) {
	if mediaType(c) != "application/json" {
		s.apiFail(c, http.StatusUnsupportedMediaType, u, request.FieldErrors{{Code: codeMediaType}})
		return nil, nil, false
	}
	if e := s.rateLimit(c); e != nil {
		s.apiFail(c, http.StatusTooManyRequests, u, request.FieldErrors{*e})
		return nil, nil, false
	}
	req, err := request.Parse(c.Request.Body)
	if err != nil {
		var se *request.SyntaxError
		switch {
		case isTooLarge(err) || errors.Is(err, request.ErrTooLarge):
			s.apiFail(c, http.StatusRequestEntityTooLarge, u, request.FieldErrors{{Code: request.CodeTooLarge}})
		case errors.As(err, &se) && se.Field != "" && se.Code != request.CodeInvalidJSON:
			s.apiFail(c, http.StatusBadRequest, u, request.FieldErrors{{Field: se.Field, Code: se.Code}}, se.Error())
		case errors.As(err, &se):
			s.apiFail(c, http.StatusBadRequest, u, request.FieldErrors{{Field: se.Field, Code: request.CodeInvalidJSON}}, se.Error())
		default:
			s.apiFail(c, http.StatusBadRequest, u, request.FieldErrors{{Code: request.CodeInvalidJSON}})
		}
		return nil, nil, false
	}
	return req, req.Normalize(), true
}

// apiNormalized is a value the API rewrote, in an answer: the field as in
// an error ("contacts[0].phone"), what was sent and what is printed.
type apiNormalized struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

func normalizedAnswer(ns []request.Normalized) []apiNormalized {
	var out []apiNormalized
	for _, n := range ns {
		out = append(out, apiNormalized(n))
	}
	return out
}

type localesAnswer struct {
	Locales []localeInfo `json:"locales"`
}

// apiLocales lists every leaflet locale with its names, script,
// direction, message counts and review state.
func (s *server) apiLocales(c *gin.Context) {
	_, in := s.pipeline()
	c.JSON(http.StatusOK, localesAnswer{Locales: in.locales})
}

type topicsAnswer struct {
	Lang   string      `json:"lang"`
	Topics []topicInfo `json:"topics"`
}

// apiTopics lists the topics with title and summary in the UI language.
func (s *server) apiTopics(c *gin.Context) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	c.JSON(http.StatusOK, topicsAnswer{Lang: u.Tag, Topics: in.topics[u.Tag]})
}

type municipalitiesAnswer struct {
	Municipalities []municipality.Municipality `json:"municipalities"`
}

// apiMunicipalities searches the 290 municipalities by name (the form's
// search-as-you-type); without q it lists them all.
func (s *server) apiMunicipalities(c *gin.Context) {
	n, err := strconv.Atoi(c.DefaultQuery("max", "300"))
	if err != nil || n < 1 {
		n = 300
	}
	q := c.Query("q")
	var list []municipality.Municipality
	if strings.TrimSpace(q) == "" {
		list = s.cfg.Municipalities.All()
	} else {
		list = s.cfg.Municipalities.Search(q, n)
	}
	if len(list) > n {
		list = list[:n]
	}
	if list == nil {
		list = []municipality.Municipality{}
	}
	c.JSON(http.StatusOK, municipalitiesAnswer{Municipalities: list})
}

type health struct {
	Status  string         `json:"status"`
	Version string         `json:"version"`
	Locales int            `json:"locales"`
	Formats []vocab.Format `json:"formats"`
}

func (s *server) healthz(c *gin.Context) {
	p, in := s.pipeline()
	c.JSON(http.StatusOK, health{Status: "ok", Version: s.cfg.Version, Locales: len(in.locales), Formats: p.Builder.Formats()})
}
