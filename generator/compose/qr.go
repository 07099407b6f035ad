package compose

import "infogeneratorn/generator/document"

// A QR code on the leaflet: a block of its own in the reading flow, after
// the text, so that it is paginated like a card and never covers text.
// Its modules are boxes (QRModule, ink on paper white) on a white panel
// that includes the 4-module quiet zone; the address follows below, as
// text, for those who cannot scan.

// QRModule is one dark module of a QR code (vertically adjacent modules
// are merged into one box).
const QRModule BoxKind = "qr"

// qrSide is the printed side of a QR code with its quiet zone: 25 mm.
const qrSide = 25 / 25.4 * 72

func (c *composer) qr(i int, b document.Block, where source) ([]slice, error) {
	d := c.d
	n := len(b.QR)
	if n == 0 {
		return nil, nil
	}
	module := qrSide / float64(n+2*4)
	x0 := d.marginX
	code := slice{h: qrSide, keep: true}
	code.Boxes = append(code.Boxes, Box{Kind: QRPanel, Fill: colorWhite, Rect: Rect{X: x0, W: qrSide, H: qrSide}})
	for y, row := range b.QR {
		for x, dark := range row {
			if dark {
				code.Boxes = append(code.Boxes, Box{Kind: QRModule, Fill: colorInk,
					Rect: Rect{X: x0 + float64(x+4)*module, Y: float64(y+4) * module, W: module, H: module}})
			}
		}
	}
	caption, err := c.set(b.Text, c.small("qr"), d.marginX, d.contentW(), i, where)
	if err != nil {
		return nil, err
	}
	if len(caption) > 0 {
		caption[len(caption)-1].gap = d.paraGap
	}
	return append([]slice{code}, caption...), nil
}

// QRPanel is the paper-white square behind a QR code, quiet zone included.
const QRPanel BoxKind = "qr-panel"
