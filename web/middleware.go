package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// securityHeaders sets the headers every response carries. Pages set
// their own Content-Security-Policy with a nonce (pageCSP); everything
// else gets one that allows nothing.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
	h.Set("Cache-Control", "no-store")
	c.Next()
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
