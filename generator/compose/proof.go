package compose

import (
	"errors"
	"fmt"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// ProofRow is one string of a proof sheet: a label saying what it is (a
// message ID; set in the Latin face, left to right) and the string, set
// exactly as a leaflet paragraph of its language is set.
type ProofRow struct {
	Label  string // "" for none
	Text   string
	Lang   string          // BCP 47
	Dir    vocab.Direction // the language's direction
	Font   string          // the language's print font family
	Script string          // ISO 15924: size and leading follow the script
}

// Proof lays out a proof sheet on A4 pages: each row's label, then its
// text in its language's font, direction, size and leading, then a rule.
// Translators check their strings on it, and tests compare it with
// HarfBuzz's rendering.
func Proof(rows []ProofRow, s Setter) (*Leaflet, error) {
	if s == nil {
		return nil, errors.New("compose: nil setter")
	}
	base := newDesign(vocab.A4, false, "Latn", 1, baseStep)
	var flow []slice
	for i, row := range rows {
		xscale, err := scriptScale(s, row.Font)
		if err != nil {
			return nil, fmt.Errorf("compose: proof row %d: %w", i+1, err)
		}
		c := &composer{s: s, d: newDesign(vocab.A4, false, row.Script, xscale, baseStep), lang: row.Lang, dir: row.Dir, font: row.Font}
		if c.dir != vocab.RTL {
			c.dir = vocab.LTR
		}
		where := fmt.Sprintf("proof row %d", i+1)
		if row.Label != "" {
			where = row.Label
			label := &composer{s: s, d: base, lang: "en", dir: vocab.LTR, font: fonts.FamilySans}
			ss, err := label.set(document.PlainText(row.Label), style{size: base.footer, leading: base.leading,
				color: colorMuted, part: "label"}, base.marginX, base.contentW(), i, source{name: where})
			if err != nil {
				return nil, err
			}
			flow = append(flow, ss...)
		}
		ss, err := c.set(document.PlainText(row.Text), c.body(), base.marginX, base.contentW(), i, source{name: where})
		if err != nil {
			return nil, err
		}
		keepLines(ss)
		if len(flow) > 0 && row.Label != "" {
			flow[len(flow)-1].keep = true // a label stays with its text
		}
		flow = append(flow, ss...)
		rule := slice{h: base.paraGap + 0.5, gap: base.paraGap}
		rule.Boxes = []Box{{Kind: Rule, Fill: colorRule, Rect: Rect{X: base.marginX, Y: base.paraGap, W: base.contentW(), H: 0.5}}}
		flow = append(flow, rule)
	}
	fr := frame{top1: base.marginTop, top: base.marginTop, bottom: base.pageH - base.marginBottom}
	pages, err := paginate(base, fr, flow)
	if err != nil {
		return nil, fmt.Errorf("compose: proof sheet: %w", err)
	}
	return &Leaflet{Width: base.pageW, Height: base.pageH, Pages: pages}, nil
}
