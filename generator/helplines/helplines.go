package helplines

import (
	_ "embed"
	"fmt"
	"slices"
	"time"

	"infogeneratorn/generator/request"
	"infogeneratorn/generator/tomldata"
)

//go:embed helplines.toml
var data string

// Audience is who a line is for.
type Audience string

// Audiences.
const (
	Public       Audience = "public"
	Professional Audience = "professional"
)

// Confidence grades a fact by its source.
type Confidence string

// Confidence grades, from strongest to weakest.
const (
	High       Confidence = "high"       // operator's or a government page, nothing contradicts it
	Medium     Confidence = "medium"     // official but old, or may have changed
	Low        Confidence = "low"        // one old page or third-party only: do not print
	Unverified Confidence = "unverified" // do not print
)

func (c Confidence) rank() int {
	switch c {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// AtLeast reports whether c is as strong as min.
func (c Confidence) AtLeast(min Confidence) bool { return c.rank() >= min.rank() && c.rank() > 0 }

// Open says how a line's hours are known.
type Open string

// Kinds of opening hours.
const (
	Always   Open = "always"
	Schedule Open = "schedule"
	Weekdays Open = "weekdays"
	Unknown  Open = "unknown"
)

// Line is one national help line.
type Line struct {
	ID               string          `toml:"id"`
	Name             string          `toml:"name"`               // the service's own (Swedish) name
	Number           string          `toml:"number"`             // printed first
	Also             []string        `toml:"also"`               // other numbers of the same line, printed beside it
	NumberSourceURL  string          `toml:"number_source_url"`  // the numbers' own source, if not SourceURL
	NumberSourceDate string          `toml:"number_source_date"` // that source's date
	Audience         Audience        `toml:"audience"`
	ForWhom          string          `toml:"for_whom"` // English, for administrators
	Open             Open            `toml:"open"`
	Schedule         []request.Hours `toml:"schedule"`
	Free             bool            `toml:"free"`
	Anonymous        bool            `toml:"anonymous"`
	NotOnBill        bool            `toml:"not_on_bill"`
	Interpreter      bool            `toml:"interpreter"`
	SourceURL        string          `toml:"source_url"`
	SourceDate       string          `toml:"source_date"`
	Verified         string          `toml:"verified"` // YYYY-MM-DD
	Confidence       Confidence      `toml:"confidence"`
	HoursConfidence  Confidence      `toml:"hours_confidence"`
	Note             string          `toml:"note"`
}

// Numbers returns the line's numbers: the one printed first, then the
// others that reach the same line.
func (l Line) Numbers() []string { return append([]string{l.Number}, l.Also...) }

// Set is the read-only help-line data.
type Set struct {
	lines []Line
	byID  map[string]int
}

// Load parses the embedded data and checks every entry.
func Load() (*Set, error) { return Parse(data) }

// Parse parses help-line TOML and checks every entry: known audience,
// confidence and hours kind, a valid number, a source and a verified date.
func Parse(text string) (*Set, error) {
	var f struct {
		Line []Line `toml:"line"`
	}
	if err := tomldata.Decode("helplines.toml", text, &f); err != nil {
		return nil, err
	}
	s := &Set{byID: map[string]int{}}
	for i, l := range f.Line {
		if err := l.check(); err != nil {
			return nil, fmt.Errorf("helplines.toml: line %q: %w", l.ID, err)
		}
		if _, dup := s.byID[l.ID]; dup {
			return nil, fmt.Errorf("helplines.toml: line %q twice", l.ID)
		}
		s.byID[l.ID] = i
		s.lines = append(s.lines, l)
	}
	return s, nil
}

func (l Line) check() error {
	switch {
	case l.ID == "" || l.Name == "":
		return fmt.Errorf("id and name are required")
	case l.Audience != Public && l.Audience != Professional:
		return fmt.Errorf("audience %q: want public or professional", l.Audience)
	case l.Confidence.rank() == 0 && l.Confidence != Unverified,
		l.HoursConfidence.rank() == 0 && l.HoursConfidence != Unverified:
		return fmt.Errorf("confidence: want high, medium, low or unverified")
	case l.SourceURL == "" || l.SourceDate == "":
		return fmt.Errorf("a source URL and the source's date are required")
	}
	if _, err := time.Parse(time.DateOnly, l.Verified); err != nil {
		return fmt.Errorf("verified %q: want YYYY-MM-DD", l.Verified)
	}
	if (l.NumberSourceURL == "") != (l.NumberSourceDate == "") {
		return fmt.Errorf("number_source_url and number_source_date go together")
	}
	for _, n := range l.Numbers() {
		if _, err := request.ParsePhone(n); err != nil {
			return fmt.Errorf("number %q: %w", n, err)
		}
	}
	if slices.Contains(l.Also, l.Number) {
		return fmt.Errorf("number %q is also in also", l.Number)
	}
	switch l.Open {
	case Always, Weekdays, Unknown:
		if len(l.Schedule) > 0 {
			return fmt.Errorf("a schedule needs open = \"schedule\"")
		}
	case Schedule:
		if len(l.Schedule) == 0 {
			return fmt.Errorf("open = \"schedule\" needs a schedule")
		}
		for _, h := range l.Schedule {
			if _, _, err := request.ParseDays(h.Days); err != nil {
				return err
			}
			if _, err := request.ParseClock(h.From); err != nil {
				return err
			}
			if _, err := request.ParseClock(h.To); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("open %q: want always, schedule, weekdays or unknown", l.Open)
	}
	return nil
}

// Has reports whether a line with this ID exists.
func (s *Set) Has(id string) bool { _, ok := s.byID[id]; return ok }

// Line returns the line with this ID.
func (s *Set) Line(id string) (Line, bool) {
	i, ok := s.byID[id]
	if !ok {
		return Line{}, false
	}
	return s.lines[i], true
}

// All returns every line in file order.
func (s *Set) All() []Line { return append([]Line(nil), s.lines...) }

// Policy is what may be printed. The zero Policy prints only lines whose
// number and hours are of high confidence; MinConfidence may lower that to
// medium, never further.
type Policy struct {
	MinConfidence Confidence // empty means High
}

// Printed is a line as a leaflet may print it.
type Printed struct {
	Line
	ShowHours bool // hours are printed only when their confidence suffices
}

// Skip says why a line a topic names is not printed.
type Skip struct {
	ID     string
	Reason string
}

// Select returns the lines of ids that the policy lets a leaflet print, in
// the given order, and why the others are left out.
func (s *Set) Select(ids []string, p Policy) ([]Printed, []Skip) {
	min := p.MinConfidence
	if min == "" {
		min = High
	}
	if !min.AtLeast(Medium) {
		min = Medium // low and unverified facts are never printed, whatever the configuration
	}
	var out []Printed
	var skipped []Skip
	for _, id := range ids {
		l, ok := s.Line(id)
		switch {
		case !ok:
			skipped = append(skipped, Skip{id, "no such line"})
		case l.Audience != Public:
			skipped = append(skipped, Skip{id, "for professionals only"})
		case !l.Confidence.AtLeast(min):
			skipped = append(skipped, Skip{id, fmt.Sprintf("confidence %s is below %s", l.Confidence, min)})
		default:
			out = append(out, Printed{Line: l, ShowHours: l.Open != Unknown && l.HoursConfidence.AtLeast(min)})
		}
	}
	return out, skipped
}

// Stale returns the lines last verified more than maxAge before now.
func (s *Set) Stale(now time.Time, maxAge time.Duration) []Line {
	var out []Line
	for _, l := range s.lines {
		v, _ := time.Parse(time.DateOnly, l.Verified)
		if now.Sub(v) > maxAge {
			out = append(out, l)
		}
	}
	return out
}
