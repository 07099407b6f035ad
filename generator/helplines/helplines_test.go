package helplines

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEmbeddedDataLoads(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.All() {
		if l.Audience == Professional && !strings.Contains(l.ForWhom, "PROFESSIONALS") {
			t.Errorf("%s: professional line without a loud for_whom", l.ID)
		}
	}
}

func TestSelectPolicy(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		ids     []string
		policy  Policy
		printed []string
		skipped []string
		noHours []string // printed without hours
	}{
		{"high only by default", []string{"nodnummer", "kvinnofridslinjen", "stodlinjen-man"}, Policy{},
			[]string{"nodnummer", "kvinnofridslinjen"}, []string{"stodlinjen-man"}, nil},
		{"professional never, even at low", []string{"nch-stodtelefon", "jamstalldhetsmyndigheten-stodtelefon", "bris"}, Policy{MinConfidence: Low},
			[]string{"bris"}, []string{"nch-stodtelefon", "jamstalldhetsmyndigheten-stodtelefon"}, nil},
		{"low never, even when configured", []string{"terrafem", "mind-foraldralinjen"}, Policy{MinConfidence: Low}, nil, []string{"terrafem", "mind-foraldralinjen"}, nil},
		{"medium when configured", []string{"ratt-att-valja"}, Policy{MinConfidence: Medium}, []string{"ratt-att-valja"}, nil, nil},
		{"hours of low confidence are not printed", []string{"brottsofferjouren", "valj-att-sluta"}, Policy{},
			[]string{"brottsofferjouren", "valj-att-sluta"}, nil, []string{"brottsofferjouren", "valj-att-sluta"}},
		{"unknown id", []string{"nope"}, Policy{}, nil, []string{"nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped := s.Select(tt.ids, tt.policy)
			var ids, noHours []string
			for _, p := range got {
				ids = append(ids, p.ID)
				if !p.ShowHours {
					noHours = append(noHours, p.ID)
				}
			}
			var sk []string
			for _, x := range skipped {
				sk = append(sk, x.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.printed, ",") {
				t.Errorf("printed %v, want %v", ids, tt.printed)
			}
			if strings.Join(sk, ",") != strings.Join(tt.skipped, ",") {
				t.Errorf("skipped %v, want %v", sk, tt.skipped)
			}
			if strings.Join(noHours, ",") != strings.Join(tt.noHours, ",") {
				t.Errorf("without hours %v, want %v", noHours, tt.noHours)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	good := `[[line]]
id = "x"
name = "X"
number = "020-50 50 50"
audience = "public"
open = "always"
source_url = "https://example.se/"
source_date = "2024"
verified = "2026-11-01"
confidence = "high"
hours_confidence = "high"
`
	if _, err := Parse(good); err != nil {
		t.Fatalf("good entry refused: %v", err)
	}
	tests := map[string]struct{ old, new string }{
		"no source":           {`source_url = "https://example.se/"`, `source_url = ""`},
		"bad number":          {`"020-50 50 50"`, `"020-5O 50 50"`},
		"bad audience":        {`"public"`, `"everyone"`},
		"bad confidence":      {`confidence = "high"`, `confidence = "sure"`},
		"bad verified date":   {`"2026-11-01"`, `"nov 2026"`},
		"unknown key":         {`open = "always"`, "open = \"always\"\nphone = \"1\""},
		"schedule w/o times":  {`open = "always"`, `open = "schedule"`},
		"bad also number":     {`open = "always"`, "open = \"always\"\nalso = [\"0O0\"]"},
		"also repeats":        {`open = "always"`, "open = \"always\"\nalso = [\"020-50 50 50\"]"},
		"number source alone": {`open = "always"`, "open = \"always\"\nnumber_source_url = \"https://example.se/\""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse(strings.Replace(good, tt.old, tt.new, 1)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// Kvinnofridslinjen: 116 016 first, 020-50 50 50 beside it, both high, the
// numbers sourced to the Government's press release of April 2025 (see
// shared reference, national-helplines.md note 1).
func TestKvinnofridslinjenNumbers(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	l, ok := s.Line("kvinnofridslinjen")
	if !ok {
		t.Fatal("kvinnofridslinjen missing")
	}
	if got := strings.Join(l.Numbers(), ","); got != "116 016,020-50 50 50" {
		t.Errorf("numbers %s", got)
	}
	if l.Confidence != High || l.NumberSourceDate != "2025-04" ||
		l.NumberSourceURL != "https://www.regeringen.se/pressmeddelanden/2025/04/nu-borjar-stodlinjen-116-016-galla/" {
		t.Errorf("confidence %s, number source %s %s", l.Confidence, l.NumberSourceURL, l.NumberSourceDate)
	}
	for _, o := range s.All() {
		if o.ID != l.ID && (slices.Contains(o.Numbers(), "116 016") || slices.Contains(o.Numbers(), "020-50 50 50")) {
			t.Errorf("%s repeats a Kvinnofridslinjen number: one line, one card", o.ID)
		}
	}
}

func TestStale(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if got := s.Stale(now, 365*24*time.Hour); len(got) != 0 {
		t.Errorf("%d lines stale after a year, want 0 (verified 2026-11-01)", len(got))
	}
	if got := s.Stale(now, 7*24*time.Hour); len(got) != len(s.All()) {
		t.Errorf("%d lines stale after a week, want all %d", len(got), len(s.All()))
	}
}
