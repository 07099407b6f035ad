package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// CSRF protection has three layers:
//
//  1. The browser holds a cookie that this server issued and signed:
//     random bytes and their HMAC. A cookie the server did not sign (one
//     a client chose, or planted from a sibling host) is never adopted.
//  2. Every form carries HMAC(secret, that cookie) in its body — never in
//     the query string, which ends up in logs, histories and Referers.
//  3. The post must come from this server's own origin: Origin, or
//     Referer when the browser sends no Origin, must name it (the public
//     URL with --public-url, else the scheme and Host of the request).
//
// Another site can make a browser post here but can neither read the
// cookie nor compute the token, and a cross-site post does not even carry
// the SameSite=Strict cookie. A post that fails is refused before anything
// is read from it, and nothing it held is shown back: another site must
// not be able to pre-fill the form with its own phone numbers.

const csrfCookie = "infogen_csrf"

type csrfKey []byte

func (k csrfKey) mac(purpose, v string) string {
	m := hmac.New(sha256.New, k)
	m.Write([]byte(purpose + "\x00" + v))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// token is the form token for a cookie.
func (k csrfKey) token(cookie string) string { return k.mac("csrf", cookie) }

// newCookie returns a fresh cookie value: 16 random bytes and their HMAC.
func (k csrfKey) newCookie() string {
	b := make([]byte, 16)
	rand.Read(b)
	r := base64.RawURLEncoding.EncodeToString(b)
	return r + "." + k.mac("cookie", r)
}

// cookieValid tells whether this server issued the cookie value.
func (k csrfKey) cookieValid(v string) bool {
	r, sig, ok := strings.Cut(v, ".")
	return ok && len(r) == 22 && hmac.Equal([]byte(sig), []byte(k.mac("cookie", r)))
}

// csrfToken returns the form token for this browser, issuing a signed
// cookie when it has none that this server signed.
func (s *server) csrfToken(c *gin.Context) string {
	v, err := c.Cookie(csrfCookie)
	if err != nil || !s.csrf.cookieValid(v) {
		v = s.csrf.newCookie()
		http.SetCookie(c.Writer, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
			Secure: s.secureCookies() || c.Request.TLS != nil, SameSite: http.SameSiteStrictMode})
	}
	return s.csrf.token(v)
}

// csrfValid checks the token posted in the body against the signed
// cookie, and refuses posts the browser itself marks as coming from
// another site. The form must have been parsed (c.ShouldBind) before.
func (s *server) csrfValid(c *gin.Context) bool {
	switch c.GetHeader("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	v, err := c.Cookie(csrfCookie)
	if err != nil || !s.csrf.cookieValid(v) {
		return false
	}
	posted := c.Request.PostForm.Get("csrf") // the body only: a token in the query string does not count
	return posted != "" && hmac.Equal([]byte(posted), []byte(s.csrf.token(v)))
}

// sameOrigin refuses a post whose Origin (or, without one, Referer) is
// not this server's own origin. A post with neither header (not a
// browser, or a very old one) goes on to the token check.
func (s *server) sameOrigin(c *gin.Context) {
	own := s.ownOrigin(c.Request)
	from := c.GetHeader("Origin")
	if from == "" {
		if ref := c.GetHeader("Referer"); ref != "" {
			from = "null"
			if u, err := url.Parse(ref); err == nil && u.Scheme != "" && u.Host != "" {
				from = u.Scheme + "://" + u.Host
			}
		}
	}
	if from != "" && normalOrigin(from) != own {
		s.log.Warn("form refused: post from another origin", "origin", from)
		s.message(c, http.StatusForbidden, codeFormExpired)
		c.Abort()
		return
	}
	c.Next()
}

// ownOrigin is the origin browsers see this server at: the public URL's
// when one is configured, else the request's scheme and Host.
func (s *server) ownOrigin(r *http.Request) string {
	if s.public != nil {
		return normalOrigin(s.public.Scheme + "://" + s.public.Host)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return normalOrigin(scheme + "://" + r.Host)
}

// normalOrigin lower-cases an origin and drops a default port, as
// browsers write it. Anything that is not scheme://host[:port] is "null".
func normalOrigin(o string) string {
	u, err := url.Parse(strings.ToLower(o))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "null"
	}
	host := u.Host
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		host = strings.TrimSuffix(host, ":"+p)
	}
	return u.Scheme + "://" + host
}
