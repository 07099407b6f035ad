package compose

import (
	"errors"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

// cards sets a block of contact cards two to a row, the first at the
// start side. A row of cards is never broken across pages. A block with
// a row taller than the first page's room, or with a phone number, e-mail
// address or URL that does not fit a column even set smaller, is set one
// card per row, the whole block alike; a card taller than a page may then
// break between its lines (only without a page budget: fitting refuses
// it).
func (c *composer) cards(dst []slice, i int, b document.Block, where source) ([]slice, error) {
	out, err := c.cardRows(dst, i, b, where, c.d.columns)
	var we *layout.WidthError
	if (errors.As(err, &we) || errors.Is(err, errRowTooTall)) && c.d.columns > 1 {
		c.stacked = true
		return c.cardRows(dst, i, b, where, 1)
	}
	return out, err
}

// errRowTooTall is a row of cards taller than the first page's room.
var errRowTooTall = errors.New("a row of cards is taller than a page")

// cardRows sets a block's cards cols to a row, appended to dst (which
// it leaves as it was on an error).
func (c *composer) cardRows(dst []slice, i int, b document.Block, where source, cols int) ([]slice, error) {
	d := c.d
	if len(b.Cards) < 2 {
		cols = 1
	}
	colW := (d.contentW() - float64(cols-1)*d.cardGap) / float64(cols)
	out := dst
	// The cards of a row are set one at a time in one buffer, and
	// stacked (or, measured, summed) from it.
	buf := c.cardBuf[:0]
	defer func() { c.cardBuf = buf[:0] }()
	stacked := make([]slice, cols)
	xs := make([]float64, cols)
	for r := 0; r < len(b.Cards); r += cols {
		row := b.Cards[r:min(r+cols, len(b.Cards))]
		if cols == 1 {
			var err error
			if out, err = c.card(out, i, r, row[0], d.marginX, d.contentW(), where); err != nil {
				return dst, err
			}
			continue
		}
		stacked, xs := stacked[:len(row)], xs[:len(row)]
		clear(stacked)
		rowH := 0.0
		for k, card := range row {
			col := k
			if c.dir == vocab.RTL {
				col = cols - 1 - k
			}
			xs[k] = d.marginX + float64(col)*(colW+d.cardGap)
			var err error
			buf, err = c.card(buf[:0], i, r+k, card, xs[k], colW, where)
			if err != nil {
				return dst, err
			}
			ss := buf
			if c.measure {
				// Only the row's height counts: nothing is drawn.
				for j, s := range ss {
					stacked[k].h = stackHeight(stacked[k].h, s, j == len(ss)-1)
				}
			} else {
				stacked[k] = stack(ss)
			}
			rowH = max(rowH, stacked[k].h)
		}
		if rowH > c.room {
			return dst, errRowTooTall
		}
		line := slice{h: rowH, gap: d.cardGap}
		if c.measure {
			out = append(out, line)
			continue
		}
		line.reserve(stacked)
		for k, s := range stacked {
			line.add(s.Page, 0)
			if s.h < rowH { // cards of a row share its height
				filler := c.boxed(nil, 0, Card, colorTint, colorBrand, xs[k], colW)[0]
				for _, bx := range filler.Boxes {
					bx.Y, bx.H = s.h, rowH-s.h
					line.Boxes = append(line.Boxes, bx)
				}
			}
		}
		out = append(out, line)
	}
	if n := len(out); n > len(dst) {
		out[n-1].gap = d.paraGap
	}
	return out, nil
}

// card sets one contact card at x, w wide, appended to dst: its label,
// the local name, a description, the phone numbers large, then hours,
// e-mail, web, address and notes.
func (c *composer) card(dst []slice, i, k int, card document.Card, x, w float64, where source) ([]slice, error) {
	d := c.d
	ix, iw := c.inner(x, w)
	out := dst
	var err error
	field := func(text document.Text, st style) {
		if err != nil {
			return
		}
		st.item = k
		n := len(out)
		if out, err = c.appendSet(out, text, st, ix, iw, i, where.card(k, st.part)); err == nil && len(out) > n {
			out[len(out)-1].gap = d.fieldGap
		}
	}
	field(card.Label, style{size: d.label, leading: d.tight, bold: true, color: colorBrand, part: "label"})
	field(card.Name, style{size: d.name, leading: d.tight, bold: true, color: colorInk, part: "name"})
	field(card.About, c.small("about"))
	for _, p := range card.Phones {
		field(p, style{size: d.phone, leading: d.tight, bold: true, color: colorInk, part: "phone"})
	}
	for _, h := range card.Hours {
		field(h, c.small("hours"))
	}
	field(card.Email, c.small("email"))
	field(card.Web, c.small("web"))
	field(card.Address, c.small("address"))
	for _, n := range card.Notes {
		field(n, c.small("note"))
	}
	if err != nil {
		return dst, err
	}
	if len(out) == len(dst) {
		return dst, nil
	}
	out[len(out)-1].gap = 0
	return c.boxed(out, len(dst), Card, colorTint, colorBrand, x, w), nil
}
