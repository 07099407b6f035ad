package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"github.com/gin-gonic/gin"
)

// CSRF protection is a signed double submit: the browser holds a random
// value in a SameSite=Strict, HttpOnly cookie, and every form carries
// HMAC(secret, that value). Another site can make a browser post to this
// one but can neither read the cookie nor compute the token, and a
// cross-site post does not even carry the cookie. A post that fails the
// check is refused before anything is read from it, and nothing it held
// is shown back: another site must not be able to pre-fill the form with
// its own phone numbers.

const csrfCookie = "infogen_csrf"

type csrfKey []byte

func (k csrfKey) token(cookie string) string {
	m := hmac.New(sha256.New, k)
	m.Write([]byte("csrf\x00" + cookie))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken returns the form token for this browser, setting the cookie
// when it has none.
func (s *server) csrfToken(c *gin.Context) string {
	v, err := c.Cookie(csrfCookie)
	if err != nil || len(v) != 43 {
		b := make([]byte, 32)
		rand.Read(b)
		v = base64.RawURLEncoding.EncodeToString(b)
		http.SetCookie(c.Writer, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
			Secure: s.cfg.SecureCookies || c.Request.TLS != nil, SameSite: http.SameSiteStrictMode})
	}
	return s.csrf.token(v)
}

// csrfValid checks a posted token against the cookie, and refuses posts
// the browser itself marks as coming from another site.
func (s *server) csrfValid(c *gin.Context, posted string) bool {
	switch c.GetHeader("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	v, err := c.Cookie(csrfCookie)
	if err != nil || v == "" || posted == "" {
		return false
	}
	return hmac.Equal([]byte(posted), []byte(s.csrf.token(v)))
}
