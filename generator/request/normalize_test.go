package request

import (
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"+46 (0)300-83 50 00", "0300-83 50 00"},
		{"+46 (0) 300-83 50 00", "0300-83 50 00"},
		{"+46 300 83 50 00", "0300 83 50 00"},
		{"+4635137000", "035137000"},
		{"0046 35 13 70 00", "035 13 70 00"},
		{"(0300) 83 50 00", "0300-83 50 00"},
		{"0300/83 50 00", "0300-83 50 00"},
		{"0300 - 83 50 00", "0300-83 50 00"},
		{"0300.835000", "0300-835000"},
		{"0300. 83 50 00", "0300-83 50 00"}, // the new hyphen closes up at once
		{"  035-13  70 00 ", "035-13 70 00"},
		{"035\u00a013\u00a070\u00a000", "035 13 70 00"},
		{"112", "112"},
		{"+47 22 33 44 55", "+47 22 33 44 55"},
		{"ring oss", "ring oss"}, // not a number: left for validation
		{"0300-83 50 00 ank 12", "0300-83 50 00 ank 12"},
		{"", ""},
	} {
		if got := NormalizePhone(c.in); got != c.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", c.in, got, c.want)
		}
		if c.in != c.want && c.want != "" {
			if _, err := ParsePhone(c.want); err != nil && c.want != c.in {
				t.Errorf("NormalizePhone(%q) = %q does not validate: %v", c.in, c.want, err)
			}
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"www.kungsbacka.se", "https://www.kungsbacka.se"},
		{"kungsbacka.se/socialtjanst", "https://kungsbacka.se/socialtjanst"},
		{"http://www.x.se", "https://www.x.se"},
		{"https://www.x.se", "https://www.x.se"},
		{" www.x.se ", "https://www.x.se"},
		{"ftp://x.se", "ftp://x.se"},
		{"kungsbacka", "kungsbacka"},
		{"namn@x.se", "namn@x.se"},
		{"www.x.se/a b", "www.x.se/a b"},
	} {
		if got := NormalizeURL(c.in); got != c.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalizeReportsChanges(t *testing.T) {
	r := &Request{Municipality: Municipality{Name: "Kungsbacka kommun"}, Topics: []string{"vald"}, Languages: []string{"sv"}, Contacts: []Contact{
		{Role: "social_services", Name: "Socialtjänsten", Phone: "+46 (0)300-83 50 00", Web: "www.kungsbacka.se", Email: "mailto:a@b.se"},
		{Role: "womens_shelter", Name: "Kvinnojouren", Phone: "0300-12 34 56"},
	}, QR: true, QRURL: "www.kungsbacka.se/stod"}
	got := r.Normalize()
	want := []Normalized{
		{"contacts[0].phone", "+46 (0)300-83 50 00", "0300-83 50 00"},
		{"contacts[0].email", "mailto:a@b.se", "a@b.se"},
		{"contacts[0].web", "www.kungsbacka.se", "https://www.kungsbacka.se"},
		{"qr_url", "www.kungsbacka.se/stod", "https://www.kungsbacka.se/stod"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: %v, want %v", i, got[i], want[i])
		}
	}
	if errs := r.Validate(Rules{}); len(errs) > 0 {
		t.Errorf("normalised request does not validate: %v", errs)
	}
}

// FuzzNormalize: whatever is typed, normalising never panics, is stable
// (a second pass changes nothing) and either leaves the input as typed or
// gives a value that validates.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"+46 (0)300-83 50 00", "(0300) 83 50 00", "www.x.se", "http://x.se/a", "0046 8 123", "+(", "()", "javascript:alert(1)", "https://intranet/", "HTTP://www.x.se/ö"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := NormalizePhone(s)
		if NormalizePhone(p) != p {
			t.Errorf("NormalizePhone not stable on %q: %q then %q", s, p, NormalizePhone(p))
		}
		if _, err := ParsePhone(p); err != nil && p != strings.TrimSpace(s) {
			t.Errorf("NormalizePhone(%q) = %q: changed yet invalid", s, p)
		}
		u := NormalizeURL(s)
		if NormalizeURL(u) != u {
			t.Errorf("NormalizeURL not stable on %q: %q", s, u)
		}
		if u != strings.TrimSpace(s) && !validURL(u) && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "http") {
			t.Errorf("NormalizeURL(%q) = %q: changed yet invalid", s, u)
		}
	})
}
