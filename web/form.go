package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// formInput is the form as posted. Contacts arrive as parallel lists, one
// entry per row (text inputs and selects are always sent, even empty, so
// the lists stay aligned); c_hours says how many opening-hours rows
// belong to each contact, in order.
type formInput struct {
	CSRF         string   `form:"csrf"`
	Action       string   `form:"action"`
	UI           string   `form:"ui"`
	MuniCode     string   `form:"municipality_code"`
	MuniName     string   `form:"municipality_name"`
	MuniText     string   `form:"municipality"` // the combobox: a name as typed or picked
	QR           string   `form:"qr"`           // "1": a QR code on the leaflets
	Whole        string   `form:"whole"`        // "1" from the form itself; the check page's buttons post only their action
	Topics       []string `form:"topics"`
	Languages    []string `form:"languages"`
	Paper        string   `form:"paper"`
	Output       string   `form:"output"`
	LargePrint   string   `form:"large_print"`
	Formats      []string `form:"formats"`
	PreviewTopic string   `form:"preview_topic"`
	PreviewLang  string   `form:"preview_lang"`
	LogoID       string   `form:"logo_id"`
	Role         []string `form:"c_role"`
	Name         []string `form:"c_name"`
	Phone        []string `form:"c_phone"`
	Email        []string `form:"c_email"`
	Web          []string `form:"c_web"`
	Address      []string `form:"c_address"`
	HoursN       []string `form:"c_hours"`
	FromDay      []string `form:"h_from_day"`
	ToDay        []string `form:"h_to_day"`
	Open         []string `form:"h_open"`
	Close        []string `form:"h_close"`
}

// Output kinds on the form: on screen and office printers, or for a print
// shop (bleed and crop marks).
const (
	outputDigital = "digital"
	outputPrint   = "print"
)

// maxRows bounds the contact rows a post may carry (the request allows
// request.MaxContacts; the empty rows of the ten roles come on top).
const maxRows = request.MaxContacts + 10

var roleOrder = vocab.Roles()

// formState is everything the user has entered, kept whole across posts:
// nothing typed is lost on an error, an added row or a language switch.
type formState struct {
	MuniCode, MuniName        string
	MuniText                  string // the municipality as typed in the combobox
	QR                        bool
	Topics, Languages         []string
	Paper                     string
	Output                    string
	LargePrint                bool
	Formats                   []string
	Contacts                  []contactRow
	LogoID                    string
	PreviewTopic, PreviewLang string
}

type contactRow struct {
	Role                             vocab.Role
	Name, Phone, Email, Web, Address string
	Hours                            []hoursRow
}

type hoursRow struct{ FromDay, ToDay, Open, Close string }

func (h hoursRow) empty() bool {
	return h.FromDay == "" && h.ToDay == "" && h.Open == "" && h.Close == ""
}

// Days is the request's form of the row's days: "mon" or "mon-fri".
func (h hoursRow) days() string {
	if h.FromDay == "" || h.ToDay == "" || h.ToDay == h.FromDay {
		return h.FromDay
	}
	return h.FromDay + "-" + h.ToDay
}

func (r contactRow) empty() bool {
	if r.Name != "" || r.Phone != "" || r.Email != "" || r.Web != "" || r.Address != "" {
		return false
	}
	for _, h := range r.Hours {
		if !h.empty() {
			return false
		}
	}
	return true
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return strings.TrimSpace(xs[i])
	}
	return ""
}

// stateFrom rebuilds the form's state from a post. Rows with a role that
// is not on the form are dropped; counts are clamped.
func stateFrom(in formInput) formState {
	st := formState{MuniCode: strings.TrimSpace(in.MuniCode), MuniName: strings.TrimSpace(in.MuniName), MuniText: strings.TrimSpace(in.MuniText), QR: in.QR == "1",
		Topics: in.Topics, Languages: in.Languages, Paper: in.Paper, Output: in.Output, Formats: in.Formats,
		LogoID: in.LogoID, PreviewTopic: in.PreviewTopic, PreviewLang: in.PreviewLang, LargePrint: in.LargePrint != ""}
	h := 0
	for i := range min(len(in.Role), maxRows) {
		n, _ := strconv.Atoi(at(in.HoursN, i))
		n = max(0, min(n, request.MaxHours))
		row := contactRow{Role: vocab.Role(at(in.Role, i)), Name: at(in.Name, i), Phone: at(in.Phone, i),
			Email: at(in.Email, i), Web: at(in.Web, i), Address: at(in.Address, i)}
		for range n {
			row.Hours = append(row.Hours, hoursRow{FromDay: at(in.FromDay, h), ToDay: at(in.ToDay, h),
				Open: at(in.Open, h), Close: at(in.Close, h)})
			h++
		}
		if _, ok := vocab.ParseRole(string(row.Role)); ok {
			st.Contacts = append(st.Contacts, row)
		}
	}
	return st
}

// withEmptyRows gives every role at least one contact row and every row
// at least one opening-hours row, so that the form without JavaScript
// always has a place to type.
func (st formState) withEmptyRows() formState {
	st.Contacts = slices.Clone(st.Contacts)
	for _, r := range roleOrder {
		if !slices.ContainsFunc(st.Contacts, func(c contactRow) bool { return c.Role == r }) {
			st.Contacts = append(st.Contacts, contactRow{Role: r})
		}
	}
	for i := range st.Contacts {
		if len(st.Contacts[i].Hours) == 0 {
			st.Contacts[i].Hours = []hoursRow{{}}
		}
	}
	return st
}

// rowsInOrder returns the contact row indexes grouped by role, in the
// order the form shows them and a leaflet prints them.
func (st formState) rowsInOrder() []int {
	var out []int
	for _, r := range roleOrder {
		for i, c := range st.Contacts {
			if c.Role == r {
				out = append(out, i)
			}
		}
	}
	return out
}

// apply carries out a form action that edits the form itself. It returns
// the ID of the control to focus next, or "".
func (st *formState) apply(action string) (focus string) {
	verb, arg, _ := strings.Cut(action, ":")
	switch verb {
	case "add":
		role, ok := vocab.ParseRole(arg)
		if !ok || len(st.Contacts) >= maxRows {
			return ""
		}
		st.Contacts = append(st.Contacts, contactRow{Role: role})
		return fmt.Sprintf("c%d-name", len(st.Contacts)-1)
	case "addhours":
		i, err := strconv.Atoi(arg)
		if err != nil || i < 0 || i >= len(st.Contacts) || len(st.Contacts[i].Hours) >= request.MaxHours {
			return ""
		}
		if len(st.Contacts[i].Hours) == 0 {
			st.Contacts[i].Hours = []hoursRow{{}}
		}
		st.Contacts[i].Hours = append(st.Contacts[i].Hours, hoursRow{})
		return fmt.Sprintf("c%d-h%d-from-day", i, len(st.Contacts[i].Hours)-1)
	case "rmhours":
		a, b, _ := strings.Cut(arg, ".")
		i, err1 := strconv.Atoi(a)
		j, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || i < 0 || i >= len(st.Contacts) || j < 0 || j >= len(st.Contacts[i].Hours) {
			return ""
		}
		st.Contacts[i].Hours = slices.Delete(st.Contacts[i].Hours, j, j+1)
		return fmt.Sprintf("c%d-addhours", i)
	case "logo-remove":
		st.LogoID = ""
		return "logo"
	}
	return ""
}

// remove takes contact row arg out and returns it for undo (nil when arg
// is no row).
func (st *formState) remove(arg string) *removedRow {
	i, err := strconv.Atoi(arg)
	if err != nil || i < 0 || i >= len(st.Contacts) {
		return nil
	}
	r := &removedRow{Index: i, Row: st.Contacts[i]}
	st.Contacts = slices.Delete(st.Contacts, i, i+1)
	return r
}

// restore puts a removed row back where it was and returns the control to
// focus: its name.
func (st *formState) restore(r removedRow) string {
	if len(st.Contacts) >= maxRows {
		return ""
	}
	i := max(0, min(r.Index, len(st.Contacts)))
	st.Contacts = slices.Insert(st.Contacts, i, r.Row)
	return fmt.Sprintf("c%d-name", i)
}

// fieldMap ties the request built from the form back to the form's
// controls: contact k of the request is row contacts[k], and its hours j
// is hours row hours[k][j] of that row.
type fieldMap struct {
	contacts []int
	hours    [][]int
	st       *formState
}

// request builds the order from the form. Empty rows are left out.
func (st *formState) request() (*request.Request, fieldMap) {
	req := &request.Request{
		Municipality: request.Municipality{Code: st.MuniCode, Name: st.MuniName},
		Topics:       st.Topics, Languages: st.Languages, Paper: st.Paper, Formats: st.Formats,
		Print: st.Output == outputPrint, LargePrint: st.LargePrint, QR: st.QR,
	}
	m := fieldMap{st: st}
	for _, i := range st.rowsInOrder() {
		row := st.Contacts[i]
		if row.empty() {
			continue
		}
		c := request.Contact{Role: string(row.Role), Name: row.Name, Phone: row.Phone, Email: row.Email,
			Web: row.Web, Address: row.Address}
		var hidx []int
		for j, h := range row.Hours {
			if h.empty() {
				continue
			}
			c.Hours = append(c.Hours, request.Hours{Days: h.days(), From: h.Open, To: h.Close})
			hidx = append(hidx, j)
		}
		req.Contacts = append(req.Contacts, c)
		m.contacts = append(m.contacts, i)
		m.hours = append(m.hours, hidx)
	}
	return req, m
}

// fieldRef says where a problem is shown (Key: the control, or the group
// of controls, whose message it is) and which control the summary links
// to (Href, an element ID).
type fieldRef struct{ Key, Href string }

// anchors are the first control of each group of checkboxes, where a
// problem with the whole group is linked to.
type anchors struct{ topic, lang, format string }

// ref maps a request field path ("contacts[2].hours[0].from") to the form.
func (m fieldMap) ref(e request.FieldError, a anchors) fieldRef {
	f := e.Field
	switch {
	case f == "municipality.code", f == "municipality.name" && e.Code == request.CodeRequired:
		return fieldRef{"municipality", "municipality"}
	case f == "municipality.name":
		return fieldRef{"municipality_name", "municipality_name"}
	case f == "municipality":
		return fieldRef{"municipality", "municipality"}
	case f == "topics" || strings.HasPrefix(f, "topics["):
		return fieldRef{"topics", a.topic}
	case f == "languages" || strings.HasPrefix(f, "languages["):
		return fieldRef{"languages", a.lang}
	case f == "formats" || strings.HasPrefix(f, "formats["):
		return fieldRef{"formats", a.format}
	case f == "paper":
		return fieldRef{"paper", "paper-a4"}
	case f == "large_print": // shown with the paper sizes: large print is A4 only
		return fieldRef{"paper", "large-print"}
	case f == "logo":
		return fieldRef{"logo", "logo"}
	case f == "contacts":
		return fieldRef{"contacts", "contacts"}
	case strings.HasPrefix(f, "contacts["):
		return m.contactRef(f)
	}
	return fieldRef{"form", "main"}
}

func (m fieldMap) contactRef(f string) fieldRef {
	k, rest, ok := index(strings.TrimPrefix(f, "contacts"))
	if !ok || k >= len(m.contacts) {
		return fieldRef{"contacts", "contacts"}
	}
	row := m.contacts[k]
	id := func(s string) fieldRef { return fieldRef{fmt.Sprintf("c%d-%s", row, s), fmt.Sprintf("c%d-%s", row, s)} }
	switch {
	case rest == ".name" || rest == ".role" || rest == "":
		return id("name")
	case rest == ".phone", rest == ".email", rest == ".web", rest == ".address":
		return id(rest[1:])
	case rest == ".hours":
		return id("h0-from-day")
	case strings.HasPrefix(rest, ".hours["):
		j, sub, ok := index(strings.TrimPrefix(rest, ".hours"))
		if !ok || j >= len(m.hours[k]) {
			return id("h0-from-day")
		}
		h := m.hours[k][j]
		switch sub {
		case ".from":
			return id(fmt.Sprintf("h%d-open", h))
		case ".to":
			return id(fmt.Sprintf("h%d-close", h))
		}
		return id(fmt.Sprintf("h%d-from-day", h))
	}
	return id("name")
}

// index parses "[12]rest" into 12 and rest.
func index(s string) (int, string, bool) {
	if !strings.HasPrefix(s, "[") {
		return 0, "", false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[1:end])
	if err != nil || n < 0 {
		return 0, "", false
	}
	return n, s[end+1:], true
}
