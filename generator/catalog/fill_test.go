package catalog

import (
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"infogeneratorn/locales"
)

// TestFillMatchesGoI18n fills messages the way Text does and the way
// go-i18n does on its own, and wants the same text and the same error for
// every kind of message: fixed texts, {{.Key}} templates (filled without
// go-i18n) and everything left to go-i18n.
func TestFillMatchesGoI18n(t *testing.T) {
	type path int
	const (
		fixed  path = iota // Fixed gives the text
		fields             // a fieldTemplate fills it
		goI18n             // go-i18n runs it
	)
	tests := []struct {
		name string
		msg  i18n.Message
		data map[string]any
		want path
	}{
		{"plain", i18n.Message{Other: "Ring 112"}, nil, fixed},
		{"plain with data", i18n.Message{Other: "Ring 112"}, map[string]any{"A": "x"}, fixed},
		{"single braces", i18n.Message{Other: "a { b } c"}, nil, fixed},
		{"plural forms, no count", i18n.Message{One: "{{.Count}} linje", Other: "linjer"}, nil, fixed},
		{"one field", i18n.Message{Other: "Hej {{.Municipality}}!"}, map[string]any{"Municipality": "Halmstad"}, fields},
		{"fields side by side", i18n.Message{Other: "{{.A}}{{.B}}"}, map[string]any{"A": "1", "B": "2"}, fields},
		{"field twice", i18n.Message{Other: "{{.A}}–{{.A}} ({{.B}})"}, map[string]any{"A": "mån", "B": "tis"}, fields},
		{"spaces in the action", i18n.Message{Other: "x {{ .A }} y"}, map[string]any{"A": "1"}, fields},
		{"trim markers", i18n.Message{Other: "a  {{- .A -}}  b"}, map[string]any{"A": "1"}, fields},
		{"comment", i18n.Message{Other: "a {{/* note */}}b {{.A}}"}, map[string]any{"A": "1"}, fields},
		{"value with braces and marker", i18n.Message{Other: "x {{.A}}"}, map[string]any{"A": "{{.B}} \uF8F0N\uF8F1"}, fields},
		{"arabic", i18n.Message{Other: "اتصل بـ {{.Emergency}} في {{.Municipality}}"}, map[string]any{"Emergency": "112", "Municipality": "هالمستاد"}, fields},
		{"empty value", i18n.Message{Other: "[{{.A}}]"}, map[string]any{"A": ""}, fields},
		{"missing key", i18n.Message{Other: "Hej {{.Municipalty}}"}, map[string]any{"Municipality": "Halmstad"}, goI18n},
		{"no data", i18n.Message{Other: "Hej {{.A}}"}, nil, goI18n},
		{"nil value", i18n.Message{Other: "Hej {{.A}}"}, map[string]any{"A": nil}, goI18n},
		{"number value", i18n.Message{Other: "{{.A}} st"}, map[string]any{"A": 42}, goI18n},
		{"nested field", i18n.Message{Other: "{{.A.B}}"}, map[string]any{"A": map[string]any{"B": "x"}}, goI18n},
		{"dot", i18n.Message{Other: "{{.}}"}, map[string]any{"A": "x"}, goI18n},
		{"condition", i18n.Message{Other: "{{if .A}}ja{{end}}"}, map[string]any{"A": "x"}, goI18n},
		{"function", i18n.Message{Other: `{{printf "%q" .A}}`}, map[string]any{"A": "x"}, goI18n},
		{"pipeline", i18n.Message{Other: `{{.A | printf "%q"}}`}, map[string]any{"A": "x"}, goI18n},
		{"variable", i18n.Message{Other: `{{$x := .A}}{{$x}}`}, map[string]any{"A": "x"}, goI18n},
		{"does not parse", i18n.Message{Other: "Hej {{.A"}, map[string]any{"A": "x"}, goI18n},
		{"own delimiters", i18n.Message{Other: "Hej <<.A>> {{.B}}", LeftDelim: "<<", RightDelim: ">>"}, map[string]any{"A": "x", "B": "y"}, goI18n},
		{"no other form", i18n.Message{One: "en"}, nil, goI18n},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.msg
			m.ID = "msg"
			msgs := []*i18n.Message{&m}
			l, err := localeOf(Meta{Tag: language.Swedish}, "sv.toml", writtenSorted(msgs), newPluralRules())
			if err != nil {
				t.Fatal(err)
			}
			got := goI18n
			if _, ok := l.Fixed("msg"); ok {
				got = fixed
			} else if ft := l.templates[formKey{"msg", Other}]; ft != nil {
				if _, ok := ft.fill(layers{tt.data}); ok {
					got = fields
				}
			}
			if got != tt.want {
				t.Errorf("path %d, want %d", got, tt.want)
			}

			// go-i18n alone, as localize called it before the fast paths.
			data := tt.data
			if data == nil {
				data = map[string]any{}
			}
			want, wantErr := goI18nLocalize(t, l, &i18n.LocalizeConfig{MessageID: "msg", TemplateData: data, TemplateParser: newParser()})
			s, err := l.Text("msg", tt.data)
			if s != want {
				t.Errorf("Text = %q, go-i18n %q", s, want)
			}
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("Text error %v, go-i18n %v", err, wantErr)
			}
			if err != nil {
				var te *TemplateError
				if !errors.As(err, &te) || te.Err.Error() != wantErr.Error() {
					t.Errorf("Text error %v, want a TemplateError of go-i18n's %v", err, wantErr)
				}
			}
		})
	}
}

// TestFixedLastOfRepeatedIDCounts checks that Fixed and the templates
// follow the last of a repeated ID, as the messages and go-i18n do.
func TestFixedLastOfRepeatedIDCounts(t *testing.T) {
	tests := []struct {
		name      string
		first     string
		last      string
		wantFixed bool
	}{
		{"template then fixed", "Hej {{.A}}", "Hej", true},
		{"fixed then template", "Hej", "Hej {{.A}}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := []*i18n.Message{{ID: "msg", Other: tt.first}, {ID: "msg", Other: tt.last}}
			l, err := localeOf(Meta{Tag: language.Swedish}, "sv.toml", writtenSorted(msgs), newPluralRules())
			if err != nil {
				t.Fatal(err)
			}
			s, ok := l.Fixed("msg")
			if ok != tt.wantFixed || (ok && s != tt.last) {
				t.Errorf("Fixed = %q, %v; want %v", s, ok, tt.wantFixed)
			}
			got, err := l.Text("msg", map[string]any{"A": "x"})
			want, _ := goI18nLocalize(t, l, &i18n.LocalizeConfig{MessageID: "msg", TemplateData: map[string]any{"A": "x"}, TemplateParser: newParser()})
			if err != nil || got != want {
				t.Errorf("Text = %q, %v; go-i18n %q", got, err, want)
			}
		})
	}
}

// TestShippedMessagesFillAsGoI18n fills every message of every shipped
// locale with data for every placeholder the files use, and wants
// go-i18n's text: the fast paths change no leaflet.
func TestShippedMessagesFillAsGoI18n(t *testing.T) {
	c, err := Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Municipality": "Halmstads kommun", "Emergency": "\uF8F0Emergency\uF8F1",
		"Number": "020-50 50 50", "From": "måndag", "To": "fredag", "Days": "måndag–fredag", "Count": "3"}
	fast := 0
	for _, tag := range c.Tags() {
		l, err := c.Locale(tag)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range l.IDs() {
			if _, ok := l.Fixed(id); ok || l.templates[formKey{id, Other}] != nil {
				fast++
			}
			want, wantErr := goI18nLocalize(t, l, &i18n.LocalizeConfig{MessageID: id, TemplateData: data, TemplateParser: newParser()})
			got, err := l.Text(id, data)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Errorf("%s %s: Text = %q, %v; go-i18n %q, %v", tag, id, got, err, want, wantErr)
			}
			for n := range 13 {
				data["Count"] = strconv.Itoa(n)
				want, wantErr := goI18nLocalize(t, l, &i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n, TemplateParser: newParser()})
				if wantErr != nil {
					want = ""
				}
				got, err := l.Plural(id, n, data)
				if got != want || (err == nil) != (wantErr == nil) {
					t.Errorf("%s %s: Plural(%d) = %q, %v; go-i18n %q, %v", tag, id, n, got, err, want, wantErr)
				}
			}
		}
	}
	if fast == 0 {
		t.Error("no shipped message takes a fast path")
	}
}

// goI18nLocalize localizes with the locale's go-i18n bundle alone.
func goI18nLocalize(t *testing.T, l *Locale, lc *i18n.LocalizeConfig) (string, error) {
	t.Helper()
	loc, err := l.goI18n()
	if err != nil {
		t.Fatal(err)
	}
	return loc.Localize(lc)
}

// TestPluralMatchesGoI18n fills plural messages for the counts 0–40 (the
// probed table and past it) in languages with different rules, and wants
// go-i18n's text and error for each.
func TestPluralMatchesGoI18n(t *testing.T) {
	all := i18n.Message{Zero: "inga", One: "en rad", Two: "två rader", Few: "{{.Count}} rader (få)", Many: "{{.Count}} rader (många)", Other: "{{.Count}} rader i {{.Municipality}}"}
	tests := []struct {
		name     string
		lang     string
		msg      i18n.Message
		data     map[string]any
		wantForm map[int]Form // forms countForm must give
	}{
		{"arabic, every form", "ar", all, map[string]any{"Municipality": "Halmstad"}, map[int]Form{0: Zero, 1: One, 2: Two, 3: Few, 11: Many, 100: ""}},
		{"arabic, one and other only", "ar", i18n.Message{One: "en", Other: "{{.Count}} st"}, nil, nil},
		{"swedish", "sv", i18n.Message{One: "{{.Count}} linje", Other: "{{.Count}} linjer"}, nil, map[int]Form{0: Other, 1: One, 2: Other}},
		{"russian", "ru", i18n.Message{One: "{{.Count}} линия", Few: "{{.Count}} линии", Many: "{{.Count}} линий", Other: "{{.Count}} линии"}, nil, map[int]Form{1: One, 2: Few, 5: Many, 21: One}},
		{"fixed forms", "sv", i18n.Message{One: "en", Other: "flera"}, nil, nil},
		{"missing key", "sv", i18n.Message{One: "en", Other: "{{.Count}} i {{.Municipality}}"}, nil, nil},
		{"own delimiters", "sv", i18n.Message{One: "en", Other: "<<.Count>> st", LeftDelim: "<<", RightDelim: ">>"}, nil, nil},
		{"pipeline", "sv", i18n.Message{One: "en", Other: `{{.Count | printf "%s"}} st`}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.msg
			m.ID = "msg"
			msgs := []*i18n.Message{&m}
			l, err := localeOf(Meta{Tag: language.Make(tt.lang)}, tt.lang+".toml", writtenSorted(msgs), newPluralRules())
			if err != nil {
				t.Fatal(err)
			}
			for n, want := range tt.wantForm {
				if got, _ := l.countForm(n); got != want {
					t.Errorf("countForm(%d) = %q, want %q", n, got, want)
				}
			}
			for n := 0; n <= 40; n++ {
				d := map[string]any{"Count": strconv.Itoa(n)}
				for k, v := range tt.data {
					d[k] = v
				}
				want, wantErr := goI18nLocalize(t, l, &i18n.LocalizeConfig{MessageID: "msg", TemplateData: d, PluralCount: n, TemplateParser: newParser()})
				got, err := l.Plural("msg", n, tt.data)
				if wantErr != nil {
					want = "" // localize returns no text with an error
				}
				if got != want || (err == nil) != (wantErr == nil) {
					t.Errorf("Plural(%d) = %q, %v; go-i18n %q, %v", n, got, err, want, wantErr)
				}
			}
		})
	}
}

// TestTextWithIsTextOfMerged wants TextWith to give what Text gives with
// the two maps merged, extra over data, on both paths.
func TestTextWithIsTextOfMerged(t *testing.T) {
	tests := []struct {
		name        string
		other       string
		data, extra map[string]any
	}{
		{"keys from both", "{{.Days}} {{.From}}–{{.To}}, {{.Municipality}}", map[string]any{"Municipality": "Halmstad"}, map[string]any{"Days": "mån–fre", "From": "08:00", "To": "16:30"}},
		{"extra over data", "Ring {{.Number}}", map[string]any{"Number": "112"}, map[string]any{"Number": "020-50 50 50"}},
		{"no extra", "Hej {{.Municipality}}", map[string]any{"Municipality": "Halmstad"}, nil},
		{"no data", "Ring {{.Number}}", nil, map[string]any{"Number": "112"}},
		{"key in neither", "Ring {{.Number}}", map[string]any{"Municipality": "Halmstad"}, map[string]any{"From": "08:00"}},
		{"extra's value not a string", "{{.Number}} st", map[string]any{"Number": "1"}, map[string]any{"Number": 2}},
		{"go-i18n's path", `{{if .Number}}ring {{.Number}}{{end}}`, map[string]any{"Number": "112"}, map[string]any{"Number": "113"}},
		{"fixed", "Ring oss", map[string]any{"Number": "112"}, map[string]any{"Number": "113"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := []*i18n.Message{{ID: "msg", Other: tt.other}}
			l, err := localeOf(Meta{Tag: language.Swedish}, "sv.toml", writtenSorted(msgs), newPluralRules())
			if err != nil {
				t.Fatal(err)
			}
			merged := map[string]any{}
			for k, v := range tt.data {
				merged[k] = v
			}
			for k, v := range tt.extra {
				merged[k] = v
			}
			want, wantErr := l.Text("msg", merged)
			got, err := l.TextWith("msg", tt.data, tt.extra)
			if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Errorf("TextWith = %q, %v; Text of the merged data %q, %v", got, err, want, wantErr)
			}
		})
	}
}

// TestCountFormsConcurrent: the plural forms of whole numbers, asked of
// go-i18n when first needed, are the forms of the table probed whole,
// however many goroutines ask at once (run under -race).
func TestCountFormsConcurrent(t *testing.T) {
	for _, lang := range []string{"ar", "ru", "sv"} {
		tag := language.Make(lang)
		want, err := formsOfCounts(tag, countFormsProbed)
		if err != nil {
			t.Fatal(err)
		}
		c, err := newPluralRules().forms(tag)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for k := range countFormsProbed {
					n := (k + 7*g) % countFormsProbed
					if got, err := c.form(n); err != nil || got != want[n] {
						t.Errorf("%s: form(%d) = %q, %v; want %q", lang, n, got, err, want[n])
					}
				}
			})
		}
		wg.Wait()
	}
	if _, err := newPluralRules().forms(language.Make("tlh")); err == nil {
		t.Error("a language without plural rules was taken")
	}
}

// TestSharedPluralRules: the plural forms of every shipped locale's rules,
// asked of one bundle that holds them all (as a catalog asks), are those
// of a bundle of the locale's rules alone, for every whole number a
// translator is shown (0-1000).
func TestSharedPluralRules(t *testing.T) {
	meta, err := LoadMeta(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	shared := newPluralRules()
	tags := map[language.Tag]bool{}
	for _, m := range meta {
		tag := m.Tag
		if m.PluralRules != "" {
			tag = language.MustParse(m.PluralRules)
		}
		tags[tag] = true
		if _, err := shared.forms(tag); err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
	}
	if len(tags) < 25 {
		t.Fatalf("%d rule tags, want one per shipped locale", len(tags))
	}
	for tag := range tags {
		want, err := formsOfCounts(tag, 1001)
		if err != nil {
			t.Fatal(err)
		}
		c, err := shared.forms(tag)
		if err != nil {
			t.Fatal(err)
		}
		for n, w := range want {
			if got, err := shared.formOf(c.loc, n); err != nil || got != w {
				t.Errorf("%s: %d is %q (%v) in the shared bundle, %q alone", tag, n, got, err, w)
				break
			}
		}
	}
}
