package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/exchange"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/review"
)

// statusPage is the page for people who order leaflets: per language, in
// plain words, how much of it an authorised translator has checked, per
// topic, and what that means.
type statusPage struct {
	chrome
	Langs []statusLang
}

// statusLang is one language's section.
type statusLang struct {
	Tag, Name, Native, Dir string
	Class                  string   // vetted, partly or unvetted: the sentence's colour
	Sentence               string   // the plain sentence
	More                   []string // missing texts, approvals that no longer hold
	Topics                 []statusTopic
	Download               string // the XLIFF export's URL; empty for the source or without review
	DownloadLabel          string
}

// statusTopic is how much of one topic's text is vetted in a language.
type statusTopic struct {
	Title         string
	Vetted, Total int
	Count, Label  string
}

// getStatus shows every locale's review state, from the translators'
// review snapshot when the pipeline has one, else from its Vetting.
func (s *server) getStatus(c *gin.Context) {
	p, in := s.pipeline()
	u := s.uiFor(c, in, c.Query("lang"))
	page := statusPage{chrome: s.chrome(u, in, u.T("status.title"))}
	vetting := p.vetting()
	rows := map[string]review.LocaleStatus{}
	if p.Review != nil {
		for _, st := range p.Review.Status() {
			rows[st.Lang] = st
		}
	}
	for _, l := range in.locales {
		name := in.names[u.Tag][l.Tag]
		sl := statusLang{Tag: l.Tag, Name: name, Native: l.Native, Dir: string(l.Direction)}
		total, vetted := 0, 0
		for _, t := range in.topics[u.Tag] {
			ids := p.Topics.Messages(t.ID)
			n := len(ids) - len(vetting.Unvetted(l.Tag, ids))
			total, vetted = total+len(ids), vetted+n
			count := u.T("status.topic_count", "Vetted", strconv.Itoa(n), "Total", strconv.Itoa(len(ids)))
			sl.Topics = append(sl.Topics, statusTopic{Title: t.Title, Vetted: n, Total: len(ids), Count: count,
				Label: t.Title + ": " + count})
		}
		switch {
		case l.Source:
			sl.Class, sl.Sentence = "vetted", u.T("status.sentence.source")
		case vetted == 0:
			sl.Class, sl.Sentence = "unvetted", u.T("status.sentence.none")
		case vetted == total:
			sl.Class, sl.Sentence = "vetted", u.T("status.sentence.all")
		default:
			sl.Class, sl.Sentence = "partly", u.T("status.sentence.part", "Vetted", strconv.Itoa(vetted), "Total", strconv.Itoa(total))
		}
		if st, ok := rows[l.Tag]; ok && !st.Source {
			if missing := st.Messages - st.Translated; missing > 0 {
				sl.More = append(sl.More, u.T("status.sentence.missing", "Count", strconv.Itoa(missing)))
			}
			if why := invalidReasons(u, st.Why); why != "" {
				sl.More = append(sl.More, u.T("status.sentence.invalid", "Why", why))
			}
		}
		if p.Review != nil && !l.Source {
			sl.Download = "/status/xliff/" + l.Tag
			sl.DownloadLabel = u.T("status.download", "Language", name)
		}
		page.Langs = append(page.Langs, sl)
	}
	s.renderPage(c, http.StatusOK, "status", page.chrome, &page)
}

// vetting is what decides which messages are vetted: the pipeline's
// Vetting, else its review snapshot, else only the source.
func (p *Pipeline) vetting() resolve.Vetting {
	switch {
	case p.Vetting != nil:
		return p.Vetting
	case p.Review != nil:
		return p.Review
	}
	return resolve.SourceIsVetted{}
}

// invalidReasons says in the UI language why approvals that exist do not
// count; texts without any approval are the common case and are left out.
func invalidReasons(u ui, c review.ReasonCounts) string {
	var parts []string
	for _, p := range []struct {
		key string
		n   int
	}{{"source_changed", c.SourceChanged}, {"translation_edited", c.TranslationEdited},
		{"reviewer_not_listed", c.ReviewerNotListed}, {"fails_check", c.FailsCheck}, {"unsigned", c.Unsigned},
		{"bad_signature", c.BadSignature}, {"key_not_listed", c.KeyNotListed}} {
		if p.n > 0 {
			parts = append(parts, u.T("reason."+p.key, "Count", strconv.Itoa(p.n)))
		}
	}
	return strings.Join(parts, ", ")
}

// getStatusXLIFF sends a locale's texts as XLIFF 2.0 for a translator's
// CAT tool: the same file as `infogen locales export --format xliff`.
func (s *server) getStatusXLIFF(c *gin.Context) {
	p, _ := s.pipeline()
	tag := c.Param("lang")
	if p.Review == nil || tag == catalog.SourceTag || !p.Catalog.Has(tag) {
		s.message(c, http.StatusNotFound, codeNotFound)
		return
	}
	var b bytes.Buffer
	err := exchange.WriteExport(&b, exchange.Locales{Snap: p.Review, Topics: p.Topics}, tag, "")
	var ee *exchange.ExportError
	switch {
	case errors.As(err, &ee):
		s.message(c, http.StatusNotFound, codeNotFound)
		return
	case err != nil:
		s.log.Error("xliff export", "lang", tag, "err", err)
		s.message(c, http.StatusInternalServerError, codeInternal)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="infogeneratorn-`+tag+`.xlf"`)
	c.Data(http.StatusOK, "application/xliff+xml; charset=utf-8", b.Bytes())
}
