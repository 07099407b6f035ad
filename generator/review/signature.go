package review

import (
	"fmt"
	"strings"

	"infogeneratorn/generator/sshsig"
)

// Namespace is the SSH signature namespace of approvals: a signature
// made for anything else (git commits, files) is not an approval.
const Namespace = "infogeneratorn-approval"

// payloadVersion starts every signed record, so that a later layout can
// never verify against an old signature by accident.
const payloadVersion = "infogeneratorn approval v1"

// Payload is the text a reviewer signs for one record: the version, the
// language, the message, both hashes, the reviewer and the date, one per
// line. `ssh-keygen -Y sign -n infogeneratorn-approval` over these bytes
// makes the same signature the program does; `ssh-keygen -Y verify`
// checks it.
func Payload(lang string, r Record) []byte {
	return fmt.Appendf(nil, "%s\nlang %s\nmessage %s\nsource %s\ntranslation %s\nreviewer %s\ndate %s\n",
		payloadVersion, lang, r.ID, r.Source, r.Translation, r.Reviewer, r.Date)
}

// Reasons a signed record does not count.
const (
	Unsigned     Reason = "not signed"
	BadSignature Reason = "signature does not verify"
	KeyNotListed Reason = "signing key not listed for the reviewer"
)

// verifySignature checks a record's signature over its payload and that
// the key that made it is one listed for the reviewer and language; ""
// when it counts.
func verifySignature(rs Reviewers, lang string, r Record) Reason {
	if strings.TrimSpace(r.Signature) == "" {
		return Unsigned
	}
	key, err := sshsig.Verify([]byte(r.Signature), Namespace, Payload(lang, r))
	if err != nil {
		return BadSignature
	}
	if rs.Listed(r.Reviewer, lang) && !rs.KeyListed(r.Reviewer, lang, key) {
		return KeyNotListed // (a reviewer not listed at all is ReviewerNotListed)
	}
	return ""
}

// signature returns why record r of lang does not count for its
// signature: from the seal when the files are sealed (the seal was made
// after verifying every signature of these exact files), else by
// verifying it now. It remembers the outcome for Seal.
func (s *Snapshot) signature(ls *langState, lang string, r Record) Reason {
	var why Reason
	switch {
	case strings.TrimSpace(r.Signature) == "":
		return Unsigned
	case s.Sealed:
		v, ok := s.sealSigs[lang+" "+r.ID]
		if !ok {
			return BadSignature
		}
		why = v
	default:
		why = verifySignature(s.reviewers, lang, r)
	}
	if ls.sigs == nil {
		ls.sigs = map[string]Reason{}
	}
	ls.sigs[r.ID] = why
	return why
}

// Record returns the approval record of message id in lang, if any, as
// written (valid or not).
func (s *Snapshot) Record(lang, id string) (Record, bool) {
	ls := s.state(lang)
	if ls == nil {
		return Record{}, false
	}
	r, ok := ls.recs[id]
	return r, ok
}

// AllowedSigners is an OpenSSH allowed_signers file of the reviewers
// listed for lang with their keys, for `ssh-keygen -Y verify -f`.
func (s *Snapshot) AllowedSigners(lang string) []byte {
	var b strings.Builder
	for _, r := range s.reviewers.For(lang) {
		if r.SSHKey == "" {
			continue
		}
		fmt.Fprintf(&b, "%q namespaces=%q %s\n", r.Name, Namespace, r.key.String())
	}
	return []byte(b.String())
}
