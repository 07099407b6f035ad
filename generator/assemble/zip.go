package assemble

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// Manifest describes a set of files for the print shop.
type Manifest struct {
	Generator string          `json:"generator"`
	Date      string          `json:"date"`
	Topics    []string        `json:"topics"`
	Languages []LanguageState `json:"languages"`
	Files     []ManifestFile  `json:"files"`
}

// LanguageState is one language's review status in this set.
type LanguageState struct {
	Lang     string   `json:"lang"`
	Vetted   bool     `json:"vetted"`
	Unvetted []string `json:"unvetted,omitempty"`
}

// ManifestFile is one file in the set: what the print shop gets.
type ManifestFile struct {
	Name   string `json:"name"`
	Topic  string `json:"topic"`
	Lang   string `json:"lang"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
	Vetted bool   `json:"vetted"`
	Paper  string `json:"paper"`
	Print  bool   `json:"print"`
	Pages  int    `json:"pages,omitempty"`
	// LargePrint: body text 16 pt or more. PageBudget: the topic's page
	// count in the budget table; Pages above it says this order's contacts
	// moved the whole topic up to the next count.
	LargePrint bool `json:"large_print"`
	PageBudget int  `json:"page_budget,omitempty"`
	// PDFX and PrintCondition: "PDF/X-1a:2003" and "Coated FOGRA39
	// (ISO 12647-2:2004)" for a print PDF.
	PDFX           string           `json:"pdfx,omitempty"`
	PrintCondition string           `json:"print_condition,omitempty"`
	Warnings       []ManifestNotice `json:"warnings,omitempty"`
}

// ManifestNotice is a warning about a file: its code and parameters, and
// an English sentence for people reading the manifest.
type ManifestNotice struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params,omitempty"`
	Message string            `json:"message"`
}

// WarningText says a warning in English, for the CLI and the manifest.
func WarningText(w request.FieldError) string {
	switch w.Code {
	case CodeLogoResolution:
		return fmt.Sprintf("the logo prints at %s dpi on %s, below the %s dpi a print shop needs for a sharp print: upload a larger image",
			w.Params["DPI"], strings.ToUpper(w.Params["Paper"]), w.Params["Min"])
	}
	return w.Error()
}

// NewManifest describes files.
func NewManifest(files []File, generator string, date time.Time) Manifest {
	m := Manifest{Generator: generator, Date: date.UTC().Format(time.DateOnly)}
	langs := map[string]*LanguageState{}
	var order []string
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		mf := ManifestFile{Name: f.Name, Topic: string(f.Topic), Lang: f.Lang,
			Format: string(f.Format), SHA256: hex.EncodeToString(sum[:]), Bytes: len(f.Data), Vetted: f.Review.Vetted,
			Paper: string(f.Paper), Print: f.Print, Pages: f.Pages, PDFX: f.PDFX, PrintCondition: f.PrintCondition,
			LargePrint: f.LargePrint, PageBudget: f.PageBudget}
		for _, w := range f.Warnings {
			mf.Warnings = append(mf.Warnings, ManifestNotice{Code: string(w.Code), Params: w.Params, Message: WarningText(w)})
		}
		m.Files = append(m.Files, mf)
		if !slices.Contains(m.Topics, string(f.Topic)) {
			m.Topics = append(m.Topics, string(f.Topic))
		}
		ls := langs[f.Lang]
		if ls == nil {
			ls = &LanguageState{Lang: f.Lang, Vetted: true}
			langs[f.Lang] = ls
			order = append(order, f.Lang)
		}
		ls.Vetted = ls.Vetted && f.Review.Vetted
		for _, id := range f.Review.Unvetted {
			if !slices.Contains(ls.Unvetted, id) {
				ls.Unvetted = append(ls.Unvetted, id)
			}
		}
	}
	for _, l := range order {
		slices.Sort(langs[l].Unvetted)
		m.Languages = append(m.Languages, *langs[l])
	}
	return m
}

// Archive is a set of files and its manifest.json, ready to be written
// as one ZIP. Entries carry the manifest's date as their time, so the
// same set zips to the same bytes. PDF files are stored as they are:
// their fonts and pages are compressed already, and deflating them again
// saved 11 % of the size of all 180 leaflets at 450 ms of CPU, more than
// the rest of the download costs. HTML and the manifest are deflated.
type Archive struct {
	files    []File
	manifest []byte // encoded, with its final newline
	stamp    time.Time
}

// NewArchive prepares files and their manifest for writing: what can
// fail but the writing fails here.
func NewArchive(files []File, m Manifest) (*Archive, error) {
	stamp, err := time.Parse(time.DateOnly, m.Date)
	if err != nil {
		return nil, err
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return &Archive{files: files, manifest: append(mj, '\n'), stamp: stamp}, nil
}

// WriteTo writes the archive to w. A server sends it straight to the
// client this way: the 180 leaflets' 9 MB archive is never held whole in
// memory beside the leaflets themselves.
func (a *Archive) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw := zip.NewWriter(cw)
	add := func(name string, data []byte) error {
		method := zip.Deflate
		if path.Ext(name) == "."+string(vocab.PDF) {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: a.stamp})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := add("manifest.json", a.manifest); err != nil {
		return cw.n, err
	}
	for _, f := range a.files {
		if err := add(f.Name, f.Data); err != nil {
			return cw.n, err
		}
	}
	err := zw.Close()
	return cw.n, err
}

// countingWriter counts what it passes on, for WriteTo's result.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Zip packs files and their manifest.json into one archive in memory (see
// Archive). It is built in one buffer sized for it up front: grown by
// doubling, the 180 leaflets' 9 MB archive left 17 MB of outgrown copies
// behind, which a server under its memory limit paid for in collections.
func Zip(files []File, m Manifest) ([]byte, error) {
	a, err := NewArchive(files, m)
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(make([]byte, 0, zipSize(files, len(a.manifest))))
	if _, err := a.WriteTo(buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipEntryOverhead bounds what an entry adds to its data: the local
// header (30 bytes), the data descriptor (at most 24), the central
// directory's record (46), the extended-time field in both (9 each) and
// the name twice; a little more for a deflated entry's block headers.
const zipEntryOverhead = 30 + 24 + 46 + 2*9 + 64

// zipSize is what the archive of files and a manifest of manifestLen
// bytes will take at most, unless deflating an entry grows it past its
// block headers' allowance (then the buffer grows once): PDFs are stored
// as they are, HTML and the manifest shrink when deflated.
func zipSize(files []File, manifestLen int) int {
	n := manifestLen + zipEntryOverhead + 2*len("manifest.json") + 22 // the end record
	for _, f := range files {
		n += len(f.Data) + zipEntryOverhead + 2*len(f.Name)
	}
	return n
}
