package printset

import (
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

func TestFileName(t *testing.T) {
	tests := []struct {
		muni, lang string
		topic      vocab.TopicID
		paper      vocab.Paper
		want       string
	}{
		{"Falkenberg", "arabiska", "vald", vocab.A4, "Falkenberg_vald_arabiska_A4.pdf"},
		{"Östra Göinge", "nordkurdiska (kurmanji)", "foraldraskapsstod", vocab.A5, "Ostra-Goinge_foraldraskapsstod_nordkurdiska-kurmanji_A5.pdf"},
		{"Malung-Sälen", "Lättläst svenska", "vald", vocab.A4, "Malung-Salen_vald_lattlast-svenska_A4.pdf"},
		{"Håbo", "tigrinja", "vald", vocab.A4, "Habo_vald_tigrinja_A4.pdf"},
		{"", "ሰላም", "vald", vocab.A4, "x_vald_x_A4.pdf"},
		{"Åre/../..", "dari", "vald", vocab.A4, "Are_vald_dari_A4.pdf"},
	}
	for _, tc := range tests {
		if got := FileName(tc.muni, tc.topic, tc.lang, tc.paper); got != tc.want {
			t.Errorf("FileName(%q, %q, %q) = %q, want %q", tc.muni, tc.topic, tc.lang, got, tc.want)
		}
	}
}

func TestFingerprintIgnoresTheDate(t *testing.T) {
	a := &document.Document{Lang: "ar", Title: "x", Meta: document.Meta{Generated: "2026-12-01"}}
	b := &document.Document{Lang: "ar", Title: "x", Meta: document.Meta{Generated: "2027-01-01"}}
	c := &document.Document{Lang: "ar", Title: "y", Meta: document.Meta{Generated: "2026-12-01"}}
	if Fingerprint(a) != Fingerprint(b) {
		t.Error("the date a leaflet was made on changes its fingerprint")
	}
	if Fingerprint(a) == Fingerprint(c) || len(Fingerprint(a)) != 64 {
		t.Error("a changed title keeps the fingerprint")
	}
}

func FuzzASCII(f *testing.F) {
	for _, s := range []string{"Falkenberg", "Östra Göinge", "ሰላም", "../..", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ASCII(s)
		if out == "" {
			t.Fatal("empty name")
		}
		for _, r := range out {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("ASCII(%q) = %q has %q", s, out, r)
			}
		}
	})
}
