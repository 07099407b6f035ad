package web

import (
	"slices"
	"sync"

	"golang.org/x/text/language"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/vocab"
)

// pipelineInfo is what the pages and the API show about one pipeline:
// every locale with its review state, every topic's title and summary in
// each UI language. It is computed once per pipeline, not per request.
type pipelineInfo struct {
	p       *Pipeline
	locales []localeInfo
	byTag   map[string]int
	topics  map[string][]topicInfo       // by UI tag
	names   map[string]map[string]string // UI tag → locale tag → the language's name in the UI language
	uiTags  []string
	matcher language.Matcher
	forms   sync.Map // UI tag → the empty form page, with marks for nonce and token
	// catalogHash is the texts' and review state's hash that orders
	// record, computed on first use.
	catalogHash func() string
}

// localeInfo is one leaflet locale as the form and the API show it.
type localeInfo struct {
	Tag         string          `json:"tag"`
	NameSwedish string          `json:"name_sv"`
	Native      string          `json:"native"`
	Script      string          `json:"script"`
	Direction   vocab.Direction `json:"direction"`
	Sample      string          `json:"sample"`
	Source      bool            `json:"source"`
	Messages    int             `json:"messages"`        // messages in the locale's file
	Expected    int             `json:"source_messages"` // messages in the Swedish source
	VettedCount int             `json:"vetted_messages"` // of Messages, how many are vetted
	Vetted      bool            `json:"vetted"`          // every message of the source is there and vetted
}

// topicInfo is one topic with its title and one-line summary.
type topicInfo struct {
	ID      vocab.TopicID `json:"id"`
	Title   string        `json:"title"`
	Summary string        `json:"summary"`
	Roles   []vocab.Role  `json:"roles"`
}

func newPipelineInfo(p *Pipeline) *pipelineInfo {
	in := &pipelineInfo{p: p, byTag: map[string]int{}, topics: map[string][]topicInfo{}, names: map[string]map[string]string{}}
	vetting := p.vetting()
	cat := p.Catalog
	expected := len(cat.Source().IDs())
	for _, tag := range cat.Tags() {
		loc, err := cat.Locale(tag)
		if err != nil {
			continue
		}
		m := loc.Meta()
		ids := loc.IDs()
		unvetted := len(vetting.Unvetted(loc.Tag(), ids))
		li := localeInfo{Tag: loc.Tag(), NameSwedish: m.NameSwedish, Native: m.NameNative, Script: m.Script,
			Direction: m.Direction, Sample: m.Sample, Source: m.Source, Messages: len(ids), Expected: expected,
			VettedCount: len(ids) - unvetted}
		li.Vetted = unvetted == 0 && len(ids) >= expected
		in.byTag[li.Tag] = len(in.locales)
		in.locales = append(in.locales, li)
	}
	in.uiTags = cat.UITags()
	var tags []language.Tag
	for _, t := range in.uiTags {
		tags = append(tags, language.Make(t))
		in.topics[t] = topicsIn(p, t)
		in.names[t] = languageNames(cat, t, in.locales)
	}
	in.matcher = language.NewMatcher(tags)
	in.catalogHash = sync.OnceValue(func() string { return textsHash(cat, in.locales) })
	return in
}

// topicsIn returns the topics with title and summary from the leaflet
// locale of the UI language (the Swedish source where that lacks one).
func topicsIn(p *Pipeline, uiTag string) []topicInfo {
	locs := []*catalog.Locale{p.Catalog.Source()}
	if l, err := p.Catalog.Locale(uiTag); err == nil {
		locs = []*catalog.Locale{l, p.Catalog.Source()}
	}
	text := func(id string) string {
		for _, l := range locs {
			if s, err := l.Text(id, map[string]any{"Municipality": "", "Emergency": "112"}); err == nil {
				return s
			}
		}
		return ""
	}
	var out []topicInfo
	for _, id := range vocab.Topics() {
		t, ok := p.Topics.Topic(id)
		if !ok {
			continue
		}
		ti := topicInfo{ID: id, Title: text(t.Title), Summary: text(t.Summary), Roles: slices.Clone(t.Roles)}
		if ti.Title == "" {
			ti.Title = string(id)
		}
		out = append(out, ti)
	}
	return out
}

// languageNames names every locale in the UI language: the UI file's
// "language.<tag>" message, else the Swedish name. (CLDR's names, from
// golang.org/x/text/language/display, came between the two; no shipped
// UI file needed them, and the package's tables cost every run of the
// program 0.9 ms at start, a 30th of one leaflet.)
func languageNames(cat *catalog.Catalog, uiTag string, locales []localeInfo) map[string]string {
	ui, _ := cat.UI(uiTag)
	out := map[string]string{}
	for _, l := range locales {
		name := ""
		if ui != nil {
			name, _ = ui.Text("language."+l.Tag, nil)
		}
		if name == "" {
			name = l.NameSwedish
		}
		out[l.Tag] = name
	}
	return out
}

func (in *pipelineInfo) locale(tag string) (localeInfo, bool) {
	i, ok := in.byTag[tag]
	if !ok {
		return localeInfo{}, false
	}
	return in.locales[i], true
}

func (in *pipelineInfo) topic(uiTag string, id vocab.TopicID) topicInfo {
	for _, t := range in.topics[uiTag] {
		if t.ID == id {
			return t
		}
	}
	return topicInfo{ID: id, Title: string(id)}
}
