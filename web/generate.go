package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

// Problem codes of the web app beside request's; each has a UI message
// "validation.<code>".
const (
	codeRateLimited    request.Code = "rate_limited"
	codeBusy           request.Code = "busy"
	codeInternal       request.Code = "internal"
	codeMediaType      request.Code = "unsupported_media_type"
	codeFormExpired    request.Code = "form_expired"
	codeNotFound       request.Code = "not_found"
	codeMethod         request.Code = "method_not_allowed"
	codeLangMissing    request.Code = "language_incomplete"
	codeLangUnvetted   request.Code = "language_unvetted"
	codeUnreadableForm request.Code = "unreadable_form"
	codeUnavailable    request.Code = "format_unavailable" // a known format this server has no renderer for
	codeMoreErrors     request.Code = "more_errors"        // the count of problems an answer leaves out
)

var errBusy = errors.New("no generation slot free")

// generate validates and builds one order under the bound on concurrent
// generations. Problems with the order, or with what the chosen
// languages can print, come back as field errors; anything else is an
// error of the server's own.
func (s *server) generate(c *gin.Context, p *Pipeline, req *request.Request) ([]assemble.File, request.FieldErrors, error) {
	return s.generateWith(c, p, req, p.Builder.Build)
}

// generateWith is generate with the builder's method that makes the
// files: Build, or Preview, which also draws each PDF's pages.
func (s *server) generateWith(c *gin.Context, p *Pipeline, req *request.Request, build func(*request.Request) ([]assemble.File, error)) ([]assemble.File, request.FieldErrors, error) {
	if errs := validate(p, req); len(errs) > 0 {
		return nil, errs, nil
	}
	release, ok := s.acquireBuild(c)
	if !ok {
		return nil, nil, errBusy
	}
	defer release()
	files, err := build(req)
	if err == nil {
		return files, nil, nil
	}
	if ferrs, ok := buildFieldErrors(err, req); ok {
		return nil, ferrs, nil
	}
	return nil, nil, err
}

// validate checks an order against the builder. A format the project
// knows but this server cannot make (PDF before its renderer is wired
// in) is told apart from a format that does not exist.
func validate(p *Pipeline, req *request.Request) request.FieldErrors {
	errs := p.Builder.Validate(req)
	for i, e := range errs {
		if f, known := vocab.ParseFormat(e.Params["Value"]); known && e.Code == request.CodeUnknownFormat {
			errs[i] = unavailable(e.Field, f)
		}
	}
	return errs
}

func unavailable(field string, f vocab.Format) request.FieldError {
	return request.FieldError{Field: field, Code: codeUnavailable, Params: map[string]string{"Value": strings.ToUpper(string(f))}}
}

// buildFieldErrors turns what Build refuses into field errors: an invalid
// request, a format without a renderer, a language that lacks a message
// or (with --require-vetted) is not vetted. It reports false when any
// part of err is something else.
func buildFieldErrors(err error, req *request.Request) (request.FieldErrors, bool) {
	var out request.FieldErrors
	add := func(e request.FieldError) {
		if !slices.ContainsFunc(out, func(o request.FieldError) bool { return o.Field == e.Field && o.Code == e.Code }) {
			out = append(out, e)
		}
	}
	lang := func(tag string, code request.Code) {
		i := slices.Index(req.Languages, tag)
		field := "languages"
		if i >= 0 {
			field = fmt.Sprintf("languages[%d]", i)
		}
		add(request.FieldError{Field: field, Code: code, Params: map[string]string{"Value": tag}})
	}
	var walk func(error) bool
	walk = func(err error) bool {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				if !walk(e) {
					return false
				}
			}
			return true
		}
		var ferrs request.FieldErrors
		var fu *assemble.FormatUnavailableError
		var missing *catalog.MissingMessageError
		var unvetted *resolve.UnvettedError
		var unknown *catalog.UnknownLocaleError
		switch {
		case errors.As(err, &ferrs):
			for _, e := range ferrs {
				add(e)
			}
		case errors.As(err, &fu):
			i := slices.Index(req.Formats, string(fu.Format))
			add(unavailable(fmt.Sprintf("formats[%d]", max(i, 0)), fu.Format))
		case errors.As(err, &unvetted):
			lang(unvetted.Lang, codeLangUnvetted)
		case errors.As(err, &missing):
			lang(missing.Lang, codeLangMissing)
		case errors.As(err, &unknown):
			lang(unknown.Lang, request.CodeUnknownLang)
		default:
			return false
		}
		return true
	}
	if !walk(err) {
		return nil, false
	}
	return out, true
}

// rateLimit takes a token for this client; when there is none it sets
// Retry-After and returns the error to show.
func (s *server) rateLimit(c *gin.Context) *request.FieldError {
	ok, wait := s.limiter.allow(clientKey(c))
	if ok {
		return nil
	}
	secs := int(wait/time.Second) + 1
	c.Header("Retry-After", strconv.Itoa(secs))
	return &request.FieldError{Code: codeRateLimited, Params: map[string]string{"Seconds": strconv.Itoa(secs)}}
}

// sendFiles answers with one file as itself, or several as a ZIP with a
// manifest.json.
func (s *server) sendFiles(c *gin.Context, req *request.Request, files []assemble.File) error {
	review := func(vetted bool) string {
		if vetted {
			return "vetted"
		}
		return "unvetted"
	}
	if len(files) == 1 {
		f := files[0]
		_, ct, data, _ := s.packFiles(req, files)
		if f.Format == vocab.HTML {
			// Opened from here, a leaflet may style itself and do nothing else.
			c.Header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
		}
		c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
		c.Header("X-Leaflet-Review", review(f.Review.Vetted))
		for _, w := range f.Warnings { // the ZIP's manifest lists them per file
			c.Writer.Header().Add("X-Leaflet-Warning", assemble.WarningText(w))
		}
		c.Data(http.StatusOK, ct, data)
		return nil
	}
	vetted := true
	for _, f := range files {
		vetted = vetted && f.Review.Vetted
	}
	// The archive goes straight to the client, never whole in memory: an
	// error after its first bytes can only be the connection's.
	now := s.now()
	a, err := assemble.NewArchive(files, s.manifest(files, now))
	if err != nil {
		return err
	}
	c.Header("X-Leaflet-Review", review(vetted))
	s.sendArchive(c, zipName(req, now), a)
	return nil
}

// sendArchive answers with a as an attachment called name, written to
// the connection as it is made.
func (s *server) sendArchive(c *gin.Context, name string, a *assemble.Archive) {
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("Content-Type", "application/zip")
	c.Status(http.StatusOK)
	if _, err := a.WriteTo(c.Writer); err != nil {
		s.log.WarnContext(c.Request.Context(), "sending an archive failed", "err", errKind(err))
	}
}

// manifest describes files made now, naming this version as their maker.
func (s *server) manifest(files []assemble.File, now time.Time) assemble.Manifest {
	return assemble.NewManifest(files, "Infogeneratorn "+s.cfg.Version, now)
}

// zipName names an order's ZIP: "infogeneratorn_1384_2026-12-02.zip".
func zipName(req *request.Request, now time.Time) string {
	name := "infogeneratorn"
	if req.Municipality.Code != "" {
		name += "_" + req.Municipality.Code
	}
	return name + "_" + now.UTC().Format(time.DateOnly) + ".zip"
}

// logOrder records what was made, never who is on the leaflet: no
// contact names, numbers or addresses.
func (s *server) logOrder(c *gin.Context, via string, req *request.Request, files int, took time.Duration) {
	s.log.InfoContext(c.Request.Context(), "generated", "via", via, "municipality", req.Municipality.Code,
		"topics", req.Topics, "languages", req.Languages, "formats", req.Formats, "print", req.Print,
		"contacts", len(req.Contacts), "files", files, "duration", took)
}
