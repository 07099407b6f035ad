package request

import (
	"errors"
	"strings"
	"testing"
)

// valid returns a request that passes; each case breaks one thing.
func valid() *Request {
	return &Request{
		Municipality: Municipality{Code: "1380", Name: "Halmstads kommun"},
		Topics:       []string{"vald"},
		Languages:    []string{"sv", "ar"},
		Paper:        "a4",
		Formats:      []string{"html"},
		Contacts: []Contact{
			{Role: "social_services", Name: "Socialtjänsten", Phone: "035-13 70 00", Email: "soc@halmstad.se",
				Web: "https://www.halmstad.se/stod", Address: "Stationsgatan 2",
				Hours: []Hours{{Days: "mon-thu", From: "08:00", To: "16:30"}}},
			{Role: "social_emergency", Name: "Socialjouren", Phone: "+46 35 13 70 01",
				Hours: []Hours{{Days: "mon-sun", From: "16:30", To: "08:00"}}},
		},
	}
}

func rules() Rules {
	return Rules{
		HasLanguage:     func(t string) bool { return t == "sv" || t == "ar" || t == "en" },
		HasMunicipality: func(c string) bool { return c == "1380" },
	}
}

func TestValidRequestPasses(t *testing.T) {
	if errs := valid().Validate(rules()); errs != nil {
		t.Fatalf("valid request: %v", errs)
	}
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(r *Request)
		field  string
		code   Code
	}{
		{"municipality missing", func(r *Request) { r.Municipality = Municipality{} }, "municipality.name", CodeRequired},
		{"municipality code unknown", func(r *Request) { r.Municipality.Code = "9999" }, "municipality.code", CodeUnknownMuni},
		{"municipality name too long", func(r *Request) { r.Municipality.Name = strings.Repeat("å", 201) }, "municipality.name", CodeTooLong},
		{"no topics", func(r *Request) { r.Topics = nil }, "topics", CodeRequired},
		{"unknown topic", func(r *Request) { r.Topics = []string{"vald", "valdd"} }, "topics[1]", CodeUnknownTopic},
		{"duplicate topic", func(r *Request) { r.Topics = []string{"vald", "vald"} }, "topics[1]", CodeDuplicate},
		{"no languages", func(r *Request) { r.Languages = []string{} }, "languages", CodeRequired},
		{"unknown language", func(r *Request) { r.Languages = []string{"sv", "xx"} }, "languages[1]", CodeUnknownLang},
		{"malformed language tag", func(r *Request) { r.Languages = []string{"sv_SE!"} }, "languages[0]", CodeUnknownLang},
		{"unknown paper", func(r *Request) { r.Paper = "letter" }, "paper", CodeUnknownPaper},
		{"large print on A5", func(r *Request) { r.Paper, r.LargePrint = "a5", true }, "large_print", CodeLargePrintA4},
		{"unknown format", func(r *Request) { r.Formats = []string{"docx"} }, "formats[0]", CodeUnknownFormat},
		{"too many contacts", func(r *Request) {
			for range MaxContacts {
				r.Contacts = append(r.Contacts, r.Contacts[0])
			}
		}, "contacts", CodeTooMany},
		{"role missing", func(r *Request) { r.Contacts[1].Role = "" }, "contacts[1].role", CodeRequired},
		{"role unknown", func(r *Request) { r.Contacts[1].Role = "mayor" }, "contacts[1].role", CodeUnknownRole},
		{"name missing", func(r *Request) { r.Contacts[0].Name = "  " }, "contacts[0].name", CodeRequired},
		{"name too long", func(r *Request) { r.Contacts[0].Name = strings.Repeat("x", MaxContactName+1) }, "contacts[0].name", CodeTooLong},
		{"no way to reach", func(r *Request) { r.Contacts[1].Phone = "" }, "contacts[1].phone", CodeNeedsChannel},
		{"phone with letters", func(r *Request) { r.Contacts[0].Phone = "035-13 7O 00" }, "contacts[0].phone", CodeInvalidPhone},
		{"phone too short", func(r *Request) { r.Contacts[0].Phone = "035-12" }, "contacts[0].phone", CodeInvalidPhone},
		{"phone two hyphens", func(r *Request) { r.Contacts[0].Phone = "035-13-70-00" }, "contacts[0].phone", CodeInvalidPhone},
		{"E.164 too long", func(r *Request) { r.Contacts[0].Phone = "+46 35 13 70 00 12 34 56 78" }, "contacts[0].phone", CodeInvalidPhone},
		{"phone with RLO inside", func(r *Request) { r.Contacts[0].Phone = "035-13\u202E70 00" }, "contacts[0].phone", CodeForbiddenChar},
		{"phone with LRI", func(r *Request) { r.Contacts[0].Phone = "\u2066035-13 70 00\u2069" }, "contacts[0].phone", CodeForbiddenChar},
		{"name with RLM", func(r *Request) { r.Contacts[0].Name = "Socialtjänsten\u200F" }, "contacts[0].name", CodeForbiddenChar},
		{"name with zero-width space", func(r *Request) { r.Contacts[0].Name = "Social\u200Btjänsten" }, "contacts[0].name", CodeForbiddenChar},
		{"address with ALM", func(r *Request) { r.Contacts[0].Address = "Gatan 2\u061C" }, "contacts[0].address", CodeForbiddenChar},
		{"municipality name with LRE", func(r *Request) { r.Municipality.Name = "\u202AHalmstad" }, "municipality.name", CodeForbiddenChar},
		{"newline in name", func(r *Request) { r.Contacts[0].Name = "Social\ntjänsten" }, "contacts[0].name", CodeForbiddenChar},
		{"invalid UTF-8", func(r *Request) { r.Contacts[0].Address = "Gatan \xff" }, "contacts[0].address", CodeForbiddenChar},
		{"email without domain dot", func(r *Request) { r.Contacts[0].Email = "soc@halmstad" }, "contacts[0].email", CodeInvalidEmail},
		{"email with display name", func(r *Request) { r.Contacts[0].Email = "Soc <soc@halmstad.se>" }, "contacts[0].email", CodeInvalidEmail},
		{"email too long", func(r *Request) { r.Contacts[0].Email = strings.Repeat("a", 250) + "@x.se" }, "contacts[0].email", CodeTooLong},
		{"plain http url", func(r *Request) { r.Contacts[0].Web = "http://www.halmstad.se/" }, "contacts[0].web", CodeInvalidURL},
		{"javascript url", func(r *Request) { r.Contacts[0].Web = "javascript:alert(1)" }, "contacts[0].web", CodeInvalidURL},
		{"url with user info", func(r *Request) { r.Contacts[0].Web = "https://user@evil.example/" }, "contacts[0].web", CodeInvalidURL},
		{"url too long", func(r *Request) { r.Contacts[0].Web = "https://a.se/" + strings.Repeat("x", MaxURL) }, "contacts[0].web", CodeTooLong},
		{"address too long", func(r *Request) { r.Contacts[0].Address = strings.Repeat("x", MaxAddress+1) }, "contacts[0].address", CodeTooLong},
		{"bad day", func(r *Request) { r.Contacts[0].Hours[0].Days = "mon-xyz" }, "contacts[0].hours[0].days", CodeInvalidDays},
		{"backwards day range", func(r *Request) { r.Contacts[0].Hours[0].Days = "fri-mon" }, "contacts[0].hours[0].days", CodeInvalidDays},
		{"bad time", func(r *Request) { r.Contacts[0].Hours[0].From = "8:00" }, "contacts[0].hours[0].from", CodeInvalidTime},
		{"time out of range", func(r *Request) { r.Contacts[0].Hours[0].To = "24:30" }, "contacts[0].hours[0].to", CodeInvalidTime},
		{"email with hfields", func(r *Request) { r.Contacts[0].Email = "soc@halmstad.se?cc=x@evil.example&body=hi" }, "contacts[0].email", CodeInvalidEmail},
		{"email with a question mark in the local part", func(r *Request) { r.Contacts[0].Email = "soc?cc=x@halmstad.se" }, "contacts[0].email", CodeInvalidEmail},
		{"email with percent-encoding", func(r *Request) { r.Contacts[0].Email = "soc%3Fcc@halmstad.se" }, "contacts[0].email", CodeInvalidEmail},
		{"email domain with underscore", func(r *Request) { r.Contacts[0].Email = "soc@hal_mstad.se" }, "contacts[0].email", CodeInvalidEmail},
		{"language twice in another case", func(r *Request) { r.Languages = []string{"sv", "SV"} }, "languages[1]", CodeDuplicate},
		{"opens and closes at the same time", func(r *Request) { r.Contacts[0].Hours[0].To = r.Contacts[0].Hours[0].From }, "contacts[0].hours[0].to", CodeSameTime},
		{"24:00 is 00:00", func(r *Request) { r.Contacts[0].Hours[0].From, r.Contacts[0].Hours[0].To = "24:00", "00:00" }, "contacts[0].hours[0].to", CodeSameTime},
		{"logo not a data URL", func(r *Request) { r.LogoData = "https://evil.example/logo.png" }, "logo", CodeLogoFormat},
		{"qr_url javascript", func(r *Request) { r.QRURL = "javascript:alert(1)" }, "qr_url", CodeInvalidURL},
		{"qr_url plain http", func(r *Request) { r.QRURL = "http://www.halmstad.se/" }, "qr_url", CodeInvalidURL},
		{"qr_url host without a dot", func(r *Request) { r.QRURL = "https://intranet/stod" }, "qr_url", CodeInvalidURL},
		{"qr_url with user info", func(r *Request) { r.QRURL = "https://user@evil.example/" }, "qr_url", CodeInvalidURL},
		{"qr_url words", func(r *Request) { r.QRURL = "ring oss" }, "qr_url", CodeInvalidURL},
		{"qr_url with RLO", func(r *Request) { r.QRURL = "https://www.halmstad.se/\u202E" }, "qr_url", CodeForbiddenChar},
		{"qr_url too long", func(r *Request) { r.QRURL = "https://a.se/" + strings.Repeat("x", MaxQRURL) }, "qr_url", CodeTooLong},
		{"qr_url too long in bytes", func(r *Request) { r.QRURL = "https://a.se/" + strings.Repeat("ö", MaxQRURL/2) }, "qr_url", CodeTooLong},
		{"too many hours", func(r *Request) {
			for range MaxHours {
				r.Contacts[0].Hours = append(r.Contacts[0].Hours, r.Contacts[0].Hours[0])
			}
		}, "contacts[0].hours", CodeTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.break_(r)
			errs := r.Validate(rules())
			if len(errs) != 1 {
				t.Fatalf("got %d errors %v, want exactly one at %s", len(errs), errs, tt.field)
			}
			if errs[0].Field != tt.field || errs[0].Code != tt.code {
				t.Errorf("got %s %s, want %s %s", errs[0].Field, errs[0].Code, tt.field, tt.code)
			}
		})
	}
}

func TestValidateReportsEverythingAtOnce(t *testing.T) {
	r := valid()
	r.Topics = []string{"nope"}
	r.Contacts[0].Phone = "abc"
	r.Contacts[1].Email = "x"
	errs := r.Validate(rules())
	var fields []string
	for _, e := range errs {
		fields = append(fields, e.Field)
	}
	want := "topics[0],contacts[0].phone,contacts[1].email"
	if strings.Join(fields, ",") != want {
		t.Errorf("fields %v, want %s", fields, want)
	}
}

func TestZWNJAllowedInNamesOnly(t *testing.T) {
	r := valid()
	r.Contacts[0].Name = "می\u200Cخواهم"
	if errs := r.Validate(rules()); errs != nil {
		t.Errorf("ZWNJ in a name refused: %v", errs)
	}
	r.Contacts[0].Phone = "035\u200C-13 70 00"
	if errs := r.Validate(rules()); len(errs) != 1 || errs[0].Code != CodeForbiddenChar {
		t.Errorf("ZWNJ in a phone number: %v", errs)
	}
}

func TestParsePhone(t *testing.T) {
	tests := []struct{ in, display, dial string }{
		{"035-13 70 00", "035-13\u00A070\u00A000", "+4635137000"},
		{"020-50 50 50", "020-50\u00A050\u00A050", "+4620505050"},
		{"+46 35 13 70 00", "+46\u00A035\u00A013\u00A070\u00A000", "+4635137000"},
		{"112", "112", "112"},
		{"114 14", "114\u00A014", "11414"},
		{"116 006", "116\u00A0006", "116006"},
		{"08-123 456 78", "08-123\u00A0456\u00A078", "+46812345678"},
	}
	for _, tt := range tests {
		p, err := ParsePhone(tt.in)
		if err != nil || p.Display != tt.display || p.Dial != tt.dial {
			t.Errorf("ParsePhone(%q) = %q, %q, %v; want %q, %q", tt.in, p.Display, p.Dial, err, tt.display, tt.dial)
		}
	}
	for _, bad := range []string{"", " 112", "11", "+0 123 4567", "0046 35 13", "035--13", "tel:112", "035 13 70 00 ext 2"} {
		if _, err := ParsePhone(bad); !errors.Is(err, ErrPhone) {
			t.Errorf("ParsePhone(%q) accepted", bad)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		field     string
		wantErr   bool
	}{
		{"ok", `{"topics":["vald"]}`, 0, 0, "", false},
		{"unknown field", "{\n \"langauges\": [\"sv\"]\n}", 2, 2, "langauges", true},
		{"syntax", "{\n\"topics\": [\"vald\",]\n}", 2, 19, "", true},
		{"wrong type", "{\"topics\": \"vald\"}", 1, 17, "topics", true},
		{"trailing data", `{"topics":["vald"]} {}`, 1, 21, "", true},
		{"empty", ``, 0, 0, "", true},
		{"key in another case", "{\"topics\":[\"vald\"],\n \"Languages\": [\"sv\"]}", 2, 2, "Languages", true},
		{"nested key in another case", `{"contacts":[{"role":"x","Name":"y"}]}`, 1, 26, "contacts[0].Name", true},
		{"duplicate key", `{"languages":["sv"],"languages":["ar"]}`, 1, 21, "languages", true},
		{"duplicate nested key", `{"municipality":{"code":"1380","code":"0180"}}`, 1, 32, "municipality.code", true},
		{"nested too deeply", strings.Repeat("[", 100000), 0, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr {
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err %T %v is not a *SyntaxError", err, err)
			}
			if se.Line != tt.line || se.Column != tt.col || se.Field != tt.field {
				t.Errorf("at %d:%d field %q, want %d:%d %q (%v)", se.Line, se.Column, se.Field, tt.line, tt.col, tt.field, err)
			}
		})
	}
	if r, err := Parse(strings.NewReader(`{"languages":["SV","sr-latn","FA-af","sv-X-Lattlast"]}`)); err != nil ||
		strings.Join(r.Languages, " ") != "sv sr-Latn fa-AF sv-x-lattlast" {
		t.Errorf("language tags not in BCP 47 case: %v %v", r, err)
	}
	big := `{"municipality":{"name":"` + strings.Repeat("x", MaxBodyBytes) + `"}}`
	if _, err := Parse(strings.NewReader(big)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversize request: %v", err)
	}
}

func TestAroundTheClockIsNotSameTime(t *testing.T) {
	r := valid()
	r.Contacts[0].Hours[0].From, r.Contacts[0].Hours[0].To = "00:00", "24:00"
	if errs := r.Validate(rules()); len(errs) != 0 {
		t.Errorf("00:00–24:00 refused: %v", errs)
	}
}

// A qr_url that is a web address within MaxQRURL bytes passes.
func TestValidQRURLPasses(t *testing.T) {
	for _, u := range []string{"https://www.halmstad.se/stod", "https://a.se/" + strings.Repeat("x", MaxQRURL-len("https://a.se/"))} {
		r := valid()
		r.QR, r.QRURL = true, u
		if errs := r.Validate(rules()); errs != nil {
			t.Errorf("qr_url %q (%d bytes): %v", u, len(u), errs)
		}
	}
}
