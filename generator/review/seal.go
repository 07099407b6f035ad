package review

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"infogeneratorn/generator/lint"
)

// Seal records that one exact set of locale files passed the full check:
// the fingerprint of every file (messages, metadata, UI strings,
// reviewers and approvals) and the check's report, which then holds only
// warnings. The program ships the seal of its embedded locales, made when
// they are built (`go generate ./locales`, which runs `infogen locales
// check --seal`) and verified by a test that runs the full check; at
// start-up Load only hashes the files and compares. Files that can change
// (--locales DIR, the server's reloads) get no seal and the full check.
type Seal struct {
	Root        string            `json:"root"`   // the Root the diagnostics name
	SHA256      string            `json:"sha256"` // Fingerprint of the files
	Diagnostics []lint.Diagnostic `json:"diagnostics"`
	// Signatures is the outcome of verifying every signed approval of
	// the files, by "lang id": "" when it counts, else why not. A sealed
	// load takes it instead of verifying each signature at start-up.
	Signatures map[string]Reason `json:"signatures,omitempty"`
}

// ErrNotSealable is a set the check or the catalog refuses: it has no
// seal.
var ErrNotSealable = errors.New("locales with errors cannot be sealed")

// Seal returns the seal of a snapshot made by a full Load without errors.
func (s *Snapshot) Seal() (*Seal, error) {
	if s.Report.Errors() > 0 || s.CatalogErr != nil || s.Catalog == nil {
		return nil, ErrNotSealable
	}
	fp, err := Fingerprint(s.fsys)
	if err != nil {
		return nil, err
	}
	ds := s.Report.Diagnostics
	if ds == nil {
		ds = []lint.Diagnostic{}
	}
	sigs := map[string]Reason{}
	for _, lang := range s.order {
		ls := s.state(lang)
		for id, why := range ls.sigs {
			sigs[lang+" "+id] = why
		}
	}
	if len(sigs) == 0 {
		sigs = nil
	}
	return &Seal{Root: s.root, SHA256: fp, Diagnostics: ds, Signatures: sigs}, nil
}

// Marshal writes the seal as indented JSON, one field a line, so that a
// change shows in a diff.
func (s *Seal) Marshal() []byte {
	data, _ := json.MarshalIndent(s, "", "  ") // plain strings and ints: cannot fail
	return append(data, '\n')
}

// ReadSeal reads a seal written by Marshal.
func ReadSeal(data []byte) (*Seal, error) {
	var s Seal
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("locales seal: %w", err)
	}
	if s.SHA256 == "" {
		return nil, errors.New("locales seal: no sha256")
	}
	return &s, nil
}

func (s *Seal) matches(fsys fs.FS, root string) bool {
	if s.Root != root {
		return false
	}
	fp, err := Fingerprint(fsys)
	return err == nil && fp == s.SHA256
}

// Fingerprint hashes the names and contents of every file in fsys, as
// "sha256:<hex>".
func Fingerprint(fsys fs.FS) (string, error) {
	sum, err := fingerprintFS(fsys)
	if err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// fingerprintFS hashes the names and contents of every file in fsys, in
// lexical order: a digest per file keeps the stream unambiguous.
func fingerprintFS(fsys fs.FS) ([sha256.Size]byte, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		sum := sha256.Sum256(data)
		h.Write(sum[:])
		return nil
	})
	var out [sha256.Size]byte
	copy(out[:], h.Sum(nil))
	return out, err
}
