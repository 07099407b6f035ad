package pdf

import (
	"errors"
	"fmt"

	"infogeneratorn/generator/compose"
)

// ProofRow is one string of a proof sheet (see compose.ProofRow).
type ProofRow = compose.ProofRow

// Proof writes a proof sheet: each row's label and its text set as a
// leaflet paragraph of its language (font, direction, size, leading), on
// A4 pages of the digital kind. Translators check strings on it
// ("infogen proof", "infogen locales proof"). A character no font draws
// is an error naming it, the language and the row's label.
func (r *Renderer) Proof(rows []ProofRow) ([]byte, error) {
	if len(rows) == 0 {
		return nil, errors.New("pdf: a proof sheet needs at least one row")
	}
	l, err := compose.Proof(rows, r.setter)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	m := meta{Title: "Proof: " + rows[0].Lang, Lang: rows[0].Lang, Creator: "Infogeneratorn",
		Subject: "Proof sheet"}
	out, err := r.write(l, m)
	if err != nil {
		return nil, fmt.Errorf("pdf: proof sheet: %w", err)
	}
	return out, nil
}
