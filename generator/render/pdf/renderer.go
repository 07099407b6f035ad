package pdf

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// sRGB2014.icc is the ICC's sRGB v2 profile (see icc/LICENSE).
//
//go:embed icc/sRGB2014.icc
var srgbProfile []byte

// Renderer turns resolved documents into PDF files. Build it once per
// process: New prepares every font. It is safe for concurrent use: each
// Render builds its own fpdf instance and shares only read-only data.
type Renderer struct {
	setter compose.Setter
	fonts  map[*fonts.Face]*fontCopy
	order  []*fontCopy // every prepared face, in the set's order
}

// New prepares every face of set for fpdf (see the package doc) and
// validates each copy by loading it into fpdf once.
func New(set *fonts.Set, setter compose.Setter) (*Renderer, error) {
	if set == nil || setter == nil {
		return nil, errors.New("pdf: New needs a font set and a layout engine")
	}
	r := &Renderer{setter: setter, fonts: map[*fonts.Face]*fontCopy{}}
	for i, face := range set.Faces() {
		fc, err := prepareFont(face)
		if err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", face.File, err)
		}
		fc.key = fontKey(i, face.PSName)
		if err := validate(fc); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", face.File, err)
		}
		r.fonts[face] = fc
		r.order = append(r.order, fc)
	}
	if len(r.order) == 0 {
		return nil, errors.New("pdf: the font set is empty")
	}
	return r, nil
}

// fontKey is the family name a face is registered under in fpdf. fpdf
// names the font "utf8"+key in the file; the key is as long as the name
// the font should have ("ABCDEF+" + PostScript name) minus "utf8", so that
// the finished file can be renamed in place without moving any object
// (see subsetNames).
func fontKey(i int, psName string) string {
	return fmt.Sprintf("f%02d", i) + strings.Repeat("x", len(psName))
}

// validate loads fc into a throw-away fpdf instance, draws its last glyph
// and writes the file. fpdf reports some font parse errors only by
// printing them and skipping the font; drawing with the font then fails,
// which is caught here, at start-up, and not in a user's request.
func validate(fc *fontCopy) error {
	p := fpdf.New("P", "pt", "A4", "")
	p.AddUTF8FontFromBytes(fc.key, "", fc.data)
	p.AddPage()
	p.SetFont(fc.key, "", 12)
	p.Text(10, 20, string(fc.code[len(fc.code)-1]))
	if err := p.Output(io.Discard); err != nil {
		return fmt.Errorf("fpdf does not accept the prepared font: %w", err)
	}
	return nil
}

// Format returns vocab.PDF.
func (r *Renderer) Format() vocab.Format { return vocab.PDF }

// Render composes doc and writes it as a PDF: the digital kind at trim
// size with clickable links, or, when doc.Print is set, the print kind
// with bleed, crop marks, trim and bleed boxes and an sRGB output intent.
func (r *Renderer) Render(doc *document.Document) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("pdf: nil document")
	}
	l, err := compose.Compose(doc, r.setter)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	date, err := time.Parse(time.DateOnly, doc.Meta.Generated)
	if err != nil && doc.Meta.Generated != "" {
		return nil, fmt.Errorf("pdf: meta.generated %q: %w", doc.Meta.Generated, err)
	}
	author := doc.Meta.Author
	if author == "" {
		author = doc.Municipality
	}
	creator := doc.Meta.Creator
	if creator == "" {
		creator = "Infogeneratorn"
	}
	m := meta{Title: doc.Title, Lang: doc.Lang, Author: author, Creator: creator,
		Subject: doc.Meta.Subject, Date: date, Print: doc.Print}
	out, err := r.write(l, m)
	if err != nil {
		return nil, fmt.Errorf("pdf: %s %s: %w", doc.Topic, doc.Lang, err)
	}
	return out, nil
}

// meta is what goes into the file's metadata and decides its kind.
type meta struct {
	Title, Lang, Author, Creator, Subject string
	Date                                  time.Time // creation and modification date; zero: 2000-01-01
	Print                                 bool
}

// date returns the fixed date a file carries: the document's, never the
// clock's, so that the same input gives the same bytes.
func (m meta) date() time.Time {
	if m.Date.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return m.Date
}

// write draws a composed leaflet into a new fpdf instance.
func (r *Renderer) write(l *compose.Leaflet, m meta) ([]byte, error) {
	geo := newGeometry(l.Width, l.Height, m.Print)
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: geo.mediaW, Ht: geo.mediaH}})
	p.SetCompression(true)
	p.SetCatalogSort(true)
	p.SetCreationDate(m.date())
	p.SetModificationDate(m.date())
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetTitle(m.Title, true)
	p.SetAuthor(m.Author, true)
	p.SetCreator(m.Creator, true)
	p.SetSubject(m.Subject, true)
	p.SetProducer("Infogeneratorn with codeberg.org/go-pdf/fpdf", false)
	p.SetLang(m.Lang)
	p.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFX,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbProfile,
	})
	if m.Print {
		p.AddSpotColor(registration, 100, 100, 100, 100)
	}

	d := &drawer{pdf: p, r: r, geo: geo, used: map[*fontCopy]map[rune]bool{}}
	for _, fc := range r.order {
		if leafletUses(l, fc.face) {
			p.AddUTF8FontFromBytes(fc.key, "", fc.data)
		}
	}
	for _, page := range l.Pages {
		if err := d.page(page, m); err != nil {
			return nil, err
		}
	}
	if len(l.Pages) == 0 {
		return nil, errors.New("no pages")
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if err := subsetNames(out, d.used); err != nil {
		return nil, err
	}
	sortPageBoxes(out)
	return fixInfo(out)
}

func leafletUses(l *compose.Leaflet, f *fonts.Face) bool {
	for _, pg := range l.Pages {
		for _, ln := range pg.Lines {
			for _, run := range ln.Line.Runs {
				if run.Face == f {
					return true
				}
			}
		}
	}
	return false
}
