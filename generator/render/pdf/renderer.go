package pdf

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sync"
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
// process: New reads every font. It is safe for concurrent use: each
// Render builds its own fpdf instance and shares only read-only data.
type Renderer struct {
	setter compose.Setter
	memo   *compose.Memo // how each leaflet was fitted, for the next time it is made
	set    *fonts.Set
	check  bool // validate each face when it is first read
	mu     sync.RWMutex
	faces  map[*fonts.Face]*faceData // read when first drawn
	z      deflater
	bufs   idleList[finishBuffers]
	icc    []byte // the sRGB profile, compressed once
	logos  logoCache
}

// New reads every face of set and checks that each can be subset (see the
// package doc).
func New(set *fonts.Set, setter compose.Setter) (*Renderer, error) {
	r, err := newRenderer(set, setter, compose.MemoOptions{}, true)
	if err != nil {
		return nil, err
	}
	faces := set.Faces()
	if len(faces) == 0 {
		return nil, errors.New("pdf: the font set is empty")
	}
	for _, face := range faces {
		if _, err := r.face(face); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// newRenderer reads each face when a leaflet first draws with it; check
// subsets it whole first (validate). Its memo has options memo.
func newRenderer(set *fonts.Set, setter compose.Setter, memo compose.MemoOptions, check bool) (*Renderer, error) {
	if set == nil || setter == nil {
		return nil, errors.New("pdf: New needs a font set and a layout engine")
	}
	r := &Renderer{setter: setter, memo: compose.NewMemoWith(memo), set: set, check: check, faces: map[*fonts.Face]*faceData{}}
	r.icc = r.z.deflate(srgbProfile)
	return r, nil
}

// face returns the renderer's data of a face of its set, reading it on
// first use.
func (r *Renderer) face(face *fonts.Face) (*faceData, error) {
	r.mu.RLock()
	fd := r.faces[face]
	r.mu.RUnlock()
	if fd != nil {
		return fd, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if fd := r.faces[face]; fd != nil {
		return fd, nil
	}
	i, ok := r.set.Index(face)
	if !ok {
		return nil, errNotInSet
	}
	fd, err := readFace(face, i)
	if err == nil && r.check {
		err = validate(fd)
	}
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", face.File, err)
	}
	r.faces[face] = fd
	return fd, nil
}

var errNotInSet = errors.New("a run uses a face that is not in the renderer's font set")

// validate subsets every glyph of fd and reads the subset back, so that a
// font the subsetter cannot handle fails at start-up, not in a request.
func validate(fd *faceData) error {
	gids := make([]uint16, len(fd.adv))
	for g := range gids {
		gids[g] = uint16(g)
	}
	data, err := fd.subset(gids)
	if err != nil {
		return err
	}
	f, err := parseSFNT(data)
	if err != nil {
		return fmt.Errorf("subset: %w", err)
	}
	if n, err := f.numGlyphs(); err != nil || n != len(gids) {
		return fmt.Errorf("subset holds %d glyphs, want %d (%v)", n, len(gids), err)
	}
	if _, err := f.locations(len(gids)); err != nil {
		return fmt.Errorf("subset: %w", err)
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
	l, err := r.memo.Compose(doc, r.setter)
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
		Subject: doc.Meta.Subject, Date: date, Print: doc.Print, doc: doc}
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
	// doc is the document the leaflet sets, whose blocks give the
	// structure tree of a tagged file; nil for a proof sheet.
	doc *document.Document
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
	p.SetCompression(false) // finish compresses, with pooled writers
	p.SetCatalogSort(true)
	p.SetCreationDate(m.date())
	p.SetModificationDate(m.date())
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetTitle(m.Title, true)
	p.SetAuthor(m.Author, true)
	p.SetCreator(m.Creator, true)
	p.SetSubject(m.Subject, true)
	p.SetProducer(producer, false)
	p.SetLang(m.Lang)
	if m.Print {
		p.AddSpotColor(registration, 100, 100, 100, 100)
	}
	x := xmpMeta{Title: m.Title, Lang: m.Lang, Author: m.Author, Subject: m.Subject, Creator: m.Creator,
		Producer: producer, Date: m.date()}
	fin := finishing{version: "1.5", icc: r.icc, intent: srgbIntent}
	if m.Print {
		x.PDFX, x.Trapped = PDFX1a, "False"
		fin = finishing{version: "1.4", intent: fogra39Intent, info: pdfxInfo}
	}
	// The digital file is tagged (PDF/UA-1); the print file is not.
	tagged := !m.Print
	if tagged {
		x.UAPart = 1
	}
	p.SetXmpMetadata(x.packet())

	bufs := r.bufs.get()
	defer func() {
		if bufs.size() <= maxIdleBuffer {
			bufs.draw.forget()
			r.bufs.put(bufs)
		}
	}()
	bufs.chunks.reset()
	d := &drawer{pdf: p, r: r, geo: geo, cmyk: m.Print, chunks: &bufs.chunks, drawScratch: &bufs.draw}
	if tagged {
		d.tags = newTagger(m.doc, l)
		fin.tags = d.tags
	}
	if l.Logo != nil && m.Print {
		img, err := r.logos.get(l.Logo.Data, &r.z)
		if err != nil {
			return nil, err
		}
		d.logoCMYK, fin.logo = img, img
	} else if l.Logo != nil {
		d.logo = "logo"
		// A JPEG is embedded as it is (DCTDecode), a PNG re-compressed.
		typ := "PNG"
		if l.Logo.MIME() == "image/jpeg" {
			typ = "JPG"
		}
		p.RegisterImageOptionsReader(d.logo, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(l.Logo.Data))
		if p.Err() {
			return nil, fmt.Errorf("logo: %w", p.Error())
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
	bufs.fpdf.Reset()
	if err := p.Output(&bufs.fpdf); err != nil {
		return nil, err
	}
	out := bufs.fpdf.Bytes()
	sortPageBoxes(out)
	var uses []*fontUse
	for _, u := range d.used() {
		if len(u.gids) > 1 {
			uses = append(uses, u)
		}
	}
	return finish(out, uses, fin, &r.z, bufs)
}

const producer = "Infogeneratorn with codeberg.org/go-pdf/fpdf"
