package review

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"infogeneratorn/generator/lint"
)

// LocaleStatus is one locale's row of the status table: the same data for
// `infogen locales status`, its --json and the web app's page.
type LocaleStatus struct {
	Lang        string `json:"lang"`
	NameSwedish string `json:"name_sv"`
	Native      string `json:"native"`
	// Source marks the Swedish source, whose messages are the reference
	// and have the state "source" rather than counts of vetting.
	Source     bool         `json:"source"`
	Messages   int          `json:"messages"`   // messages of the source
	Translated int          `json:"translated"` // of them, with a text in this locale
	Vetted     int          `json:"vetted"`
	Stale      int          `json:"stale"` // with an approval that no longer holds
	Why        ReasonCounts `json:"why"`   // translated but not vetted, by reason
	Errors     int          `json:"errors"`
	Warnings   int          `json:"warnings"`
	Reviewers  []string     `json:"reviewers"`
	Items      []Message    `json:"items"` // every message, in ID order
}

// ReasonCounts counts the translated, unvetted messages by reason; one
// message can have several.
type ReasonCounts struct {
	NoRecord          int `json:"no_record"`
	SourceChanged     int `json:"source_changed"`
	TranslationEdited int `json:"translation_edited"`
	ReviewerNotListed int `json:"reviewer_not_listed"`
	FailsCheck        int `json:"fails_check"`
	Unsigned          int `json:"unsigned"`
	BadSignature      int `json:"bad_signature"`
	KeyNotListed      int `json:"key_not_listed"`
}

func (c *ReasonCounts) add(r Reason) {
	switch r {
	case NoRecord:
		c.NoRecord++
	case SourceChanged:
		c.SourceChanged++
	case TranslationEdited:
		c.TranslationEdited++
	case ReviewerNotListed:
		c.ReviewerNotListed++
	case FailsCheck:
		c.FailsCheck++
	case Unsigned:
		c.Unsigned++
	case BadSignature:
		c.BadSignature++
	case KeyNotListed:
		c.KeyNotListed++
	}
}

// String lists the non-zero counts: "no record 12, source changed 1".
func (c ReasonCounts) String() string {
	var parts []string
	for _, p := range []struct {
		r Reason
		n int
	}{{NoRecord, c.NoRecord}, {SourceChanged, c.SourceChanged}, {TranslationEdited, c.TranslationEdited},
		{ReviewerNotListed, c.ReviewerNotListed}, {FailsCheck, c.FailsCheck}, {Unsigned, c.Unsigned},
		{BadSignature, c.BadSignature}, {KeyNotListed, c.KeyNotListed}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", p.r, p.n))
		}
	}
	return strings.Join(parts, ", ")
}

// Status returns every locale's row, the source first, then by Swedish
// name as the form lists them.
func (s *Snapshot) Status() []LocaleStatus {
	var out []LocaleStatus
	for _, lang := range s.order {
		meta := s.metas[lang]
		row := LocaleStatus{Lang: lang, NameSwedish: meta.NameSwedish, Native: meta.NameNative,
			Source: IsSource(lang), Messages: len(s.sourceIDs), Reviewers: []string{}}
		for _, r := range s.reviewers.For(lang) {
			row.Reviewers = append(row.Reviewers, r.Name)
		}
		for _, id := range s.sourceIDs {
			m := s.state(lang).states[id]
			row.Items = append(row.Items, m)
			switch m.State {
			case StateMissing:
				continue
			case StateVetted:
				row.Vetted++
			}
			row.Translated++
			if m.Stale() {
				row.Stale++
			}
			if m.State == StateUnvetted {
				for _, r := range m.Reasons {
					row.Why.add(r)
				}
			}
		}
		for _, d := range s.Report.For(lang, "") {
			if d.Severity == lint.Error {
				row.Errors++
			} else {
				row.Warnings++
			}
		}
		out = append(out, row)
	}
	return out
}

// WriteStatus writes rows as the plain-text table of `infogen locales
// status`.
func WriteStatus(w io.Writer, rows []LocaleStatus) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "lang\tname\tmessages\ttranslated\tvetted\tstale\terrors\twarnings\tnot vetted because")
	for _, r := range rows {
		vetted, why := fmt.Sprint(r.Vetted), r.Why.String()
		if r.Source {
			vetted, why = "source", "the source text itself"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%s\n", r.Lang, r.NameSwedish, r.Messages, r.Translated,
			vetted, r.Stale, r.Errors, r.Warnings, why)
	}
	return tw.Flush()
}
