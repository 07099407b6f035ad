package layout

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenGlyph and the types around it are the laid-out structure as the
// golden files record it: positions rounded to 1/100 pt, faces by name.
type goldenGlyph struct {
	ID   uint16  `json:"id"`
	X    float64 `json:"x"`
	Y    float64 `json:"y,omitempty"`
	Adv  float64 `json:"adv"`
	Text string  `json:"text,omitempty"`
}

type goldenRun struct {
	Face   string        `json:"face"`
	X      float64       `json:"x"`
	Level  int           `json:"level"`
	Href   string        `json:"href,omitempty"`
	Glyphs []goldenGlyph `json:"glyphs"`
}

type goldenLine struct {
	Text    string      `json:"text"`
	Width   float64     `json:"width"`
	Ascent  float64     `json:"ascent"`
	Descent float64     `json:"descent"`
	Height  float64     `json:"height"`
	Runs    []goldenRun `json:"runs"`
}

func round(v float64) float64 { return math.Round(v*100) / 100 }

func snapshot(p Paragraph, lines []Line) []goldenLine {
	var out []goldenLine
	for _, l := range lines {
		gl := goldenLine{Text: p.Text[l.Start:l.End], Width: round(l.Width), Ascent: round(l.Ascent),
			Descent: round(l.Descent), Height: round(l.Height)}
		for _, r := range l.Runs {
			gr := goldenRun{Face: r.Face.PSName, X: round(r.X), Level: r.Level, Href: r.Href}
			for _, g := range r.Glyphs {
				gr.Glyphs = append(gr.Glyphs, goldenGlyph{g.ID, round(g.X), round(g.Y), round(g.Advance), r.TextOf(g)})
			}
			gl.Runs = append(gl.Runs, gr)
		}
		out = append(out, gl)
	}
	return out
}

// TestGoldenLines snapshots the laid-out lines of paragraphs in several
// scripts; run with -update after a deliberate change and review the diff.
func TestGoldenLines(t *testing.T) {
	e, _ := testEngine(t)
	phone := "\u2066020-50\u00a050\u00a050\u2069"
	tests := []struct {
		name  string
		p     Paragraph
		width float64
	}{
		{"sv", Paragraph{Text: "Ring socialtjänsten på " + phone + " eller skriv till \u2066stod@kommun.se\u2069.", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans,
			Links: []Link{{Start: 28, End: 28 + len("020-50\u00a050\u00a050"), Href: "tel:+4620505050"}}}, 150},
		{"ar", Paragraph{Text: "اتصلي بالخدمات الاجتماعية (socialtjänsten) على الرقم " + phone + ".", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh}, 150},
		{"th", Paragraph{Text: "ถ้าคุณตกอยู่ในอันตรายทันที ให้โทรหาตำรวจที่หมายเลข \u2066112\u2069", Lang: "th", Dir: vocab.LTR, Font: fonts.FamilyThai}, 120},
		{"yi", Paragraph{Text: "רופֿט די סאָציאַלע דינסטן " + phone + " אויב איר דאַרפֿט הילף.", Lang: "yi", Dir: vocab.RTL, Font: fonts.FamilyHebrew}, 150},
		{"ti", Paragraph{Text: "ናብ ማሕበራዊ ኣገልግሎት " + phone + " ደውሉ።", Lang: "ti", Dir: vocab.LTR, Font: fonts.FamilyEthiopic}, 150},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, l := range tt.p.Links {
				if got := tt.p.Text[l.Start:l.End]; got != "020-50\u00a050\u00a050" {
					t.Fatalf("link covers %q", got)
				}
			}
			tt.p.Style = Style{Size: 10, Bold: tt.name == "ti"}
			lines, err := e.Lines(tt.p, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(snapshot(tt.p, lines), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(want), got) {
				t.Errorf("%s differs from the golden file; run go test -update and review the diff", path)
			}
		})
	}
}
