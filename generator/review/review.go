package review

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
)

// State is where one message of one locale stands.
type State string

// States.
const (
	// StateSource is every message of the Swedish source: it is the text
	// the others are checked against, written by the project's editors,
	// so it needs no translator's approval and is never "unvetted".
	StateSource   State = "source"
	StateVetted   State = "vetted"
	StateUnvetted State = "unvetted" // translated, without a valid approval (see Reasons)
	StateMissing  State = "missing"  // not translated at all
)

// Reason says why a translated message is not vetted.
type Reason string

// Reasons, in the order they are tested.
const (
	NoRecord          Reason = "no record"
	SourceChanged     Reason = "source changed"
	TranslationEdited Reason = "translation edited"
	ReviewerNotListed Reason = "reviewer not listed for this language"
	FailsCheck        Reason = "fails check"
)

// Message is the review state of one message in one locale.
type Message struct {
	ID       string   `json:"id"`
	State    State    `json:"state"`
	Reasons  []Reason `json:"reasons,omitempty"`
	Reviewer string   `json:"reviewer,omitempty"` // of the record, valid or not
	Date     string   `json:"date,omitempty"`
}

// Stale reports whether the message has an approval that no longer holds.
func (m Message) Stale() bool {
	return m.State == StateUnvetted && !slices.Contains(m.Reasons, NoRecord)
}

// Config is the input of Load.
type Config struct {
	Locales fs.FS         // the locales directory
	Root    string        // how it is named in diagnostics ("locales")
	Fonts   lint.Coverage // the print fonts' coverage, for the check
}

// Snapshot is one consistent reading of the locales directory: the
// catalog the leaflets are made from, the check's findings, and every
// message's review state, all computed from the same bytes. It is
// read-only and safe for concurrent use.
type Snapshot struct {
	// Catalog is nil when the catalog refused the files.
	Catalog *catalog.Catalog
	// Report holds the check's findings and the review files' own.
	Report lint.Report
	// CatalogErr is why Catalog is nil.
	CatalogErr error

	reviewers Reviewers
	metas     map[string]catalog.Meta
	order     []string // locale tags with a file, source first
	msgs      map[string]map[string]catalog.Message
	states    map[string]map[string]Message // lang -> id -> state
	sourceIDs []string
}

// CheckError is a set of locales refused because the check found errors.
type CheckError struct {
	Report     lint.Report
	CatalogErr error
}

func (e *CheckError) Error() string {
	if n := e.Report.Errors(); n > 0 {
		for _, d := range e.Report.Diagnostics {
			if d.Severity == lint.Error {
				return fmt.Sprintf("locales: %d error(s), the first: %s", n, d)
			}
		}
	}
	return fmt.Sprintf("locales: %v", e.CatalogErr)
}

// Load reads the locales directory: it runs the check, loads the catalog,
// reads the reviewers and approvals, and recomputes every message's
// state. It returns the snapshot even when it returns an error, so that
// status can show a broken set; the error is a *CheckError when the check
// or the catalog failed, and the snapshot must then not be served.
func Load(cfg Config) (*Snapshot, error) {
	rep := lint.Check(lint.Config{Locales: cfg.Locales, Root: cfg.Root, Fonts: cfg.Fonts})
	s := &Snapshot{states: map[string]map[string]Message{}}
	s.Catalog, s.CatalogErr = catalog.Load(cfg.Locales)
	metas, err := catalog.LoadMeta(cfg.Locales)
	if err != nil {
		s.Report = rep
		return s, &CheckError{Report: rep, CatalogErr: err}
	}
	s.metas = metas
	var extra []lint.Diagnostic
	var ds []lint.Diagnostic
	s.reviewers, ds = readReviewers(cfg.Locales, cfg.Root, func(l string) bool { _, ok := metas[l]; return ok })
	extra = append(extra, ds...)
	msgs := map[string]map[string]catalog.Message{}
	s.msgs = msgs
	for _, tag := range sortedTags(metas) {
		data, err := fs.ReadFile(cfg.Locales, tag+".toml")
		if err != nil {
			continue // a locale planned in locales.toml without a file yet
		}
		list, err := catalog.ParseFile(tag+".toml", data)
		if err != nil {
			list = nil // the check reports it
		}
		msgs[tag] = map[string]catalog.Message{}
		for _, m := range list {
			msgs[tag][m.ID] = m
		}
		s.order = append(s.order, tag)
	}
	src := msgs[catalog.SourceTag]
	for id := range src {
		s.sourceIDs = append(s.sourceIDs, id)
	}
	slices.Sort(s.sourceIDs)
	for _, lang := range s.order {
		var recs map[string]Record
		if lang != catalog.SourceTag {
			recs, ds = readRecords(cfg.Locales, cfg.Root, lang)
			extra = append(extra, ds...)
			for _, id := range slices.Sorted(maps.Keys(recs)) {
				if _, ok := msgs[lang][id]; !ok {
					extra = append(extra, lint.Diagnostic{File: path.Join(cfg.Root, ApprovalsFile(lang)), Line: 1, Col: 1,
						Severity: lint.Warning, Rule: RuleApproval, Lang: lang, ID: id,
						Text: "approval of a message the locale does not have"})
				}
			}
		}
		s.states[lang] = s.compute(lang, src, msgs[lang], recs, rep.Failing(lang))
	}
	rep.Add(extra...)
	s.Report = rep
	if rep.Errors() > 0 || s.CatalogErr != nil {
		return s, &CheckError{Report: rep, CatalogErr: s.CatalogErr}
	}
	return s, nil
}

// compute derives every message's state from the texts, the records and
// the check; nothing of it is ever stored.
func (s *Snapshot) compute(lang string, src, tr map[string]catalog.Message, recs map[string]Record, failing map[string]bool) map[string]Message {
	out := map[string]Message{}
	for _, id := range s.sourceIDs {
		m := Message{ID: id}
		t, ok := tr[id]
		switch {
		case lang == catalog.SourceTag:
			m.State = StateSource
			if failing[id] {
				m.Reasons = []Reason{FailsCheck}
			}
		case !ok || len(t.Forms) == 0:
			m.State = StateMissing
		default:
			m.State = StateUnvetted
			r, has := recs[id]
			if !has {
				m.Reasons = append(m.Reasons, NoRecord)
			} else {
				m.Reviewer, m.Date = r.Reviewer, r.Date
				if r.Source != SourceHash(catalog.SourceTag, lang, src[id]) {
					m.Reasons = append(m.Reasons, SourceChanged)
				}
				if r.Translation != TranslationHash(catalog.SourceTag, lang, t) {
					m.Reasons = append(m.Reasons, TranslationEdited)
				}
				if !s.reviewers.Listed(r.Reviewer, lang) {
					m.Reasons = append(m.Reasons, ReviewerNotListed)
				}
			}
			if failing[id] {
				m.Reasons = append(m.Reasons, FailsCheck)
			}
			if len(m.Reasons) == 0 {
				m.State = StateVetted
			}
		}
		out[id] = m
	}
	return out
}

// Message returns the state of message id in lang.
func (s *Snapshot) Message(lang, id string) (Message, bool) {
	m, ok := s.states[lang][id]
	return m, ok
}

// Unvetted returns those of ids that a leaflet in lang may not print as
// vetted: every ID without a valid approval, or, in the source, with a
// check error. An unknown language has nothing vetted.
func (s *Snapshot) Unvetted(lang string, ids []string) []string {
	var out []string
	states := s.states[lang]
	for _, id := range ids {
		m, ok := states[id]
		switch {
		case !ok:
			out = append(out, id)
		case m.State == StateSource && len(m.Reasons) == 0, m.State == StateVetted:
		default:
			out = append(out, id)
		}
	}
	return out
}

// Reviewers returns the reviewers listed for lang.
func (s *Snapshot) Reviewers(lang string) []Reviewer { return s.reviewers.For(lang) }

// IsSource reports whether lang is the source locale.
func IsSource(lang string) bool { return lang == catalog.SourceTag }

// sortedTags orders the locales as the catalog does: the source first,
// then by Swedish name.
func sortedTags(metas map[string]catalog.Meta) []string {
	tags := slices.Sorted(maps.Keys(metas))
	slices.SortStableFunc(tags, func(a, b string) int {
		switch catalog.SourceTag {
		case a:
			return -1
		case b:
			return 1
		}
		return cmp.Compare(metas[a].NameSwedish, metas[b].NameSwedish)
	})
	return tags
}
