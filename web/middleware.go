package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// securityHeaders sets the headers every response carries. Pages set
// their own Content-Security-Policy with a nonce (pageCSP); everything
// else gets one that allows nothing.
// The Referer goes to this server only: with "no-referrer" a browser
// would post the form with "Origin: null", and sameOrigin could not tell
// the form's own posts from a sandboxed attacker's.
func (s *server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if s.secureCookies() {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
	h.Set("Cache-Control", "no-store")
	c.Next()
}

// ParsePublicURL checks a --public-url: an absolute http or https URL
// with a host and nothing after it but an optional "/".
func ParsePublicURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("public URL %q: want https://host[:port] with no path, query or user", raw)
	}
	u.Path = ""
	return u, nil
}

// secureCookies tells whether cookies must be Secure: the public URL is
// https, or the configuration says so.
func (s *server) secureCookies() bool {
	return s.cfg.SecureCookies || (s.public != nil && s.public.Scheme == "https")
}

// absURL makes an absolute link to a path of this app ("/logo/…"), for
// links that leave the page (a print shop's link, an e-mail): the public
// URL when set, else the request's scheme and Host.
func (s *server) absURL(r *http.Request, path string) string {
	return s.ownOrigin(r) + path
}

// pageCSP is the policy of a form page: scripts only from this app and
// only with this response's nonce, styles and images only from this app,
// frames (the preview) only from this app, and no other host anywhere.
func pageCSP(nonce string) string {
	return "default-src 'none'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self'; img-src 'self'; " +
		"font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; " +
		"frame-ancestors 'self'; base-uri 'none'"
}

func newNonce() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b) // no "+" or "/", which HTML attributes would escape
}

// bodyLimit refuses bodies over n bytes: at once when Content-Length says
// so, else when reading passes n (the handler then sees *http.MaxBytesError).
func (s *server) bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			s.tooLarge(c)
			c.Abort()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// mediaType returns the request's media type, lower case, without parameters.
func mediaType(c *gin.Context) string {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}

// logRequests writes one structured line per request. It logs the route
// pattern, never the query or the body: a request holds contact details.
func (s *server) logRequests(c *gin.Context) {
	start := s.now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "(no route)"
	}
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.Request.Context(), level, "request",
		slog.String("method", c.Request.Method), slog.String("route", route),
		slog.Int("status", c.Writer.Status()), slog.Int("bytes", c.Writer.Size()),
		slog.Duration("duration", s.now().Sub(start)))
}

// recover turns a panic into a 500 and a log line, without the request.
func (s *server) recover(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.log.Error("panic", "route", c.FullPath(), "panic", fmt.Sprint(r))
			if !c.Writer.Written() {
				c.AbortWithStatus(http.StatusInternalServerError)
			}
		}
	}()
	c.Next()
}

// acquireBuild waits for a generation slot; it bounds the memory and CPU
// that concurrent generations take. The caller must call the returned func.
func (s *server) acquireBuild(c *gin.Context) (release func(), ok bool) {
	select {
	case s.builds <- struct{}{}:
		return func() { <-s.builds }, true
	case <-c.Request.Context().Done():
		return nil, false
	case <-time.After(30 * time.Second):
		return nil, false
	}
}

// clientKey tells clients apart for the rate limit.
func clientKey(c *gin.Context) string { return c.ClientIP() }

// errKind names an error by the types of its chain ("*fmt.wrapError:
// *layout.MissingGlyphError"), for a log line: an error from building a
// leaflet may quote the text it failed on, which can be a contact's name,
// number or address, and logs never hold those.
func errKind(err error) string {
	var kinds []string
	for err != nil && len(kinds) < 8 {
		kinds = append(kinds, fmt.Sprintf("%T", err))
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				kinds = append(kinds, "["+errKind(e)+"]")
			}
			break
		}
		err = errors.Unwrap(err)
	}
	return strings.Join(kinds, ": ")
}
