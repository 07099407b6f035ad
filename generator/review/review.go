package review

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sync"

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
	// Seal, if the files are the ones it was made of, stands for the
	// check: Load then takes its report and runs no check (see Seal).
	// Leave it nil for files that can change (--locales DIR, reloads).
	Seal *Seal
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
	// Sealed reports that Config.Seal matched the files: the report is
	// the seal's, and the check did not run.
	Sealed bool

	sealSigs  map[string]Reason // a sealed set's signature outcomes: "lang id" -> reason
	fsys      fs.FS
	root      string
	files     *catalog.Files
	reviewers Reviewers
	metas     map[string]catalog.Meta
	order     []string // locale tags with a file, source first
	sourceIDs []string
	src       map[string]catalog.Message
	langs     map[string]*langState // lang -> its messages and states, computed once
}

// langState is one locale's messages and review states, computed when
// first asked for (or at once by a full Load).
type langState struct {
	once   sync.Once
	recs   map[string]Record  // read by Load already, or nil to read in once
	states map[string]Message // id -> state
	sigs   map[string]Reason  // id -> why its signed record does not count ("" when it does)
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
//
// Each message file is parsed once, and the check, the catalog and the
// states share that parse. When cfg.Seal matches the files, Load runs no
// check and reads each locale, its approvals included, only when a
// leaflet, a status or an approval first asks for it.
func Load(cfg Config) (*Snapshot, error) {
	s := &Snapshot{fsys: cfg.Locales, root: cfg.Root, langs: map[string]*langState{}}
	if cfg.Seal != nil && cfg.Seal.matches(cfg.Locales, cfg.Root) {
		if cfg.Seal.Files != nil {
			s.fsys = verifiedFS{fsys: cfg.Locales, files: cfg.Seal.Files}
		}
		s.files = catalog.NewFiles(s.fsys)
		return s.loadSealed(cfg.Seal)
	}
	s.files = catalog.NewFiles(cfg.Locales)
	rep := lint.Check(lint.Config{Locales: cfg.Locales, Root: cfg.Root, Fonts: cfg.Fonts, Files: s.files})
	if cat, err := catalog.Open(s.files); err != nil {
		s.CatalogErr = err
	} else if err := cat.LoadAll(); err != nil {
		s.CatalogErr = err
	} else {
		s.Catalog = cat
	}
	metas, err := s.files.Meta()
	if err != nil {
		s.Report = rep
		return s, &CheckError{Report: rep, CatalogErr: err}
	}
	extra := s.list(metas)
	for _, lang := range s.order {
		ls := s.langs[lang]
		if lang != catalog.SourceTag {
			recs, ds := readRecords(cfg.Locales, cfg.Root, lang)
			extra = append(extra, ds...)
			msgs := s.messages(lang)
			for _, id := range slices.Sorted(maps.Keys(recs)) {
				if _, ok := msgs[id]; !ok {
					extra = append(extra, lint.Diagnostic{File: path.Join(cfg.Root, ApprovalsFile(lang)), Line: 1, Col: 1,
						Severity: lint.Warning, Rule: RuleApproval, Lang: lang, ID: id,
						Text: "approval of a message the locale does not have"})
				}
			}
			ls.recs = recs
		}
	}
	rep.Add(extra...)
	s.Report = rep
	for _, lang := range s.order {
		s.state(lang) // at once: a full load is the one a translator checks
	}
	if rep.Errors() > 0 || s.CatalogErr != nil {
		return s, &CheckError{Report: rep, CatalogErr: s.CatalogErr}
	}
	return s, nil
}

// loadSealed is Load for files a seal vouches for: they passed the check
// when the seal was made, so its report is theirs.
func (s *Snapshot) loadSealed(seal *Seal) (*Snapshot, error) {
	s.Sealed = true
	s.sealSigs = seal.Signatures
	s.Report = lint.Report{Diagnostics: slices.Clone(seal.Diagnostics)}
	cat, err := catalog.Open(s.files)
	if err != nil {
		s.CatalogErr = err
		return s, &CheckError{Report: s.Report, CatalogErr: err}
	}
	s.Catalog = cat
	metas, err := s.files.Meta()
	if err != nil {
		return s, &CheckError{Report: s.Report, CatalogErr: err}
	}
	s.list(metas) // its diagnostics are in the seal's report
	return s, nil
}

// list reads what every locale's states need: the metadata, the
// reviewers, which locales have a file, and the source's messages.
func (s *Snapshot) list(metas map[string]catalog.Meta) []lint.Diagnostic {
	s.metas = metas
	var ds []lint.Diagnostic
	s.reviewers, ds = readReviewers(s.fsys, s.root, func(l string) bool { _, ok := metas[l]; return ok })
	for _, tag := range sortedTags(metas) {
		if _, err := fs.Stat(s.fsys, tag+".toml"); err != nil {
			continue // a locale planned in locales.toml without a file yet
		}
		s.langs[tag] = &langState{}
		s.order = append(s.order, tag)
	}
	if _, ok := s.langs[catalog.SourceTag]; ok {
		s.src = s.messages(catalog.SourceTag)
	}
	s.sourceIDs = slices.Sorted(maps.Keys(s.src))
	return ds
}

// messages returns lang's messages by ID as written (the check reports a
// file that does not parse; it has none here).
func (s *Snapshot) messages(lang string) map[string]catalog.Message {
	list, err := s.files.Parse(lang + ".toml")
	if err != nil {
		list = nil
	}
	out := make(map[string]catalog.Message, len(list))
	for _, m := range list {
		out[m.ID] = m
	}
	return out
}

// state returns lang's message states, computing them on first use; nil
// for a locale without a file.
func (s *Snapshot) state(lang string) *langState {
	ls := s.langs[lang]
	if ls == nil {
		return nil
	}
	ls.once.Do(func() {
		// The texts are not kept: the states are what a leaflet asks
		// for, and a server holds every locale's (see catalog.written).
		msgs := s.src
		if lang != catalog.SourceTag {
			msgs = s.messages(lang)
			if ls.recs == nil {
				// A sealed load: the seal's report has these diagnostics.
				ls.recs, _ = readRecords(s.fsys, s.root, lang)
			}
		}
		ls.states = s.compute(ls, lang, s.src, msgs, ls.recs, s.Report.Failing(lang))
	})
	return ls
}

// compute derives every message's state from the texts, the records and
// the check; nothing of it is ever stored.
func (s *Snapshot) compute(ls *langState, lang string, src, tr map[string]catalog.Message, recs map[string]Record, failing map[string]bool) map[string]Message {
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
				if why := s.signature(ls, lang, r); why != "" {
					m.Reasons = append(m.Reasons, why)
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
	ls := s.state(lang)
	if ls == nil {
		return Message{}, false
	}
	m, ok := ls.states[id]
	return m, ok
}

// Unvetted returns those of ids that a leaflet in lang may not print as
// vetted: every ID without a valid approval, or, in the source, with a
// check error. An unknown language has nothing vetted.
func (s *Snapshot) Unvetted(lang string, ids []string) []string {
	var out []string
	var states map[string]Message
	if ls := s.state(lang); ls != nil {
		states = ls.states
	}
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
