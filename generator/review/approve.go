package review

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
)

// ApproveRequest is the input of Approve.
type ApproveRequest struct {
	Dir      string // the locales directory on disk
	Fonts    lint.Coverage
	Lang     string
	Reviewer string
	IDs      []string // the messages to approve; with All, every translated message
	All      bool
	Date     time.Time
	// Sign signs each record's Payload with the reviewer's key and
	// returns the armoured SSH signature (namespace Namespace): through
	// this program with a private key file, or through ssh-keygen, an
	// agent or a hardware key. Every signature is verified against the
	// key listed for the reviewer before anything is written.
	Sign func(payload []byte) ([]byte, error)
}

// RefusedError is an approval refused as a whole: nothing was written.
type RefusedError struct {
	Lang   string
	Reason string
	// IDs are the messages that cannot be approved; Diagnostics the
	// check's errors that say why, when it is the check.
	IDs         []string
	Diagnostics []lint.Diagnostic
}

func (e *RefusedError) Error() string {
	s := fmt.Sprintf("approval for %q refused: %s", e.Lang, e.Reason)
	if len(e.IDs) > 0 {
		s += ": " + strings.Join(e.IDs, ", ")
	}
	return s
}

// Approve writes approval records for req.IDs of req.Lang by req.Reviewer
// into the locales directory, replacing the messages' earlier records. It
// is all or nothing: if the reviewer is not listed for the language, a
// message is unknown or untranslated, or a message fails the check, it
// writes nothing and returns a *RefusedError naming the messages.
func Approve(req ApproveRequest) ([]string, error) {
	snap, _ := Load(Config{Locales: os.DirFS(req.Dir), Root: filepath.ToSlash(req.Dir), Fonts: req.Fonts})
	refuse := func(reason string, ids []string, ds []lint.Diagnostic) ([]string, error) {
		return nil, &RefusedError{Lang: req.Lang, Reason: reason, IDs: ids, Diagnostics: ds}
	}
	switch {
	case req.Lang == catalog.SourceTag:
		return refuse("the Swedish source is the reference text and is not approved", nil, nil)
	case snap.state(req.Lang) == nil:
		return refuse("no such locale file", nil, nil)
	case !snap.reviewers.Listed(req.Reviewer, req.Lang):
		return refuse(fmt.Sprintf("%q is not listed for %s in %s", req.Reviewer, req.Lang, ReviewersFile), nil, nil)
	case req.All == (len(req.IDs) > 0):
		return refuse("name the messages with --message, or --all", nil, nil)
	case req.Sign == nil:
		return refuse("an approval is signed with the reviewer's SSH key (--key)", nil, nil)
	}
	states := snap.state(req.Lang).states
	ids := req.IDs
	if req.All {
		ids = nil
		for _, id := range snap.sourceIDs {
			if states[id].State != StateMissing {
				ids = append(ids, id)
			}
		}
	}
	var unknown, untranslated, failing []string
	var why []lint.Diagnostic
	for _, id := range ids {
		m, ok := states[id]
		switch {
		case !ok:
			unknown = append(unknown, id)
		case m.State == StateMissing:
			untranslated = append(untranslated, id)
		default:
			if ds := errorsOf(snap.Report.For(req.Lang, id)); len(ds) > 0 {
				failing = append(failing, id)
				why = append(why, ds...)
			}
		}
	}
	switch {
	case len(unknown) > 0:
		return refuse("the source has no such message", unknown, nil)
	case len(untranslated) > 0:
		return refuse("not translated", untranslated, nil)
	case len(failing) > 0:
		return refuse("these messages fail the check", failing, why)
	}
	var fileErrs []lint.Diagnostic
	for _, d := range errorsOf(snap.Report.For(req.Lang, "")) {
		if d.ID == "" {
			fileErrs = append(fileErrs, d)
		}
	}
	if len(fileErrs) > 0 {
		return refuse("the locale's file has errors", nil, fileErrs)
	}
	fsys := os.DirFS(req.Dir)
	recs, ds := readRecords(fsys, filepath.ToSlash(req.Dir), req.Lang)
	if len(ds) > 0 {
		return refuse(ApprovalsFile(req.Lang)+" is broken; fix or remove it first", nil, ds)
	}
	msgs := snap.messages(req.Lang)
	for _, id := range ids {
		sm, tm := snap.src[id], msgs[id]
		r := Record{ID: id, Source: SourceHash(catalog.SourceTag, req.Lang, sm),
			Translation: TranslationHash(catalog.SourceTag, req.Lang, tm),
			Reviewer:    req.Reviewer, Date: req.Date.Format(time.DateOnly)}
		sig, err := req.Sign(Payload(req.Lang, r))
		if err != nil {
			return nil, fmt.Errorf("signing %s: %w", id, err)
		}
		r.Signature = string(sig)
		if why := verifySignature(snap.reviewers, req.Lang, r); why != "" {
			return refuse(fmt.Sprintf("the signature is not one of %q's listed key for %s (%s)", req.Reviewer, req.Lang, why), nil, nil)
		}
		recs[id] = r
	}
	if err := writeRecords(req.Dir, req.Lang, recs); err != nil {
		return nil, fmt.Errorf("writing approvals: %w", err)
	}
	return ids, nil
}

func errorsOf(ds []lint.Diagnostic) []lint.Diagnostic {
	var out []lint.Diagnostic
	for _, d := range ds {
		if d.Severity == lint.Error {
			out = append(out, d)
		}
	}
	return out
}
