package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// checkPage is "check your answers": the order in words, each part with a
// link back to change it, and the button that makes the files.
type checkPage struct {
	chrome
	CSRF, Action string
	Rows         []answerRow
	Contacts     []answerContact
	Files        string // "8 broschyrer: 2 ämnen på 4 språk, PDF"
	Summary      []summaryItem
	Focus        string
}

type answerRow struct{ Key, Value, Href, Change string }

type answerContact struct {
	Title string
	Lines []string
}

// getCheck shows the order for a last look before download. An order
// with problems goes back to the form, which shows them.
func (s *server) getCheck(c *gin.Context) {
	id := c.Param("id")
	d, err := s.loadDraft(c, id)
	if err != nil {
		s.notFound(c)
		return
	}
	p, in := s.pipeline()
	if errs := orderErrors(p, &d.State); len(errs) > 0 {
		d.Check, d.Focus = true, "error-summary"
		if err := s.saveDraft(c, id, d); err != nil {
			s.log.Error("draft store", "err", err)
		}
		c.Redirect(http.StatusSeeOther, "/d/"+id)
		return
	}
	u := s.uiFor(c, in, d.UI)
	req, _ := s.orderOf(c, d)
	pg := &checkPage{chrome: s.chrome(u, in, u.T("check.title")), Action: "/d/" + id}
	back := "/d/" + id
	change := func(what string) string { return u.T("check.change", "What", strings.ToLower(what)) }
	muni := d.State.MuniName
	if m, ok := s.cfg.Municipalities.ByCode(d.State.MuniCode); ok && muni == "" {
		muni = m.Official
	}
	add := func(key, value, anchor string) {
		pg.Rows = append(pg.Rows, answerRow{Key: key, Value: value, Href: back + "#" + anchor, Change: change(key)})
	}
	add(u.T("check.issuer"), muni, "muni-section")
	var topics []string
	for _, t := range in.topics[u.Tag] {
		if slices.Contains(req.Topics, string(t.ID)) {
			topics = append(topics, t.Title)
		}
	}
	add(u.T("topics.legend"), strings.Join(topics, ", "), "topics")
	var langs []string
	for _, l := range req.Languages {
		langs = append(langs, in.names[u.Tag][l])
	}
	add(u.T("langs.legend"), strings.Join(langs, ", "), "languages")
	logo := u.T("check.no_logo")
	if req.Logo != nil {
		logo = u.T("check.logo")
	}
	add(u.T("logo.label"), logo, "logo-section")
	paper := req.Paper
	if paper == "" {
		paper = string(vocab.A4)
	}
	output := outputDigital
	if req.Print {
		output = outputPrint
	}
	add(u.T("paper.legend"), u.T("paper."+paper)+", "+strings.ToLower(u.T("output."+output)), "paper-section")
	var formats []string
	for _, f := range req.Formats {
		formats = append(formats, u.T("format."+f))
	}
	add(u.T("formats.legend"), strings.Join(formats, ", "), "formats")
	qr := u.T("check.qr.none")
	if req.QR && s.qrToPublic() {
		qr = u.T("check.qr.public")
	} else if req.QR {
		for _, ct := range req.Contacts {
			if ct.Web != "" {
				qr = u.T("check.qr.yes", "URL", ct.Web)
				break
			}
		}
	}
	add(u.T("check.qr"), qr, "paper-section")
	for _, ct := range req.Contacts {
		ac := answerContact{Title: u.T("role."+ct.Role) + ": " + ct.Name}
		for _, v := range []string{ct.Phone, ct.Email, ct.Web, ct.Address} {
			if v != "" {
				ac.Lines = append(ac.Lines, v)
			}
		}
		for _, h := range ct.Hours {
			ac.Lines = append(ac.Lines, hoursText(u, h))
		}
		pg.Contacts = append(pg.Contacts, ac)
	}
	n := len(req.Topics) * len(req.Languages) * max(1, len(req.Formats))
	pg.Files = u.T("check.files", "Count", fmt.Sprint(n))
	for _, e := range d.Problems {
		pg.Summary = append(pg.Summary, summaryItem{Href: "#download-button", Text: u.fieldMessage(e)})
	}
	if len(pg.Summary) > 0 {
		pg.Focus = "error-summary"
		d.Problems = nil
		if err := s.saveDraft(c, id, d); err != nil {
			s.log.Error("draft store", "err", err)
		}
	}
	pg.CSRF = s.csrfToken(c)
	s.renderPage(c, http.StatusOK, "check", pg.chrome, pg)
}

// hoursText is one opening-hours line in words: "måndag–fredag 08:00–16:30".
func hoursText(u ui, h request.Hours) string {
	from, to, _ := strings.Cut(h.Days, "-")
	days := u.T("day." + from)
	if to != "" {
		days += "–" + u.T("day."+to)
	}
	return days + " " + h.From + "–" + h.To
}

// donePage confirms the order and starts the download of its files.
type donePage struct {
	chrome
	FileURL, EditURL, FormURL string
	PrintURL, LinksURL        string // with an order store: the print shop's link, and the page that extends it
}

func (s *server) getDone(c *gin.Context) {
	id := c.Param("id")
	if _, err := s.loadDraft(c, id); err != nil {
		s.notFound(c)
		return
	}
	_, in := s.pipeline()
	d, _ := s.loadDraft(c, id)
	u := s.uiFor(c, in, d.UI)
	pg := &donePage{chrome: s.chrome(u, in, u.T("done.title")), EditURL: s.absURL(c.Request, "/d/"+id), FormURL: "/d/" + id}
	if d.Edit != "" {
		pg.FormURL = EditPath(orders.Capability(d.Edit))
		pg.EditURL = s.absolute(c, pg.FormURL)
		pg.LinksURL = pg.FormURL + "/links"
	}
	if d.Print != "" {
		pg.PrintURL = s.absolute(c, PrintPath(orders.Capability(d.Print)))
	}
	if f := c.Query("f"); orders.ValidID(f) {
		if _, ok := s.files.get(f); ok {
			pg.FileURL = "/files/" + f
			pg.Refresh = pg.FileURL
		}
	}
	s.renderPage(c, http.StatusOK, "done", pg.chrome, pg)
}
