package compose

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"sync"

	"infogeneratorn/generator/document"
)

// Memo remembers how documents were fitted to their page budgets: for a
// document fitted before, the step it was set at and the group each page
// starts with. The same leaflets are made again and again (an order's
// ZIP and then the print shop's bundle of it, a second download, the same
// order re-sent), and fitting measures five or six steps before it sets
// one: with the choice at hand, Compose sets that one step only.
//
// A document is known by a hash of all of it (every field of
// document.Document, see key) and the flow set at the remembered step
// must hash as it did when the choice was made (its frame and every
// slice's height, gap and keep), or the choice is not used and the
// document is fitted in full: a remembered choice never paginates a flow
// it was not made for. Fitting is a pure function of the document, the
// setter and the memo's hints, so a leaflet set from the memo is the one
// fitting would set, byte for byte. A Memo serves one setter (its fonts
// decide the flow).
//
// It holds at most maxMemo choices, a few dozen bytes each, and is
// emptied when full. It is safe for concurrent use.
//
// A Memo may also guess where fitting a new document starts (Hints), and
// record the step each document fitted in full was set at.
type Memo struct {
	seed    maphash.Seed
	opt     MemoOptions
	mu      sync.Mutex
	choices map[uint64]fitChoice
}

// MemoOptions change what a Memo does besides remembering.
type MemoOptions struct {
	// Hints are where fitting's search starts for a document not fitted
	// before (see Hints); nil: bisection of all the steps.
	Hints *Hints
	// Record, if not nil, is given the step fitting's search found for
	// every document fitted in full (the largest that fits, before
	// balancing moves to a smaller one), as a hint for documents like
	// it.
	Record *Hints
}

// fitChoice is how a document was fitted: at fitSteps[step], its pages
// starting at groups starts[:pages], the flow at that step fingerprinted
// by flow. It holds no pointers, so that the collector need not scan a
// full Memo.
type fitChoice struct {
	flow   uint64
	step   uint8
	pages  uint8
	starts [maxMemoPages]uint16
}

// maxMemo bounds a Memo: the leaflets of several full orders (30
// languages × 6 topics is 180), under 0.5 MB. A document of more than
// maxMemoPages pages, or of more than 65,535 groups, is not remembered.
const (
	maxMemo      = 4096
	maxMemoPages = 16
)

// newFitChoice is the choice of step and page starts for a flow
// fingerprinted by flow; ok is false when it does not fit a fitChoice.
func newFitChoice(step int, starts []int, flow uint64) (c fitChoice, ok bool) {
	if len(starts) > maxMemoPages || step > math.MaxUint8 {
		return c, false
	}
	c = fitChoice{flow: flow, step: uint8(step), pages: uint8(len(starts))}
	for i, s := range starts {
		if s > math.MaxUint16 {
			return c, false
		}
		c.starts[i] = uint16(s)
	}
	return c, true
}

// pageStarts returns the groups the choice's pages start with.
func (c *fitChoice) pageStarts() []int {
	out := make([]int, c.pages)
	for i := range out {
		out[i] = int(c.starts[i])
	}
	return out
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return NewMemoWith(MemoOptions{}) }

// NewMemoWith returns an empty Memo with options.
func NewMemoWith(opt MemoOptions) *Memo { return &Memo{seed: maphash.MakeSeed(), opt: opt} }

// Compose is the package's Compose, remembering and reusing how each
// document with a page budget was fitted.
func (m *Memo) Compose(doc *document.Document, s Setter) (*Leaflet, error) {
	return composeDoc(doc, s, m)
}

// Forget empties the memo, so that the next documents are fitted in
// full (for measuring the work of a leaflet never made before).
func (m *Memo) Forget() {
	m.mu.Lock()
	m.choices = nil
	m.mu.Unlock()
}

// hint returns where fitting a document of k starts its search, if the
// memo has a hint for it.
func (m *Memo) hint(k hintKey) (int, bool) {
	if m == nil {
		return 0, false
	}
	return m.opt.Hints.step(k)
}

func (m *Memo) get(key uint64) (fitChoice, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.choices[key]
	return c, ok
}

func (m *Memo) put(key uint64, c fitChoice) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.choices == nil || len(m.choices) >= maxMemo {
		m.choices = make(map[uint64]fitChoice)
	}
	m.choices[key] = c
}

// key hashes every field of doc (with each string's length, so that no
// two documents run together alike): anything that could change how it
// is set changes its key.
func (m *Memo) key(doc *document.Document) uint64 {
	var h docHash
	h.SetSeed(m.seed)
	h.str(doc.Lang)
	h.str(string(doc.Dir))
	h.str(doc.Script)
	h.str(doc.Font)
	h.str(string(doc.Topic))
	h.str(doc.Title)
	h.str(doc.Municipality)
	h.str(string(doc.Paper))
	h.flag(doc.Print)
	h.flag(doc.LargePrint)
	h.num(doc.Pages)
	h.num(len(doc.Blocks))
	for i := range doc.Blocks {
		h.block(&doc.Blocks[i])
	}
	h.num(len(doc.Footer))
	for _, f := range doc.Footer {
		h.text(f.Text)
		h.str(f.Lang)
		h.str(string(f.Dir))
		h.flag(f.Strong)
	}
	h.flag(doc.Logo != nil)
	if l := doc.Logo; l != nil {
		h.str(string(l.Data))
		h.num(l.Width)
		h.num(l.Height)
		h.str(l.Alt)
	}
	h.flag(doc.Review.Vetted)
	h.strs(doc.Review.Unvetted)
	h.str(doc.Meta.Subject)
	h.str(doc.Meta.Author)
	h.str(doc.Meta.Creator)
	h.str(doc.Meta.Generated)
	return h.Sum64()
}

// docHash writes a document's fields, or a flow's, into a maphash.Hash.
type docHash struct{ maphash.Hash }

func (h *docHash) num(n int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}

func (h *docHash) float(v float64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
	h.Write(b[:])
}

func (h *docHash) flag(b bool) {
	if b {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
}

func (h *docHash) str(s string) {
	h.num(len(s))
	h.WriteString(s)
}

func (h *docHash) strs(ss []string) {
	h.num(len(ss))
	for _, s := range ss {
		h.str(s)
	}
}

func (h *docHash) text(t document.Text) {
	h.num(len(t))
	for _, s := range t {
		h.str(string(s.Kind))
		h.str(s.Text)
		h.str(s.Href)
		h.str(s.Lang)
		h.str(s.Label)
	}
}

func (h *docHash) texts(ts []document.Text) {
	h.num(len(ts))
	for _, t := range ts {
		h.text(t)
	}
}

func (h *docHash) block(b *document.Block) {
	h.str(string(b.Kind))
	h.num(b.Level)
	h.text(b.Text)
	h.texts(b.Items)
	h.num(len(b.Cards))
	for i := range b.Cards {
		c := &b.Cards[i]
		h.str(string(c.Role))
		h.text(c.Label)
		h.text(c.Name)
		h.text(c.About)
		h.texts(c.Phones)
		h.text(c.Email)
		h.text(c.Web)
		h.text(c.Address)
		h.texts(c.Hours)
		h.texts(c.Notes)
	}
	h.num(len(b.QR))
	for _, row := range b.QR {
		h.num(len(row))
		for _, dark := range row {
			h.flag(dark)
		}
	}
	h.strs(b.MessageIDs)
}

// flowPrint fingerprints what pagination reads of a flow: the frame's
// room and every slice's height, gap and keep.
func (m *Memo) flowPrint(fr frame, flow []slice) uint64 {
	var h docHash
	h.SetSeed(m.seed)
	h.float(fr.top1)
	h.float(fr.top)
	h.float(fr.bottom)
	for _, s := range flow {
		h.float(s.h)
		h.float(s.gap)
		h.flag(s.keep)
	}
	return h.Sum64()
}
