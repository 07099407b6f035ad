package web

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// The pages' view models. Templates get typed structs built here, with
// every string already in the UI language.

// chrome is what every page has: language, title, nonce, assets and the
// switch to the other UI languages.
type chrome struct {
	Lang    string
	Title   string
	Nonce   string
	UI      ui
	CSS, JS string
	Switch  []uiSwitch
	FormID  string // on the form page, the switch posts the form so nothing typed is lost
	Refresh string // a file to fetch at once (the confirmation page's download)
}

type uiSwitch struct{ Tag, Label string }

type formPage struct {
	chrome
	CSRF      string
	Action    string // where the form posts: "/" for a new draft, else the draft's address
	EditURL   string // the draft's full address, shown after "Spara"
	Saved     bool
	Undo      string // "Kontakten … togs bort.", with a button to bring it back
	Focus     string // the ID of the control to focus (autofocus)
	Summary   []summaryItem
	errs      map[string][]string
	labels    map[string]string // control ID → its name in messages ("Socialtjänsten, kontakt 1, telefon")
	Muni      inputView
	MuniList  template.HTML // the municipalities as <option>s of the combobox's datalist
	MuniName  inputView
	NameOpen  bool
	Topics    []checkView
	Languages []langView
	Roles     []roleView // the roles of the chosen topics (every role when none is chosen)
	More      []roleView // the other roles, behind "Fler roller"
	MoreOpen  bool
	Logo      logoView
	Papers    []checkView
	Outputs   []checkView
	Large     checkView
	Formats   []checkView
	QR        checkView
	Previews  []previewButton
	Preview   *previewView
}

type previewButton struct{ Value, Label string }

// Err returns the messages shown at a control or group of controls.
func (p *formPage) Err(key string) []string { return p.errs[key] }

type summaryItem struct{ Href, Text string }

type inputView struct {
	ID, Name, Label, Hint, Value, Type, Autocomplete, InputMode, Dir, Accept string
	List                                                                     string // the ID of a datalist
	Note                                                                     string // what the server rewrote, for confirmation
	Errors                                                                   []string
	Focus                                                                    bool
}

// DescribedBy lists the IDs of the control's hint, note and error.
func (v inputView) DescribedBy() string {
	s := describedBy(v.ID, v.Hint != "", len(v.Errors) > 0)
	if v.Note != "" {
		s = strings.TrimSpace(s + " " + v.ID + "-note")
	}
	return s
}

type selectView struct {
	ID, Name, Label, Hint string
	Options               []option
	More                  template.HTML // further options, rendered once (the 290 municipalities)
	Errors                []string
	Focus                 bool
}

func (v selectView) DescribedBy() string { return describedBy(v.ID, v.Hint != "", len(v.Errors) > 0) }

func describedBy(id string, hint, err bool) string {
	s := ""
	if hint {
		s = id + "-hint"
	}
	if err {
		if s != "" {
			s += " "
		}
		s += id + "-error"
	}
	return s
}

type option struct {
	Value, Label string
	Selected     bool
}

type checkView struct {
	ID, Name, Value, Label, Desc string
	Checked                      bool
}

type langView struct {
	checkView
	Tag, Native, Dir, Sample, Status string
	Vetted                           bool
}

type roleView struct {
	Role, Label, AddLabel, AddID string
	Topics                       string // the topics that print this role, for the script
	Rows                         []rowView
	filled                       bool
}

type rowView struct {
	Index                      int
	Role, Legend               string
	Fields                     []inputView
	Hours                      []hoursView
	HoursCount                 int
	RemoveLabel, AddHoursLabel string
	CanAddHours, CanRemove     bool
	HoursOpen                  bool
	HoursSummary               string
}

type hoursView struct {
	Legend         string
	FromDay, ToDay selectView
	Open, Close    inputView
	Remove         string
	RemoveLabel    string
}

type logoView struct {
	Input  inputView
	ID     string
	Stored string // what the server keeps, in words; "" when no logo
	URL    string
	Soft   string // a warning that the logo prints below 150 dpi on the chosen paper; "" when it is sharp
}

type previewView struct {
	URL, Title, Facts string
	PDF               bool
	File              string        // the PDF's name, for the download link
	Pages             []previewPage // each page of the PDF as an image
}

// previewPage is one page of the preview: an SVG image of the PDF's page.
type previewPage struct {
	URL, Alt, Label string
	Width, Height   int
}

// formView builds the form page from the state and the problems found.
func (s *server) formView(u ui, in *pipelineInfo, st formState, errs request.FieldErrors, m fieldMap, focus string) *formPage {
	st = st.withEmptyRows()
	p := &formPage{chrome: s.chrome(u, in, u.T("page.title")), errs: map[string][]string{}, labels: map[string]string{},
		Focus: focus, Action: "/"}
	p.FormID = "order"
	a := anchors{topic: "topics", lang: "languages", format: "formats"}
	if ts := in.topics[u.Tag]; len(ts) > 0 {
		a.topic = "topic-" + string(ts[0].ID)
	}
	if len(in.locales) > 0 {
		a.lang = "lang-" + in.locales[0].Tag
	}
	if fs := in.p.Builder.Formats(); len(fs) > 0 {
		a.format = "format-" + string(fs[0])
	}
	type problem struct {
		ref fieldRef
		msg string
	}
	var problems []problem
	for _, e := range errs {
		ref := m.ref(e, a)
		msg := u.fieldMessage(e)
		p.errs[ref.Key] = append(p.errs[ref.Key], msg)
		problems = append(problems, problem{ref, msg})
	}
	muniText := st.MuniText
	if muniText == "" && st.MuniCode != "" {
		if mu, ok := s.cfg.Municipalities.ByCode(st.MuniCode); ok {
			muniText = mu.Name
		}
	}
	p.Muni = inputView{ID: "municipality", Name: "municipality", Label: u.T("muni.label"), Hint: u.T("muni.hint"),
		Value: muniText, Type: "text", Autocomplete: "off", List: "municipalities", Errors: p.errs["municipality"]}
	p.MuniList = s.munis
	p.MuniName = inputView{ID: "municipality_name", Name: "municipality_name", Label: u.T("muni.name.label"),
		Hint: u.T("muni.name.hint"), Value: st.MuniName, Type: "text", Autocomplete: "organization",
		Errors: p.errs["municipality_name"]}
	p.NameOpen = st.MuniName != "" || len(p.MuniName.Errors) > 0
	p.labels["municipality"] = u.T("muni.label")
	p.labels["municipality_name"] = u.T("muni.name.label")
	p.labels["topics"] = u.T("topics.legend")
	p.labels["languages"] = u.T("langs.legend")
	p.labels["logo"] = u.T("logo.label")
	p.labels["paper"] = u.T("paper.legend")
	p.labels["formats"] = u.T("formats.legend")
	p.labels["contacts"] = u.T("contacts.legend")

	for _, t := range in.topics[u.Tag] {
		p.Topics = append(p.Topics, checkView{ID: "topic-" + string(t.ID), Name: "topics", Value: string(t.ID),
			Label: t.Title, Desc: t.Summary, Checked: slices.Contains(st.Topics, string(t.ID))})
	}
	names := in.names[u.Tag]
	for _, l := range in.locales {
		lv := langView{checkView: checkView{ID: "lang-" + l.Tag, Name: "languages", Value: l.Tag,
			Label: names[l.Tag], Checked: slices.Contains(st.Languages, l.Tag)},
			Tag: l.Tag, Native: l.Native, Dir: string(l.Direction), Sample: l.Sample, Vetted: l.Vetted}
		switch {
		case l.Source:
			lv.Status = u.T("status.source") // the text itself: nobody translated it, nobody "checked" it
		case l.Vetted:
			lv.Status = u.T("langs.vetted")
		default:
			lv.Status = u.T("langs.unvetted", "Vetted", strconv.Itoa(l.VettedCount), "Total", strconv.Itoa(l.Expected))
		}
		p.Languages = append(p.Languages, lv)
	}
	chosen := map[vocab.Role]bool{}
	for _, t := range in.topics[u.Tag] {
		if slices.Contains(st.Topics, string(t.ID)) {
			for _, r := range t.Roles {
				chosen[r] = true
			}
		}
	}
	for _, rv := range s.roleViews(u, in, st, p.errs, p.labels) {
		if len(chosen) == 0 || chosen[vocab.Role(rv.Role)] || rv.filled {
			p.Roles = append(p.Roles, rv)
		} else {
			p.More = append(p.More, rv)
		}
	}
	p.Logo = s.logoView(u, st, p.errs["logo"])

	paper := st.Paper
	if paper == "" {
		paper = string(vocab.A4)
	}
	for _, pp := range []vocab.Paper{vocab.A4, vocab.A5} {
		p.Papers = append(p.Papers, checkView{ID: "paper-" + string(pp), Name: "paper", Value: string(pp),
			Label: u.T("paper." + string(pp)), Checked: paper == string(pp)})
	}
	p.Large = checkView{ID: "large-print", Name: "large_print", Value: "on", Label: u.T("largeprint.label"), Checked: st.LargePrint}
	output := st.Output
	if output != outputPrint {
		output = outputDigital
	}
	for _, o := range []string{outputDigital, outputPrint} {
		p.Outputs = append(p.Outputs, checkView{ID: "output-" + o, Name: "output", Value: o,
			Label: u.T("output." + o), Checked: output == o})
	}
	formats := st.Formats
	available := in.p.Builder.Formats()
	if len(formats) == 0 && len(available) > 0 {
		formats = []string{string(available[0])}
	}
	for _, f := range available {
		p.Formats = append(p.Formats, checkView{ID: "format-" + string(f), Name: "formats", Value: string(f),
			Label: u.T("format." + string(f)), Checked: slices.Contains(formats, string(f))})
	}
	p.QR = checkView{ID: "qr", Name: "qr", Value: "1", Label: u.T("qr.label"), Desc: u.T(s.qrHint()), Checked: st.QR}
	for _, t := range in.topics[u.Tag] {
		if !slices.Contains(st.Topics, string(t.ID)) {
			continue
		}
		for _, l := range in.locales {
			if slices.Contains(st.Languages, l.Tag) {
				p.Previews = append(p.Previews, previewButton{Value: "preview:" + string(t.ID) + ":" + l.Tag,
					Label: u.T("preview.one", "Topic", t.Title, "Lang", names[l.Tag])})
			}
		}
	}
	for _, pr := range problems {
		text := pr.msg
		if label := p.labels[pr.ref.Key]; label != "" {
			text = u.T("errors.item", "Field", label, "Message", pr.msg)
		}
		p.Summary = append(p.Summary, summaryItem{Href: "#" + pr.ref.Href, Text: text})
	}
	if len(p.Summary) > 0 && slices.Contains([]string{"", "error-summary", "saved", "preview-frame"}, p.Focus) {
		p.Focus = "error-summary"
	} else if p.Focus == "error-summary" {
		p.Focus = ""
	}
	markFocus(p)
	return p
}

// notes shows, at each field, how the server rewrote what was typed.
func (p *formPage) notes(u ui, ns []note) {
	byID := map[string]note{}
	for _, n := range ns {
		byID[n.Field] = n
	}
	for _, roles := range [][]roleView{p.Roles, p.More} {
		for ri := range roles {
			for wi := range roles[ri].Rows {
				for fi := range roles[ri].Rows[wi].Fields {
					f := &roles[ri].Rows[wi].Fields[fi]
					if n, ok := byID[f.ID]; ok && f.Value == n.To {
						f.Note = u.T("note.rewritten", "From", n.From, "To", n.To)
					}
				}
			}
		}
	}
}

// previewChoice is the topic and language to preview: the ones picked for
// preview, else the first chosen, else the first there is.
func previewChoice(st formState, in *pipelineInfo) (topic, lang string) {
	topic, lang = st.PreviewTopic, st.PreviewLang
	if _, ok := vocab.ParseTopic(topic); !ok {
		topic = ""
		if len(st.Topics) > 0 {
			topic = st.Topics[0]
		} else if len(in.topics) > 0 {
			topic = string(vocab.Topics()[0])
		}
	}
	if _, ok := in.locale(lang); !ok {
		lang = ""
		if len(st.Languages) > 0 {
			lang = st.Languages[0]
		} else if len(in.locales) > 0 {
			lang = in.locales[0].Tag
		}
	}
	return topic, lang
}

func (s *server) roleViews(u ui, in *pipelineInfo, st formState, errs map[string][]string, labels map[string]string) []roleView {
	days := []option{{Value: "", Label: u.T("hours.no_day")}}
	for _, d := range request.Weekdays() {
		days = append(days, option{Value: d, Label: u.T("day." + d)})
	}
	dayOptions := func(sel string) []option {
		out := slices.Clone(days)
		for i := range out {
			out[i].Selected = out[i].Value == sel
		}
		return out
	}
	var out []roleView
	for _, role := range roleOrder {
		label := u.T("role." + string(role))
		rv := roleView{Role: string(role), Label: label, AddLabel: u.T("contact.add", "Role", label),
			AddID: "add-" + string(role)}
		var topics []string
		for _, t := range in.topics[u.Tag] {
			if slices.Contains(t.Roles, role) {
				topics = append(topics, string(t.ID))
			}
		}
		rv.Topics = strings.Join(topics, " ")
		rows := 0
		for _, c := range st.Contacts {
			if c.Role == role {
				rows++
			}
		}
		n := 0
		for i, c := range st.Contacts {
			if c.Role != role {
				continue
			}
			n++
			id := func(s string) string { return fmt.Sprintf("c%d-%s", i, s) }
			field := func(name, key, hint, value, typ, ac, mode, dir string) inputView {
				v := inputView{ID: id(name), Name: "c_" + name, Label: u.T(key), Value: value, Type: typ,
					Autocomplete: ac, InputMode: mode, Dir: dir, Errors: errs[id(name)]}
				if hint != "" {
					v.Hint = u.T(hint)
				}
				return v
			}
			legend := u.T("contact.legend", "Role", label, "N", strconv.Itoa(n))
			row := rowView{Index: i, Role: string(role), Legend: legend,
				HoursCount: len(c.Hours), CanAddHours: len(c.Hours) < request.MaxHours,
				CanRemove: !c.empty() || rows > 1, HoursSummary: u.T("hours.legend"),
				RemoveLabel:   u.T("contact.remove", "Role", label, "N", strconv.Itoa(n)),
				AddHoursLabel: u.T("hours.add", "Role", label, "N", strconv.Itoa(n))}
			row.Fields = []inputView{
				field("name", "contact.name", "contact.name.hint", c.Name, "text", "organization", "", ""),
				field("phone", "contact.phone", "contact.phone.hint", c.Phone, "tel", "tel", "tel", "ltr"),
				field("email", "contact.email", "", c.Email, "email", "email", "email", "ltr"),
				field("web", "contact.web", "contact.web.hint", c.Web, "url", "url", "url", "ltr"),
				field("address", "contact.address", "", c.Address, "text", "street-address", "", ""),
			}
			if !c.empty() {
				rv.filled = true
			}
			for _, f := range row.Fields {
				labels[f.ID] = u.T("errors.at", "Where", legend, "Field", strings.ToLower(f.Label))
			}
			for j, h := range c.Hours {
				hid := func(s string) string { return id(fmt.Sprintf("h%d-%s", j, s)) }
				at := u.T("errors.at", "Where", legend, "Field", strings.ToLower(u.T("hours.row", "N", strconv.Itoa(j+1))))
				for _, k := range []string{"from-day", "to-day", "open", "close"} {
					labels[hid(k)] = at
					if len(errs[hid(k)]) > 0 || !h.empty() {
						row.HoursOpen = true
					}
				}
				row.Hours = append(row.Hours, hoursView{Legend: u.T("hours.row", "N", strconv.Itoa(j+1)),
					FromDay: selectView{ID: hid("from-day"), Name: "h_from_day", Label: u.T("hours.from_day"), Options: dayOptions(h.FromDay), Errors: errs[hid("from-day")]},
					ToDay:   selectView{ID: hid("to-day"), Name: "h_to_day", Label: u.T("hours.to_day"), Options: dayOptions(h.ToDay), Errors: errs[hid("to-day")]},
					Open:    inputView{ID: hid("open"), Name: "h_open", Label: u.T("hours.open"), Value: h.Open, Type: "time", Errors: errs[hid("open")]},
					Close:   inputView{ID: hid("close"), Name: "h_close", Label: u.T("hours.close"), Value: h.Close, Type: "time", Errors: errs[hid("close")]},
					Remove:  fmt.Sprintf("rmhours:%d.%d", i, j), RemoveLabel: u.T("hours.remove", "N", strconv.Itoa(j+1))})
			}
			rv.Rows = append(rv.Rows, row)
		}
		out = append(out, rv)
	}
	return out
}

func (s *server) logoView(u ui, st formState, errs []string) logoView {
	v := logoView{Input: inputView{ID: "logo", Name: "logo", Label: u.T("logo.label"), Hint: u.T("logo.hint"),
		Type: "file", Accept: "image/png,image/jpeg", Errors: errs}}
	if st.LogoID != "" {
		if l, err := s.storedLogo(context.Background(), st.LogoID); err == nil {
			v.ID = st.LogoID
			v.Stored = u.T("logo.stored", "Width", strconv.Itoa(l.Width), "Height", strconv.Itoa(l.Height))
			v.URL = "/logo/" + st.LogoID
			paper, ok := vocab.ParsePaper(st.Paper)
			if !ok {
				paper = vocab.A4
			}
			if w := assemble.LogoWarning(paper, l.Width, l.Height); w != nil {
				v.Soft = u.T("logo.soft", "DPI", w.Params["DPI"], "Min", w.Params["Min"], "Paper", strings.ToUpper(w.Params["Paper"]))
			}
		}
	}
	return v
}

// markFocus sets the autofocus flag on the control named by p.Focus, and
// opens the disclosure it is in.
func markFocus(p *formPage) {
	set := func(v *inputView) bool {
		v.Focus = p.Focus != "" && v.ID == p.Focus
		return v.Focus
	}
	set(&p.Muni)
	if set(&p.MuniName) {
		p.NameOpen = true
	}
	set(&p.Logo.Input)
	for k, roles := range [][]roleView{p.Roles, p.More} {
		for ri := range roles {
			for wi := range roles[ri].Rows {
				row := &roles[ri].Rows[wi]
				for fi := range row.Fields {
					if set(&row.Fields[fi]) || len(row.Fields[fi].Errors) > 0 {
						p.MoreOpen = p.MoreOpen || k == 1
					}
				}
				for hi := range row.Hours {
					h := &row.Hours[hi]
					h.FromDay.Focus = p.Focus != "" && h.FromDay.ID == p.Focus
					if h.FromDay.Focus {
						row.HoursOpen = true
					}
					if row.HoursOpen && k == 1 {
						p.MoreOpen = true
					}
				}
			}
		}
	}
}

func (s *server) chrome(u ui, in *pipelineInfo, title string) chrome {
	c := chrome{Lang: u.Tag, Title: title, Nonce: newNonce(), UI: u,
		CSS: s.assetURL("style.css"), JS: s.assetURL("app.js")}
	for _, t := range u.others(in) {
		if other, err := in.p.Catalog.UI(t); err == nil {
			label, _ := other.Text("ui.name", nil)
			c.Switch = append(c.Switch, uiSwitch{Tag: t, Label: label})
		}
	}
	return c
}
