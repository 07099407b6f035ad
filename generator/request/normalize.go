package request

import (
	"fmt"
	"strings"
	"unicode"
)

// People write phone numbers and web addresses in many ways that mean the
// same thing: "+46 (0)300-83 50 00", "0046 300 83 50 00", "(0300) 83 50 00",
// "www.kungsbacka.se". Normalize turns such input into the one form a
// leaflet prints (0300-83 50 00, https://www.kungsbacka.se) before it is
// validated, and says what it changed so that the form can show it back
// for confirmation. What it cannot read for certain is left as typed, for
// Validate to report.

// Normalized is one value that Normalize rewrote.
type Normalized struct {
	Field    string // the request path, as in FieldError: "contacts[0].phone"
	From, To string
}

// Normalize rewrites the contacts' phone numbers, web addresses and e-mail
// addresses, and the QR code's address, into their printed form and
// returns what it changed, in field order.
func (r *Request) Normalize() []Normalized {
	var out []Normalized
	note := func(field string, v *string, f func(string) string) {
		if n := f(*v); n != *v {
			out = append(out, Normalized{Field: field, From: *v, To: n})
			*v = n
		}
	}
	for i := range r.Contacts {
		c := &r.Contacts[i]
		p := fmt.Sprintf("contacts[%d]", i)
		note(p+".phone", &c.Phone, NormalizePhone)
		note(p+".email", &c.Email, NormalizeEmail)
		note(p+".web", &c.Web, NormalizeURL)
	}
	note("qr_url", &r.QRURL, NormalizeURL)
	return out
}

// NormalizePhone returns a phone number in the form a Swedish leaflet
// prints: a Swedish number written internationally ("+46 (0)300-83 50 00",
// "0046 300 835000") becomes national ("0300-83 50 00"); brackets around
// the area code, a slash or dot after it, and spaces around the hyphen
// become the one hyphen; runs of spaces become one. A number of another
// country keeps its "+". Input that is not a phone number after all this
// is returned as given (trimmed), for validation to report.
func NormalizePhone(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	t := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	national := false
	switch {
	case strings.HasPrefix(t, "+46"):
		t, national = strings.TrimSpace(t[3:]), true
	case strings.HasPrefix(t, "0046"):
		t, national = strings.TrimSpace(t[4:]), true
	}
	if national {
		t = strings.TrimPrefix(t, "(0)")
		t = strings.TrimSpace(strings.TrimPrefix(t, "-"))
		if !strings.HasPrefix(t, "0") {
			t = "0" + t
		}
	}
	// "(0300) 83 50 00": the bracketed area code.
	if strings.HasPrefix(t, "(") {
		if end := strings.IndexByte(t, ')'); end > 1 {
			t = t[1:end] + "-" + strings.TrimSpace(t[end+1:])
		}
	}
	t = closeHyphens(strings.ReplaceAll(t, "/", "-"))
	if i := strings.IndexByte(t, '.'); i > 0 && !strings.HasPrefix(t, "+") && strings.Count(t, ".") == 1 && !strings.Contains(t, "-") {
		// "0300.83 50 00"; the new hyphen may stand beside a space
		// ("0300. 83 50 00").
		t = closeHyphens(t[:i] + "-" + t[i+1:])
	}
	if _, err := ParsePhone(t); err != nil {
		return s
	}
	return t
}

// closeHyphens drops the spaces beside a hyphen ("0300 - 83" becomes
// "0300-83") in t, whose spaces are single. A space it keeps has no hyphen
// beside it, so a second pass changes nothing.
func closeHyphens(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' && ((i > 0 && t[i-1] == '-') || (i+1 < len(t) && t[i+1] == '-')) {
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// NormalizeURL returns a web address as a leaflet prints and links it:
// "www.x.se" and "x.se/hjalp" get "https://"; "http://" becomes
// "https://" (a leaflet never sends a reader to a page that can be altered
// on the way). Anything else is returned trimmed, for validation.
func NormalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "https://"):
		return s
	case strings.HasPrefix(lower, "http://"):
		return "https://" + s[len("http://"):]
	case strings.Contains(s, "://"), strings.ContainsAny(s, " @"):
		return s
	}
	host, _, _ := strings.Cut(s, "/")
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return s
	}
	n := "https://" + s
	if !validURL(n) {
		return s
	}
	return n
}

// NormalizeEmail drops a "mailto:" that came with a pasted address.
func NormalizeEmail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "mailto:") {
		return strings.TrimSpace(s[7:])
	}
	return s
}
