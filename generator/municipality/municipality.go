package municipality

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

//go:embed kommuner.csv
var kommunerCSV []byte

// Municipality is one of Sweden's municipalities.
type Municipality struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	CountyCode string `json:"county_code"`
	County     string `json:"county"`
	// Official is the name a leaflet prints as its issuer: "Kungsbacka
	// kommun", "Halmstads kommun", "Falu kommun", "Region Gotland".
	Official string `json:"official_name"`
}

// List is the read-only set of municipalities. It is safe for concurrent
// use.
type List struct {
	byCode map[string]Municipality
	// sorted is the list in Swedish collation, sorted when All or Search
	// first needs it: a command that only looks codes up (a leaflet from
	// the command line) never pays the collator (0.5 ms).
	sorted func() []Municipality
}

// Load parses the embedded list. It fails only if the embedded file is
// damaged, so callers may treat an error as fatal at start-up.
func Load() (*List, error) {
	return parse(kommunerCSV)
}

func parse(data []byte) (*List, error) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("kommuner.csv: %w", err)
	}
	if len(rows) < 2 || strings.Join(rows[0], ",") != "code,name,county_code,county_name" {
		return nil, fmt.Errorf("kommuner.csv: unexpected header %q", rows[0])
	}
	all := make([]Municipality, 0, len(rows)-1)
	byCode := make(map[string]Municipality, len(rows)-1)
	for i, r := range rows[1:] {
		if len(r[0]) != 4 {
			return nil, fmt.Errorf("kommuner.csv:%d: code %q is not four digits", i+2, r[0])
		}
		if _, dup := byCode[r[0]]; dup {
			return nil, fmt.Errorf("kommuner.csv: code %s twice", r[0])
		}
		name := norm.NFC.String(r[1])
		m := Municipality{Code: r[0], Name: name, CountyCode: r[2], County: r[3], Official: official(name)}
		all = append(all, m)
		byCode[m.Code] = m
	}
	sorted := sync.OnceValue(func() []Municipality {
		sortByName(all, collate.New(language.Swedish))
		return all
	})
	return &List{byCode: byCode, sorted: sorted}, nil
}

func sortByName(ms []Municipality, c *collate.Collator) {
	// Swedish collation puts Å, Ä and Ö after Z, as readers expect.
	slices.SortStableFunc(ms, func(a, b Municipality) int { return c.CompareString(a.Name, b.Name) })
}

// All returns every municipality in Swedish alphabetical order.
func (l *List) All() []Municipality { return append([]Municipality(nil), l.sorted()...) }

// ByCode returns the municipality with the four-digit code.
func (l *List) ByCode(code string) (Municipality, bool) {
	m, ok := l.byCode[code]
	return m, ok
}

// Search returns up to max municipalities whose name contains q, ignoring
// case; names that start with q come first.
func (l *List) Search(q string, max int) []Municipality {
	q = strings.ToLower(strings.TrimSpace(norm.NFC.String(q)))
	var starts, contains []Municipality
	for _, m := range l.sorted() {
		n := strings.ToLower(m.Name)
		switch {
		case strings.HasPrefix(n, q):
			starts = append(starts, m)
		case strings.Contains(n, q):
			contains = append(contains, m)
		}
	}
	out := append(starts, contains...)
	if len(out) > max {
		out = out[:max]
	}
	return out
}
