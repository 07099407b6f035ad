package content

import (
	_ "embed"
	"fmt"
	"slices"

	"infogeneratorn/generator/tomldata"
	"infogeneratorn/generator/vocab"
)

//go:embed topics.toml
var topicsTOML string

// Kind is the kind of a block in a topic's structure.
type Kind string

// Block kinds.
const (
	Paragraph Kind = "paragraph"
	Heading   Kind = "heading"
	List      Kind = "list"
	Notice    Kind = "notice"
	Contacts  Kind = "contacts"
	HelpLines Kind = "helplines"
)

// Block is one block of a topic's structure.
type Block struct {
	Kind Kind     `toml:"kind"`
	Msg  string   `toml:"msg"`  // paragraph, heading, notice
	Msgs []string `toml:"msgs"` // list items
}

// Topic is the structure of one topic's leaflet.
type Topic struct {
	ID        vocab.TopicID `toml:"id"`
	Title     string        `toml:"title"`
	Summary   string        `toml:"summary"`
	Roles     []vocab.Role  `toml:"roles"`
	HelpLines []string      `toml:"helplines"`
	Blocks    []Block       `toml:"block"`
}

// Common message IDs that every leaflet uses besides its topic's own.
const (
	MsgContactsHeading  = "common.contacts.heading"
	MsgHelpLinesHeading = "common.helplines.heading"
	MsgHelpLinesIntro   = "common.helplines.intro" // plural, {{.Count}}
	MsgFooter           = "common.footer"          // {{.Municipality}}
	MsgUnvetted         = "common.unvetted"
	MsgPhone            = "common.phone"
	MsgEmail            = "common.email"
	MsgWeb              = "common.web"
	MsgAddress          = "common.address"
	MsgHoursAlways      = "hours.always"    // open around the clock
	MsgHoursEveryDay    = "hours.every_day" // "every day" as a day range
	MsgHoursLine        = "hours.line"      // {{.Days}} {{.From}} {{.To}}
	MsgHoursDayRange    = "hours.day_range" // {{.From}} {{.To}}: "Monday–Thursday"
	MsgHoursOvernight   = "hours.overnight" // {{.Days}} {{.From}} {{.To}}, to the next morning
	MsgNoteFree         = "helpline.note.free"
	MsgNoteAnonymous    = "helpline.note.anonymous"
	MsgNoteNotOnBill    = "helpline.note.not_on_bill"
	MsgNoteInterpreter  = "helpline.note.interpreter"
	MsgHelpLineAlso     = "helpline.also" // {{.Number}}: another number of the same line
	// Texts for screen readers in tagged PDF: a phone link's description
	// and the logo's text alternative.
	MsgCallLabel = "a11y.call" // {{.Number}}: "Ring 020-50 50 50"
	MsgLogoAlt   = "a11y.logo" // {{.Municipality}}: "Logotyp: Falkenbergs kommun"
)

// RoleMsg is the message ID of a contact role's label.
func RoleMsg(r vocab.Role) string { return "role." + string(r) }

// DayMsg is the message ID of an ISO weekday (0 = Monday) name.
func DayMsg(day int) string {
	return "day." + []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}[day]
}

// HelpLineMsgs are the message IDs of a help line's localised name and
// description.
func HelpLineMsgs(id string) (name, about string) {
	return "helpline." + id + ".name", "helpline." + id + ".about"
}

// Set is the read-only set of topics.
type Set struct {
	topics map[vocab.TopicID]Topic
}

// KnownHelpLine reports whether a help-line ID exists in the help-line data.
type KnownHelpLine func(id string) bool

// Load parses the embedded topics.toml and checks it.
func Load(known KnownHelpLine) (*Set, error) {
	return Parse(topicsTOML, known)
}

// Parse parses a topics.toml text and checks it: topics of the vocabulary,
// each at most once, known roles and help lines, and blocks with the
// messages their kind needs. (That every topic is present is a content
// test, so that a topic can be drafted before its leaflet ships.)
func Parse(text string, known KnownHelpLine) (*Set, error) {
	var f struct {
		Topic []Topic `toml:"topic"`
	}
	if err := tomldata.Decode("topics.toml", text, &f); err != nil {
		return nil, err
	}
	s := &Set{topics: map[vocab.TopicID]Topic{}}
	for _, t := range f.Topic {
		if _, ok := vocab.ParseTopic(string(t.ID)); !ok {
			return nil, fmt.Errorf("topics.toml: unknown topic %q", t.ID)
		}
		if _, dup := s.topics[t.ID]; dup {
			return nil, fmt.Errorf("topics.toml: topic %q twice", t.ID)
		}
		if t.Title == "" || t.Summary == "" {
			return nil, fmt.Errorf("topics.toml: topic %q needs title and summary", t.ID)
		}
		for _, r := range t.Roles {
			if _, ok := vocab.ParseRole(string(r)); !ok {
				return nil, fmt.Errorf("topics.toml: topic %q: unknown role %q", t.ID, r)
			}
		}
		for _, h := range t.HelpLines {
			if known != nil && !known(h) {
				return nil, fmt.Errorf("topics.toml: topic %q: unknown help line %q", t.ID, h)
			}
		}
		for i, b := range t.Blocks {
			if err := b.check(); err != nil {
				return nil, fmt.Errorf("topics.toml: topic %q block %d: %w", t.ID, i+1, err)
			}
		}
		s.topics[t.ID] = t
	}
	return s, nil
}

func (b Block) check() error {
	switch b.Kind {
	case Paragraph, Heading, Notice:
		if b.Msg == "" || len(b.Msgs) > 0 {
			return fmt.Errorf("%s needs msg and no msgs", b.Kind)
		}
	case List:
		if b.Msg != "" || len(b.Msgs) == 0 {
			return fmt.Errorf("list needs msgs and no msg")
		}
	case Contacts, HelpLines:
		if b.Msg != "" || len(b.Msgs) > 0 {
			return fmt.Errorf("%s takes no messages", b.Kind)
		}
	default:
		return fmt.Errorf("unknown block kind %q", b.Kind)
	}
	return nil
}

// Topic returns the structure of one topic.
func (s *Set) Topic(id vocab.TopicID) (Topic, bool) {
	t, ok := s.topics[id]
	return t, ok
}

// Messages returns every message ID that a leaflet of topic id can print,
// in order: the topic's own, then the common ones (role labels of its
// roles, weekday names, help-line texts, headings, footer).
func (s *Set) Messages(id vocab.TopicID) []string {
	t, ok := s.topics[id]
	if !ok {
		return nil
	}
	out := []string{t.Title, t.Summary}
	for _, b := range t.Blocks {
		if b.Msg != "" {
			out = append(out, b.Msg)
		}
		out = append(out, b.Msgs...)
	}
	out = append(out, CommonMessages()...)
	for _, r := range vocab.Roles() {
		out = append(out, RoleMsg(r))
	}
	for _, h := range t.HelpLines {
		n, a := HelpLineMsgs(h)
		out = append(out, n, a)
	}
	return dedupe(out)
}

// AllMessages returns every message ID any leaflet can print.
func (s *Set) AllMessages() []string {
	var out []string
	for _, id := range vocab.Topics() {
		out = append(out, s.Messages(id)...)
	}
	return dedupe(out)
}

// CommonMessages are the messages every leaflet needs whatever its topic.
func CommonMessages() []string {
	out := []string{MsgContactsHeading, MsgHelpLinesHeading, MsgHelpLinesIntro, MsgFooter,
		MsgUnvetted, MsgPhone, MsgEmail, MsgWeb, MsgAddress, MsgHoursAlways, MsgHoursEveryDay,
		MsgHoursLine, MsgHoursDayRange, MsgHoursOvernight, MsgNoteFree, MsgNoteAnonymous,
		MsgNoteNotOnBill, MsgNoteInterpreter, MsgHelpLineAlso, MsgCallLabel, MsgLogoAlt}
	for d := range 7 {
		out = append(out, DayMsg(d))
	}
	return out
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return slices.Clip(out)
}
