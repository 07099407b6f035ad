package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// accessibilityPage is the accessibility statement that the Swedish law
// on accessible public-sector digital services (DOS-lagen, 2018:1937)
// asks of the service: what meets WCAG 2.1 AA, what does not yet, and
// how to report a problem. Its text is in the UI locale files
// (a11y.statement.*).
type accessibilityPage struct {
	chrome
}

// getAccessibility shows the accessibility statement.
func (s *server) getAccessibility(c *gin.Context) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	p := accessibilityPage{chrome: s.chrome(u, in, u.T("a11y.statement.title"))}
	s.renderPage(c, http.StatusOK, "accessibility", p.chrome, &p)
}
