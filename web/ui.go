package web

import (
	"log/slog"
	"slices"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/request"
)

// ui is the form's language for one request: its tag and its strings.
type ui struct {
	Tag string
	loc *catalog.Locale
	log *slog.Logger
}

// T returns the UI message id filled with the key/value pairs kv. A
// message the UI file lacks is shown as its ID in brackets and logged; a
// test keeps every page free of them.
func (u ui) T(id string, kv ...string) string {
	var data map[string]any
	if len(kv) > 1 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i]] = kv[i+1]
		}
	}
	if u.loc != nil {
		if s, err := u.loc.Text(id, data); err == nil {
			return s
		}
	}
	u.log.Error("ui message missing", "id", id, "ui", u.Tag)
	return "[[" + id + "]]"
}

// fieldMessage is a validation problem in the UI language.
func (u ui) fieldMessage(e request.FieldError) string {
	if u.loc != nil {
		if s, err := e.Message(u.loc); err == nil {
			return s
		}
	}
	return u.T("validation." + string(e.Code))
}

// Other returns the UI languages other than this one, to switch to.
func (u ui) others(in *pipelineInfo) []string {
	return slices.DeleteFunc(slices.Clone(in.uiTags), func(t string) bool { return t == u.Tag })
}

// uiFor picks the UI language: an explicit choice (the switch, or the
// form's hidden field), else the best match of the browser's
// Accept-Language, else Swedish.
func (s *server) uiFor(c *gin.Context, in *pipelineInfo, explicit string) ui {
	tag := catalog.SourceTag
	switch {
	case explicit != "" && slices.Contains(in.uiTags, explicit):
		tag = explicit
	case c.GetHeader("Accept-Language") != "":
		prefs, _, err := language.ParseAcceptLanguage(c.GetHeader("Accept-Language"))
		if err == nil && len(prefs) > 0 {
			_, i, conf := in.matcher.Match(prefs...)
			if conf != language.No && i < len(in.uiTags) {
				tag = in.uiTags[i]
			}
		}
	}
	loc, _ := in.p.Catalog.UI(tag)
	return ui{Tag: tag, loc: loc, log: s.log}
}
