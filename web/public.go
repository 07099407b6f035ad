package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

// The public pages of a saved order: each of its leaflets as the HTML
// leaflet, in its own language, for anyone who has the link (the QR code
// printed on the leaflet leads there when the server has --public-url).
//
//	GET /l/:public/:topic/:lang   one leaflet of the order, e.g. /l/{capability}/vald/ar
//
// The capability is the order's public one (orders.Order.Public): 256
// random bits, neither the edit nor the print link. It lasts as long as
// the order, not as the print link. The page is made from the order as
// it is now, in the texts as they are now: a re-order from the edit link
// (new contacts) or a new approval of a translation shows at once at the
// same address, so the codes already printed keep leading to current
// help. A leaflet the order no longer has (a language taken out of it)
// is a 404.

// PublicPath is where an order's leaflets are public: /l/{capability}.
func PublicPath(c orders.Capability) string { return "/l/" + string(c) }

// publicLeafletCSP lets the leaflet style itself and show its own data:
// images (the logo), and nothing else: no script, no other host.
const publicLeafletCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

func (s *server) publicRoutes(r *gin.Engine) {
	if s.cfg.Orders == nil {
		return
	}
	r.GET("/l/:public/:topic/:lang", s.getPublicLeaflet)
}

// leafletPages points req's QR codes at the saved order's public pages,
// when this server knows its public address; otherwise they stay with
// the municipality's page (a leaflet printed from a request's own host
// would lead to an address only that network reaches).
func (s *server) leafletPages(req *request.Request, public orders.Capability) {
	if s.public == nil || public == "" {
		return
	}
	req.LeafletPages = s.public.Scheme + "://" + s.public.Host + PublicPath(public)
}

// publicURL is the public page of one leaflet, absolute.
func (s *server) publicURL(c *gin.Context, public orders.Capability, topic, lang string) string {
	return resolve.LeafletPage(s.absolute(c, PublicPath(public)), vocab.TopicID(topic), lang)
}

// getPublicLeaflet answers one leaflet of an order as its HTML version.
func (s *server) getPublicLeaflet(c *gin.Context) {
	o, err := s.cfg.Orders.OrderByPublic(c.Request.Context(), orders.Capability(c.Param("public")))
	switch {
	case errors.Is(err, orders.ErrNotFound):
		s.notFound(c)
		return
	case err != nil:
		s.log.Error("order store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	topic, lang := c.Param("topic"), c.Param("lang")
	if !slices.ContainsFunc(o.Leaflets, func(l orders.Leaflet) bool { return l.Topic == topic && l.Lang == lang }) {
		s.notFound(c)
		return
	}
	if e := s.rateLimit(c); e != nil {
		s.message(c, http.StatusTooManyRequests, e.Code, paramsKV(e.Params)...)
		return
	}
	p, _ := s.pipeline()
	req, err := s.savedRequest(c, o)
	if s.printFailed(c, nil, err) {
		return
	}
	// The web version of the leaflet: no QR code leading to itself, not
	// the print shop's PDF settings.
	one := *req
	one.Topics, one.Languages, one.Formats = []string{topic}, []string{lang}, []string{string(vocab.HTML)}
	one.QR, one.QRURL, one.LeafletPages, one.Print = false, "", "", false
	files, ferrs, err := s.generate(c, p, &one)
	if s.printFailed(c, ferrs, err) {
		return
	}
	c.Header("Content-Security-Policy", publicLeafletCSP)
	c.Header("X-Robots-Tag", "noindex")
	c.Header("Content-Language", lang)
	if !files[0].Review.Vetted {
		c.Header("X-Leaflet-Review", "unvetted")
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", files[0].Data)
}

// qrToPublic reports whether a saved order's QR codes lead to its public
// pages on this server.
func (s *server) qrToPublic() bool { return s.public != nil && s.cfg.Orders != nil }

// qrHint is the form's hint under the QR choice: where the code leads.
func (s *server) qrHint() string {
	if s.qrToPublic() {
		return "qr.hint.public"
	}
	return "qr.hint"
}

// publicLink is one leaflet's public page on the edit side's links page.
type publicLink struct {
	URL, Lang       string
	Topic, Language string // in the UI language
}

// publicLinks lists the public pages of o's leaflets in the UI language,
// and whether the leaflets' QR codes lead there.
func (s *server) publicLinks(c *gin.Context, u ui, in *pipelineInfo, o orders.Order) ([]publicLink, bool) {
	if o.Public == "" {
		return nil, false
	}
	var out []publicLink
	for _, l := range o.Leaflets {
		lang := in.names[u.Tag][l.Lang]
		if lang == "" {
			lang = l.Lang
		}
		out = append(out, publicLink{URL: s.publicURL(c, o.Public, l.Topic, l.Lang), Lang: l.Lang,
			Topic: in.topic(u.Tag, vocab.TopicID(l.Topic)).Title, Language: lang})
	}
	var asked struct {
		QR    bool   `json:"qr"`
		QRURL string `json:"qr_url"`
	}
	json.Unmarshal(o.Request, &asked) // the store took only valid JSON
	return out, s.qrToPublic() && asked.QR && asked.QRURL == ""
}

// unbuildable is the page of a saved order's leaflet that cannot be made
// now (its language withdrawn, or no longer vetted under
// --require-vetted): 409, the problem said under a heading of its own,
// since the codes of a request's field errors have none.
func (s *server) unbuildable(c *gin.Context, e request.FieldError) {
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	title := u.T("title.order_unbuildable")
	p := messagePage{chrome: s.chrome(u, in, title), Heading: title, Text: u.fieldMessage(e)}
	s.renderPage(c, http.StatusConflict, "message", p.chrome, &p)
}
