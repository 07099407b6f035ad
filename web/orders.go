package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/printset"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// Saved orders: the API, the print shop's order sheet and its files, and
// the edit side's links page. Every route here needs Config.Orders.
//
//	POST /api/v1/orders                  the /api/v1/leaflets request → 201 {"id","edit_url","print_url","print_expires"}
//	GET  /api/v1/orders/:edit            the order: request, dates, print link and its expiry
//	PUT  /api/v1/orders/:edit            the same request again, changed: a re-order (same links)
//	POST /api/v1/orders/:edit/extend     the print link lasts PrintDays from now (or from its expiry, if later)
//	GET  /print/:print                   the order sheet, Swedish and English
//	GET  /print/:print/bundle.zip        every print file and manifest.json
//	GET  /print/:print/files/:name       one print file
//	GET  /edit/:edit/links               the edit side's links page, with "extend"
//	POST /edit/:edit/extend              the form behind that button
//
// GET /edit/:edit itself is the form, prefilled (the form's own code).

// Problem codes of orders; each has UI messages "validation.<code>" and "title.<code>".
const (
	codePrintExpired request.Code = "print_link_expired"
	codeLogoBroken   request.Code = "logo_stored_damaged"
)

// defaultPrintDays is how long a print link lasts without Config.PrintDays.
const defaultPrintDays = 60

func (s *server) orderRoutes(r *gin.Engine) {
	if s.cfg.Orders == nil {
		return
	}
	r.POST("/api/v1/orders", s.bodyLimit(maxAPIBytes), s.apiCreateOrder)
	r.GET("/api/v1/orders/:edit", s.apiGetOrder)
	r.PUT("/api/v1/orders/:edit", s.bodyLimit(maxAPIBytes), s.apiUpdateOrder)
	r.POST("/api/v1/orders/:edit/extend", s.apiExtendOrder)
	r.GET("/print/:print", s.getOrderSheet)
	r.GET("/print/:print/bundle.zip", s.getBundle)
	r.GET("/print/:print/files/:name", s.getPrintFile)
	r.GET("/edit/:edit", s.getEditForm)
	r.GET("/edit/:edit/links", s.getOrderLinks)
	r.POST("/edit/:edit/extend", s.sameOrigin, s.bodyLimit(64<<10), s.postExtend)
	s.publicRoutes(r)
}

func (s *server) printDays() int {
	if s.cfg.PrintDays > 0 {
		return s.cfg.PrintDays
	}
	return defaultPrintDays
}

// EditPath and PrintPath are where an order's capabilities lead.
func EditPath(c orders.Capability) string  { return "/edit/" + string(c) }
func PrintPath(c orders.Capability) string { return "/print/" + string(c) }

// absolute makes a path absolute: on --public-url when set, else on the
// request's own scheme and host.
func (s *server) absolute(c *gin.Context, path string) string {
	if s.public != nil {
		return s.public.Scheme + "://" + s.public.Host + strings.TrimRight(s.public.Path, "/") + path
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}

// SaveOrder makes an order's print files (so that an order that cannot
// be printed is never saved), records what they are and saves the order.
// logoID is a logo in the store, "" for none; public is the order's
// public link when the caller made it already ("": a new one). Problems
// with the order are field errors; anything else is an error of the
// server's own.
func (s *server) saveOrder(c *gin.Context, p *Pipeline, in *pipelineInfo, req *request.Request, logoID string, public orders.Capability) (orders.Created, request.FieldErrors, error) {
	if public == "" {
		public = orders.NewCapability()
	}
	s.leafletPages(req, public)
	leaflets, ferrs, err := s.describe(c, p, in, req, logoID)
	if err != nil || len(ferrs) > 0 {
		return orders.Created{}, ferrs, err
	}
	js, err := json.Marshal(req)
	if err != nil {
		return orders.Created{}, nil, err
	}
	created, err := s.cfg.Orders.CreateOrder(c.Request.Context(), orders.NewOrder{Request: js, LogoID: logoID,
		CatalogHash: in.catalogHash(), Leaflets: leaflets, PrintExpires: s.now().AddDate(0, 0, s.printDays()), Public: public})
	return created, nil, err
}

// updateOrder re-makes a saved order from a changed request (the edit
// link's re-order): its print files are made again, its record replaced,
// its links kept.
func (s *server) updateOrder(c *gin.Context, p *Pipeline, in *pipelineInfo, o orders.Order, req *request.Request, logoID string) (orders.Order, request.FieldErrors, error) {
	s.leafletPages(req, o.Public)
	leaflets, ferrs, err := s.describe(c, p, in, req, logoID)
	if err != nil || len(ferrs) > 0 {
		return o, ferrs, err
	}
	js, err := json.Marshal(req)
	if err != nil {
		return o, nil, err
	}
	updated, err := s.cfg.Orders.UpdateOrder(c.Request.Context(), o.ID, orders.Change{Request: js, LogoID: logoID,
		CatalogHash: in.catalogHash(), Leaflets: leaflets})
	updated.Print, updated.Public = o.Print, o.Public
	return updated, nil, err
}

// describe builds the print files of req and describes each.
func (s *server) describe(c *gin.Context, p *Pipeline, in *pipelineInfo, req *request.Request, logoID string) ([]orders.Leaflet, request.FieldErrors, error) {
	if err := s.attachLogo(c.Request.Context(), req, logoID); err != nil {
		return nil, nil, err
	}
	preq := printset.PrintRequest(req)
	files, ferrs, err := s.generate(c, p, preq)
	if err != nil || len(ferrs) > 0 {
		return nil, ferrs, err
	}
	var out []orders.Leaflet
	for _, f := range files {
		facts := orders.ReadPrintFacts(f.Data)
		out = append(out, orders.Leaflet{Topic: string(f.Topic), Lang: f.Lang, Format: string(f.Format),
			Paper: string(printset.Paper(req)), Pages: facts.Pages, BleedMM: facts.BleedMM, PDFX: facts.PDFX,
			Bytes: len(f.Data), Fingerprint: s.fingerprint(p, preq, f.Topic, f.Lang)})
	}
	return out, nil, nil
}

// fingerprint is what the leaflet prints now, "" when it cannot be made.
func (s *server) fingerprint(p *Pipeline, req *request.Request, topic vocab.TopicID, lang string) string {
	doc, err := p.Builder.Resolver().Resolve(req, topic, lang)
	if err != nil {
		return ""
	}
	return printset.Fingerprint(doc)
}

// attachLogo puts the stored logo into the request.
func (s *server) attachLogo(ctx context.Context, req *request.Request, logoID string) error {
	if logoID == "" {
		return nil
	}
	l, err := s.storedLogo(ctx, logoID)
	if err != nil {
		return err
	}
	req.Logo = l.Data
	return nil
}

type orderAnswer struct {
	ID           string    `json:"id"`
	EditURL      string    `json:"edit_url"`
	PrintURL     string    `json:"print_url"`
	PrintExpires time.Time `json:"print_expires"`
	// PublicURLs are the leaflets' public HTML pages, in Leaflets' order.
	PublicURLs []string         `json:"public_urls,omitempty"`
	Leaflets   []orders.Leaflet `json:"leaflets"`
	// Request is the order as saved: phone numbers and web addresses as
	// understood (request.Normalize), the logo left out; Normalized says
	// what was rewritten.
	Request    json.RawMessage `json:"request"`
	Normalized []apiNormalized `json:"normalized,omitempty"`
}

// apiCreateOrder saves a JSON order (the /api/v1/leaflets request).
func (s *server) apiCreateOrder(c *gin.Context) {
	p, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	req, norm, ok := s.apiRequest(c, u)
	if !ok {
		return
	}
	logoID, ok := s.apiOrderLogo(c, u, req)
	if !ok {
		return
	}
	created, ferrs, err := s.saveOrder(c, p, in, req, logoID, "")
	if s.orderFailed(c, u, ferrs, err) {
		return
	}
	s.log.InfoContext(c.Request.Context(), "order saved", "order", created.Order.ID, "municipality", req.Municipality.Code,
		"topics", req.Topics, "languages", req.Languages, "leaflets", len(created.Order.Leaflets))
	c.Header("Location", s.absolute(c, "/api/v1/orders/"+string(created.Edit)))
	c.JSON(http.StatusCreated, orderAnswer{ID: created.Order.ID, EditURL: s.absolute(c, EditPath(created.Edit)),
		PrintURL: s.absolute(c, PrintPath(created.Print)), PrintExpires: created.Order.PrintExpires,
		PublicURLs: s.publicURLs(c, created.Order, created.Public), Leaflets: created.Order.Leaflets,
		Request: withoutLogo(created.Order.Request), Normalized: normalizedAnswer(norm)})
}

// orderFailed answers an API error, if there is one.
func (s *server) orderFailed(c *gin.Context, u ui, ferrs request.FieldErrors, err error) bool {
	var damaged *orders.DamagedLogoError
	switch {
	case errors.Is(err, errBusy):
		c.Header("Retry-After", "5")
		s.apiFail(c, http.StatusServiceUnavailable, u, request.FieldErrors{{Code: codeBusy}})
	case errors.As(err, &damaged):
		s.log.Error("stored logo damaged", "logo", damaged.ID)
		s.apiFail(c, http.StatusConflict, u, request.FieldErrors{{Field: "logo", Code: codeLogoBroken}})
	case err != nil:
		s.log.Error("order failed", "err", errKind(err))
		s.apiFail(c, http.StatusInternalServerError, u, request.FieldErrors{{Code: codeInternal}})
	case len(ferrs) > 0:
		s.apiFail(c, http.StatusBadRequest, u, ferrs)
	default:
		return false
	}
	return true
}

type orderState struct {
	ID           string           `json:"id"`
	Created      time.Time        `json:"created"`
	Updated      time.Time        `json:"updated"`
	PrintURL     string           `json:"print_url,omitempty"`
	PrintExpires time.Time        `json:"print_expires"`
	CatalogHash  string           `json:"catalog_hash"`
	Request      json.RawMessage  `json:"request"`
	Leaflets     []orders.Leaflet `json:"leaflets"`
	PublicURLs   []string         `json:"public_urls,omitempty"`
	Normalized   []apiNormalized  `json:"normalized,omitempty"` // in the answer to a PUT: what it rewrote
}

func (s *server) orderByEdit(c *gin.Context) (orders.Order, bool) {
	o, err := s.cfg.Orders.OrderByEdit(c.Request.Context(), orders.Capability(c.Param("edit")))
	switch {
	case errors.Is(err, orders.ErrNotFound):
		s.notFound(c)
		return o, false
	case err != nil:
		s.log.Error("order store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return o, false
	}
	return o, true
}

func (s *server) apiGetOrder(c *gin.Context) {
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, s.orderState(c, o))
}

// apiUpdateOrder replaces a saved order's request (PUT, the edit
// capability in the path). A logo in the request replaces the order's;
// without one, the logo it had stays.
func (s *server) apiUpdateOrder(c *gin.Context) {
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	p, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	req, norm, ok := s.apiRequest(c, u)
	if !ok {
		return
	}
	logoID, ok := s.apiOrderLogo(c, u, req)
	if !ok {
		return
	}
	if logoID == "" {
		logoID = o.LogoID
	}
	o, ferrs, err := s.updateOrder(c, p, in, o, req, logoID)
	if s.orderFailed(c, u, ferrs, err) {
		return
	}
	s.log.InfoContext(c.Request.Context(), "order updated", "order", o.ID, "leaflets", len(o.Leaflets))
	st := s.orderState(c, o)
	st.Normalized = normalizedAnswer(norm)
	c.JSON(http.StatusOK, st)
}

func (s *server) orderState(c *gin.Context, o orders.Order) orderState {
	st := orderState{ID: o.ID, Created: o.Created, Updated: o.Updated, PrintExpires: o.PrintExpires,
		CatalogHash: o.CatalogHash, Request: withoutLogo(o.Request), Leaflets: o.Leaflets}
	if o.Print != "" {
		st.PrintURL = s.absolute(c, PrintPath(o.Print))
	}
	st.PublicURLs = s.publicURLs(c, o, o.Public)
	return st
}

// extend makes the print link last printDays from now, or from its
// present expiry when that is later.
func (s *server) extend(c *gin.Context, o orders.Order) (orders.Order, error) {
	from := s.now()
	if o.PrintExpires.After(from) {
		from = o.PrintExpires
	}
	return s.cfg.Orders.ExtendPrint(c.Request.Context(), o.ID, from.AddDate(0, 0, s.printDays()))
}

func (s *server) apiExtendOrder(c *gin.Context) {
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	o, err := s.extend(c, o)
	if err != nil {
		s.log.Error("order store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	c.JSON(http.StatusOK, s.orderState(c, o))
}

// orderByPrint opens the order of a print link: 404 for a link that never
// was, 410 with the date for one that expired.
func (s *server) orderByPrint(c *gin.Context) (orders.Order, bool) {
	o, err := s.cfg.Orders.OrderByPrint(c.Request.Context(), orders.Capability(c.Param("print")))
	var exp *orders.ExpiredError
	switch {
	case errors.As(err, &exp):
		s.message(c, http.StatusGone, codePrintExpired, "Date", exp.Expired.Format(time.DateOnly))
		return o, false
	case errors.Is(err, orders.ErrNotFound):
		s.notFound(c)
		return o, false
	case err != nil:
		s.log.Error("order store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return o, false
	}
	c.Header("Cache-Control", "no-store")
	c.Header("X-Robots-Tag", "noindex")
	return o, true
}

// savedRequest is the order's request with its logo.
func (s *server) savedRequest(c *gin.Context, o orders.Order) (*request.Request, error) {
	req, err := request.Parse(strings.NewReader(string(o.Request)))
	if err != nil {
		return nil, fmt.Errorf("order %s: stored request: %w", o.ID, err)
	}
	if err := s.attachLogo(c.Request.Context(), req, o.LogoID); err != nil {
		return nil, err
	}
	s.leafletPages(req, o.Public)
	return req, nil
}

// municipalityName is the short name for file names: "Falkenberg".
func (s *server) municipalityName(req *request.Request) string {
	if m, ok := s.cfg.Municipalities.ByCode(req.Municipality.Code); ok {
		return m.Name
	}
	return req.Municipality.Name
}

// printFiles builds the order's print files now and names them for people.
func (s *server) printFiles(c *gin.Context, p *Pipeline, in *pipelineInfo, req *request.Request) ([]assemble.File, request.FieldErrors, error) {
	files, ferrs, err := s.generate(c, p, printset.PrintRequest(req))
	if err != nil || len(ferrs) > 0 {
		return nil, ferrs, err
	}
	for i, f := range files {
		files[i].Name = s.printName(in, req, f.Topic, f.Lang)
	}
	return files, nil, nil
}

func (s *server) printName(in *pipelineInfo, req *request.Request, topic vocab.TopicID, lang string) string {
	name := lang
	if l, ok := in.locale(lang); ok && l.NameSwedish != "" {
		name = l.NameSwedish
	}
	return printset.FileName(s.municipalityName(req), topic, name, printset.Paper(req))
}

// printFailed shows a failure to make an order's files as a page.
func (s *server) printFailed(c *gin.Context, ferrs request.FieldErrors, err error) bool {
	var damaged *orders.DamagedLogoError
	switch {
	case errors.Is(err, errBusy):
		c.Header("Retry-After", "5")
		s.message(c, http.StatusServiceUnavailable, codeBusy)
	case errors.As(err, &damaged):
		s.log.Error("stored logo damaged", "logo", damaged.ID)
		s.message(c, http.StatusInternalServerError, codeLogoBroken)
	case err != nil:
		s.log.Error("print files", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
	case len(ferrs) > 0:
		// The order was valid when saved; the texts changed under it (a
		// language removed, --require-vetted and an approval withdrawn).
		s.log.Warn("saved order no longer builds", "problems", len(ferrs))
		s.unbuildable(c, ferrs[0])
	default:
		return false
	}
	return true
}

func paramsKV(m map[string]string) []string {
	var kv []string
	for k, v := range m {
		kv = append(kv, k, v)
	}
	return kv
}

// getBundle answers the ZIP of every print file with its manifest.
func (s *server) getBundle(c *gin.Context) {
	o, ok := s.orderByPrint(c)
	if !ok {
		return
	}
	if e := s.rateLimit(c); e != nil {
		s.message(c, http.StatusTooManyRequests, e.Code, paramsKV(e.Params)...)
		return
	}
	p, in := s.pipeline()
	req, err := s.savedRequest(c, o)
	if s.printFailed(c, nil, err) {
		return
	}
	start := s.now()
	files, ferrs, err := s.printFiles(c, p, in, req)
	if s.printFailed(c, ferrs, err) {
		return
	}
	a, err := assemble.NewArchive(files, s.manifest(files, s.now()))
	if s.printFailed(c, nil, err) {
		return
	}
	s.log.InfoContext(c.Request.Context(), "print bundle", "order", o.ID, "files", len(files), "duration", s.now().Sub(start))
	s.sendArchive(c, printset.BundleName(s.municipalityName(req), s.now().UTC().Format(time.DateOnly)), a)
}

// getPrintFile answers one print file by its name on the sheet.
func (s *server) getPrintFile(c *gin.Context) {
	o, ok := s.orderByPrint(c)
	if !ok {
		return
	}
	p, in := s.pipeline()
	req, err := s.savedRequest(c, o)
	if s.printFailed(c, nil, err) {
		return
	}
	want := c.Param("name")
	var one *request.Request
	for _, l := range o.Leaflets {
		if s.printName(in, req, vocab.TopicID(l.Topic), l.Lang) == want {
			r := *req
			r.Topics, r.Languages = []string{l.Topic}, []string{l.Lang}
			one = &r
			break
		}
	}
	if one == nil {
		s.notFound(c)
		return
	}
	if e := s.rateLimit(c); e != nil {
		s.message(c, http.StatusTooManyRequests, e.Code, paramsKV(e.Params)...)
		return
	}
	files, ferrs, err := s.printFiles(c, p, in, one)
	if s.printFailed(c, ferrs, err) {
		return
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": files[0].Name}))
	c.Data(http.StatusOK, "application/pdf", files[0].Data)
}

// sheetRow is one leaflet on the order sheet.
type sheetRow struct {
	File             string
	URL              string
	TopicSV, TopicEN string
	LangSV, LangEN   string
	Native, Tag      string
	Dir              vocab.Direction
	Pages            int
	Paper            string
	PDFX             string
	BleedMM          string
	Changed          bool // would print differently now than when ordered
	Vetted           bool
}

type sheetPage struct {
	chrome
	SV, EN       ui
	Municipality string
	Ordered      string
	Updated      string
	Expires      string
	Catalog      string
	CatalogNow   string
	BundleURL    string
	Rows         []sheetRow
	Changed      int
}

// getOrderSheet is the print shop's page: what to print, in Swedish and
// English, with the files.
func (s *server) getOrderSheet(c *gin.Context) {
	o, ok := s.orderByPrint(c)
	if !ok {
		return
	}
	p, in := s.pipeline()
	req, err := s.savedRequest(c, o)
	if s.printFailed(c, nil, err) {
		return
	}
	sv, en := s.uiFor(c, in, "sv"), s.uiFor(c, in, "en")
	page := sheetPage{chrome: s.chrome(sv, in, sv.T("sheet.title")+" / "+en.T("sheet.title")), SV: sv, EN: en,
		Municipality: s.municipalityName(req), Ordered: o.Created.Format(time.DateOnly), Updated: o.Updated.Format(time.DateOnly),
		Expires: o.PrintExpires.Format(time.DateOnly), Catalog: short(o.CatalogHash), CatalogNow: short(in.catalogHash()),
		BundleURL: PrintPath(orders.Capability(c.Param("print"))) + "/bundle.zip"}
	if m, ok := s.cfg.Municipalities.ByCode(req.Municipality.Code); ok && m.Official != "" {
		page.Municipality = m.Official
	}
	page.Switch = nil // the sheet is in both languages at once
	preq := printset.PrintRequest(req)
	for _, l := range o.Leaflets {
		topic := vocab.TopicID(l.Topic)
		name := s.printName(in, req, topic, l.Lang)
		row := sheetRow{File: name, URL: PrintPath(orders.Capability(c.Param("print"))) + "/files/" + name,
			TopicSV: in.topic("sv", topic).Title, TopicEN: in.topic("en", topic).Title,
			LangSV: in.names["sv"][l.Lang], LangEN: in.names["en"][l.Lang], Tag: l.Lang,
			Pages: l.Pages, Paper: strings.ToUpper(l.Paper), PDFX: l.PDFX, BleedMM: fmt.Sprintf("%.0f", l.BleedMM)}
		if li, ok := in.locale(l.Lang); ok {
			row.Dir, row.Vetted = li.Direction, li.Vetted
			if li.Native != row.LangSV && li.Native != row.LangEN {
				row.Native = li.Native // the name as its readers write it, unless that is one of the two already shown
			}
		}
		if s.fingerprint(p, preq, topic, l.Lang) != l.Fingerprint {
			row.Changed = true
			page.Changed++
		}
		page.Rows = append(page.Rows, row)
	}
	s.renderPage(c, http.StatusOK, "ordersheet", page.chrome, &page)
}

// withoutLogo is a stored request for an answer, without the logo's
// data: URL (megabytes the client sent and has).
func withoutLogo(js json.RawMessage) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(js, &m) != nil {
		return js
	}
	if _, ok := m["logo"]; !ok {
		return js
	}
	delete(m, "logo")
	out, err := json.Marshal(m)
	if err != nil {
		return js
	}
	return out
}

// publicURLs lists the public page of each leaflet of o, nil for an
// order without a public link.
func (s *server) publicURLs(c *gin.Context, o orders.Order, public orders.Capability) []string {
	if public == "" {
		return nil
	}
	var out []string
	for _, l := range o.Leaflets {
		out = append(out, s.publicURL(c, public, l.Topic, l.Lang))
	}
	return out
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

type linksPage struct {
	chrome
	Public   []publicLink // the leaflets' public pages
	PublicQR bool         // the leaflets' QR codes lead to them
	CSRF     string
	EditURL  string
	PrintURL string
	Expires  string
	Expired  bool
	Extend   string
	Days     int
	Leaflets int
	Extended bool
}

// getOrderLinks is the edit side's page of links: the print link again,
// its expiry and a button that extends it.
func (s *server) getOrderLinks(c *gin.Context) {
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	_, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	edit := orders.Capability(c.Param("edit"))
	page := linksPage{chrome: s.chrome(u, in, u.T("links.title")), EditURL: s.absolute(c, EditPath(edit)),
		Expires: o.PrintExpires.Format(time.DateOnly), Expired: !o.PrintExpires.After(s.now()),
		Extend: EditPath(edit) + "/extend?lang=" + u.Tag, Days: s.printDays(), Leaflets: len(o.Leaflets),
		Extended: c.Query("extended") == "1"}
	if o.Print != "" {
		page.PrintURL = s.absolute(c, PrintPath(o.Print))
	}
	page.Public, page.PublicQR = s.publicLinks(c, u, in, o)
	page.CSRF = s.csrfToken(c)
	c.Header("Cache-Control", "no-store")
	s.renderPage(c, http.StatusOK, "orderlinks", page.chrome, &page)
}

// postExtend is the links page's button.
func (s *server) postExtend(c *gin.Context) {
	c.Request.ParseForm()
	if !s.csrfValid(c) {
		s.message(c, http.StatusForbidden, codeFormExpired)
		return
	}
	o, ok := s.orderByEdit(c)
	if !ok {
		return
	}
	if _, err := s.extend(c, o); err != nil {
		s.log.Error("order store", "err", errKind(err))
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	lang := c.Query("lang")
	if !slices.Contains([]string{"sv", "en"}, lang) {
		lang = "sv"
	}
	c.Redirect(http.StatusSeeOther, EditPath(orders.Capability(c.Param("edit")))+"/links?extended=1&lang="+lang)
}
