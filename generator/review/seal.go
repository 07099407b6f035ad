package review

import (
	"bytes"
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
// start-up Load only compares the files' names and sizes, and each file's
// SHA-256 when a run first reads it. Files that can change (--locales
// DIR, the server's reloads) get no seal and the full check.
type Seal struct {
	Root        string            `json:"root"`   // the Root the diagnostics name
	SHA256      string            `json:"sha256"` // Fingerprint of the files
	Diagnostics []lint.Diagnostic `json:"diagnostics"`
	// Signatures is the outcome of verifying every signed approval of
	// the files, by "lang id": "" when it counts, else why not. A sealed
	// load takes it instead of verifying each signature at start-up.
	Signatures map[string]Reason `json:"signatures,omitempty"`
	// Files is every file's size and SHA-256, by path. With it, Load
	// compares only the list of names and sizes at once and each file's
	// digest when the file is first read, so that a run hashes the
	// locales it uses rather than all of them (see verifiedFS).
	Files map[string]SealedFile `json:"files,omitempty"`
}

// SealedFile is one file of a sealed set.
type SealedFile struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
}

// ErrSealMismatch is a file of a sealed set read with other content than
// the seal's: the set was edited after it was sealed (`go generate
// ./locales` makes a new seal).
var ErrSealMismatch = errors.New("differs from the seal of its locales: run `go generate ./locales`")

// ErrNotSealable is a set the check or the catalog refuses: it has no
// seal.
var ErrNotSealable = errors.New("locales with errors cannot be sealed")

// Seal returns the seal of a snapshot made by a full Load without errors.
func (s *Snapshot) Seal() (*Seal, error) {
	if s.Report.Errors() > 0 || s.CatalogErr != nil || s.Catalog == nil {
		return nil, ErrNotSealable
	}
	sum, files, err := digestFS(s.fsys)
	if err != nil {
		return nil, err
	}
	fp := "sha256:" + hex.EncodeToString(sum[:])
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
	return &Seal{Root: s.root, SHA256: fp, Diagnostics: ds, Signatures: sigs, Files: files}, nil
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

// matches reports whether fsys holds the files the seal was made of. A
// seal with Files compares the names and sizes only: the caller reads the
// files through verifiedFS, which compares each one's digest. One without
// them (written before they were recorded) hashes every file.
func (s *Seal) matches(fsys fs.FS, root string) bool {
	if s.Root != root {
		return false
	}
	if s.Files == nil {
		fp, err := Fingerprint(fsys)
		return err == nil && fp == s.SHA256
	}
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if f, ok := s.Files[p]; !ok || f.Size != info.Size() {
			return ErrSealMismatch
		}
		n++
		return nil
	})
	return err == nil && n == len(s.Files)
}

// Fingerprint hashes the names and contents of every file in fsys, as
// "sha256:<hex>".
func Fingerprint(fsys fs.FS) (string, error) {
	sum, _, err := digestFS(fsys)
	if err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// digestFS hashes the names and contents of every file in fsys, in
// lexical order: a digest per file keeps the stream unambiguous. It also
// returns each file's size and digest.
func digestFS(fsys fs.FS) ([sha256.Size]byte, map[string]SealedFile, error) {
	files := map[string]SealedFile{}
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
		files[p] = SealedFile{Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
		return nil
	})
	var out [sha256.Size]byte
	copy(out[:], h.Sum(nil))
	return out, files, err
}

// verifiedFS reads the files of a sealed set, each compared with its
// digest in the seal when it is read: a file with other content is an
// error wrapping ErrSealMismatch. Directories and names pass through.
type verifiedFS struct {
	fsys  fs.FS
	files map[string]SealedFile
}

// ReadFile returns name's content if it is the seal's.
func (v verifiedFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(v.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if f, ok := v.files[name]; !ok || f.SHA256 != hex.EncodeToString(sum[:]) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrSealMismatch}
	}
	return data, nil
}

// Open opens name; a file is read and verified whole first.
func (v verifiedFS) Open(name string) (fs.File, error) {
	f, err := v.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		return f, err
	}
	f.Close()
	data, err := v.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &verifiedFile{Reader: bytes.NewReader(data), info: info}, nil
}

// verifiedFile is a file of verifiedFS, read and verified.
type verifiedFile struct {
	*bytes.Reader
	info fs.FileInfo
}

// Stat and ReadDir read no content, and verify none.
func (v verifiedFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(v.fsys, name) }

// ReadDir lists a directory of the set.
func (v verifiedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(v.fsys, name) }

func (f *verifiedFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *verifiedFile) Close() error               { return nil }
