package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/request"
)

// apiOrderLogo takes the logo of a JSON order ("logo": a data: URL) the
// way the form takes an upload: decoded within the shared budget and
// re-encoded (package logo), then kept in the logo store, which the
// saved order references. The data: URL is dropped from the request, so
// that the order records the stored logo and never the bytes as sent.
// It answers "" when the request carries no logo, and answers the error
// itself (400/413/503 naming "logo") when ok is false. A logo that is no
// PNG or JPEG data: URL is left to the request's validation, which names
// it among the order's other problems.
func (s *server) apiOrderLogo(c *gin.Context, u ui, req *request.Request) (id string, ok bool) {
	if req.LogoData == "" || !request.ValidLogoData(req.LogoData) {
		return "", true
	}
	l, err := s.logoDec.DecodeDataURL(c.Request.Context(), req.LogoData)
	if err != nil {
		e := logoFieldError(err)
		s.apiFail(c, logoStatus(e), u, request.FieldErrors{*e})
		return "", false
	}
	id, err = s.logos.Put(c.Request.Context(), clientKey(c), Logo{Data: l.Data, Width: l.Width, Height: l.Height})
	if err != nil {
		s.log.Error("logo store", "err", errKind(err))
		s.apiFail(c, http.StatusInternalServerError, u, request.FieldErrors{{Field: "logo", Code: codeInternal}})
		return "", false
	}
	req.LogoData = ""
	return id, true
}
