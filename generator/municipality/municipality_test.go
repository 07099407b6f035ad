package municipality

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.All()); n != 290 {
		t.Errorf("got %d municipalities, want 290", n)
	}
	tests := []struct{ code, name, county string }{
		{"1380", "Halmstad", "Hallands län"},
		{"0180", "Stockholm", "Stockholms län"},
		{"2584", "Kiruna", "Norrbottens län"},
	}
	for _, tt := range tests {
		m, ok := l.ByCode(tt.code)
		if !ok || m.Name != tt.name || m.County != tt.county {
			t.Errorf("ByCode(%s) = %+v, %v; want %s, %s", tt.code, m, ok, tt.name, tt.county)
		}
	}
	if _, ok := l.ByCode("9999"); ok {
		t.Error("ByCode(9999) found a municipality")
	}
	all := l.All()
	if all[len(all)-1].Name[0:2] != "Ö" && all[len(all)-1].Name[0:2] != "Ä" {
		t.Errorf("last municipality %q: Swedish collation puts Ö last", all[len(all)-1].Name)
	}
}

func TestSearch(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got := l.Search("halm", 5)
	if len(got) == 0 || got[0].Name != "Halmstad" {
		t.Errorf("Search(halm) = %+v, want Halmstad first", got)
	}
	if got := l.Search("ö", 400); len(got) < 10 {
		t.Errorf("Search(ö) found %d, want many", len(got))
	}
}

func TestOfficialNames(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{
		"1384": "Kungsbacka kommun", "1380": "Halmstads kommun", "1489": "Alingsås kommun",
		"2080": "Falu kommun", "0880": "Kalmar kommun", "1421": "Orust kommun", "0980": "Region Gotland",
		"1480": "Göteborgs kommun", "0114": "Upplands Väsby kommun", "2023": "Malung-Sälens kommun",
		"2514": "Kalix kommun", "0180": "Stockholms kommun", "1382": "Falkenbergs kommun",
	} {
		m, ok := l.ByCode(code)
		if !ok || m.Official != want {
			t.Errorf("%s: official name %q, want %q", code, m.Official, want)
		}
	}
	for _, m := range l.All() {
		if !strings.HasSuffix(m.Official, " kommun") && m.Official != "Region Gotland" {
			t.Errorf("%s: official name %q", m.Code, m.Official)
		}
	}
}

// A damaged list is refused when it is read, before anything is sorted.
func TestParseRefuses(t *testing.T) {
	const header = "code,name,county_code,county_name\n"
	for _, tc := range []struct{ name, csv, want string }{
		{"a code twice", header + "1380,Halmstad,13,Hallands län\n1380,Laholm,13,Hallands län\n", "code 1380 twice"},
		{"a short code", header + "138,Halmstad,13,Hallands län\n", "not four digits"},
		{"another header", "kod,namn\n1380,Halmstad\n", "unexpected header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parse([]byte(tc.csv)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parse: %v, want an error with %q", err, tc.want)
			}
		})
	}
}
