package layout

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// measureParagraphs are the paragraphs Measure is checked against Lines
// with: the benchmark's, every paragraph of the resolve stage's golden
// leaflets in Arabic, English and Swedish, and Thai with a tab and a
// phone number, a bold link that may break, and Hebrew with points.
func measureParagraphs(t *testing.T) []Paragraph {
	t.Helper()
	var paras []Paragraph
	for _, bp := range benchParagraphs {
		paras = append(paras, bp.p)
	}
	for _, name := range []string{"vald_ar.json", "vald_en.json", "heder_sv.json", "foraldraskapsstod_ar.json"} {
		texts, lang, dir, font := leafletParagraphs(t, name)
		for _, text := range texts {
			paras = append(paras, Paragraph{Text: text, Lang: lang, Dir: dir, Font: font, Style: Style{Size: 10}})
		}
	}
	link := "https://www.halmstad.se/stod-och-hjalp/vald-i-nara-relationer"
	return append(paras,
		Paragraph{Text: "ถ้าคุณถูกทำร้ายโดยคนในครอบครัว\tโทรหาหน่วยบริการสังคมที่ \u2066035-13\u00a070\u00a000\u2069", Lang: "th",
			Dir: vocab.LTR, Font: fonts.FamilyThai, Style: Style{Size: 10}},
		Paragraph{Text: "Skriv till \u2066" + link + "\u2069", Lang: "sv", Dir: vocab.LTR,
			Font: fonts.FamilySans, Style: Style{Size: 10, Bold: true},
			Links: []Link{{Start: len("Skriv till \u2066"), End: len("Skriv till \u2066" + link), Href: link}}},
		Paragraph{Text: "אִם מִישֶׁהוּ פּוֹגֵעַ בָּךְ, הִתְקַשֵּׁר \u2066020-50\u00a050\u00a050\u2069", Lang: "yi",
			Dir: vocab.RTL, Font: fonts.FamilyHebrew, Style: Style{Size: 10}})
}

// measured is what Measure must give of lines: the lines without runs.
func measured(lines []Line) []Line {
	out := make([]Line, len(lines))
	for i, ln := range lines {
		ln.Runs = nil
		out[i] = ln
	}
	return out
}

// TestMeasureMatchesLines: Measure gives, for every paragraph, size,
// leading and width, exactly the lines Lines gives (widths, ascents,
// descents, heights, byte ranges, to the bit) without their runs, and
// the same errors; from empty caches, after Lines, and from its own cache
// filled at another leading.
func TestMeasureMatchesLines(t *testing.T) {
	e, _ := testEngine(t)
	for _, c := range []struct {
		name          string
		size, leading float64
		width         float64
	}{
		{"body A4", 10, 0, 430},
		{"larger, own leading", 13, 1.6, 430},
		{"card column", 11.5, 1.19, 190},
		{"narrow, emergency breaks", 10, 0, 60},
		{"fitting's smallest", 8.5, 1.26, 120},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range measureParagraphs(t) {
				p.Style.Size, p.Style.Leading = c.size, c.leading
				e.Forget()
				want, wantErr := e.Lines(p, c.width)
				e.Forget()
				got, err := e.Measure(p, c.width)
				if !sameOutcome(measured(want), wantErr, got, err) {
					t.Errorf("%q: Measure from scratch gives %v, %v; Lines %v, %v", excerpt(p.Text), got, err, measured(want), wantErr)
					continue
				}
				// From the measured cache, filled at another leading.
				e.Forget()
				other := p
				other.Style.Leading = 3
				e.Measure(other, c.width)
				got, err = e.Measure(p, c.width)
				if !sameOutcome(measured(want), wantErr, got, err) {
					t.Errorf("%q: Measure after leading 3 gives %v, %v; Lines %v, %v", excerpt(p.Text), got, err, measured(want), wantErr)
				}
				// After Lines: its own lines, runs and all.
				e.Forget()
				e.Lines(p, c.width)
				if got, err = e.Measure(p, c.width); !sameOutcome(measured(want), wantErr, measured(got), err) {
					t.Errorf("%q: Measure after Lines gives %v, %v; Lines %v, %v", excerpt(p.Text), got, err, measured(want), wantErr)
				}
			}
		})
	}
}

func sameOutcome(want []Line, wantErr error, got []Line, err error) bool {
	if (err == nil) != (wantErr == nil) {
		return false
	}
	if err != nil {
		var we, ge *WidthError
		if errors.As(wantErr, &we) != errors.As(err, &ge) {
			return false
		}
		return err.Error() == wantErr.Error()
	}
	return reflect.DeepEqual(got, want)
}

// TestMeasureConcurrent measures and sets paragraphs from several
// goroutines at once, at leadings that share measured lines, as the web
// server's concurrent fittings do; run with -race.
func TestMeasureConcurrent(t *testing.T) {
	e, _ := testEngine(t)
	leadings := []float64{1.2, 1.5, 1.9}
	want := make([][][]Line, len(benchParagraphs))
	for i, bp := range benchParagraphs {
		for _, l := range leadings {
			p := bp.p
			p.Style.Leading = l
			lines, err := e.Lines(p, 200)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = append(want[i], measured(lines))
		}
	}
	e.Forget()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for k := range 12 {
				i, j := (g+k)%len(benchParagraphs), (g+k)%len(leadings)
				p := benchParagraphs[i].p
				p.Style.Leading = leadings[j]
				set := e.Measure
				if k%3 == 2 {
					set = e.Lines
				}
				got, err := set(p, 200)
				if err != nil {
					errs <- err
					return
				}
				if !reflect.DeepEqual(measured(got), want[i][j]) {
					errs <- fmt.Errorf("%s at leading %v: concurrent result differs", benchParagraphs[i].name, leadings[j])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestMeasureReach: wherever MeasureReach says a paragraph's lines hold
// (Reach.Holds), Measure at that width gives the very same lines, for
// every paragraph of measureParagraphs at frame widths from 60 to 480
// points, checked at widths around the one measured; and the reach is
// known for most of them (the test checks something).
func TestMeasureReach(t *testing.T) {
	e, _ := testEngine(t)
	var held, known, total int
	for _, p := range measureParagraphs(t) {
		for _, size := range []float64{10, 13} {
			p.Style.Size = size
			for width := 60.0; width <= 480; width *= 1.37 {
				e.Forget()
				lines, reach, err := e.MeasureReach(p, width)
				want, wantErr := e.Measure(p, width)
				if !reflect.DeepEqual(lines, want) || !reflect.DeepEqual(err, wantErr) {
					t.Fatalf("%q at %.1f: MeasureReach %v %v, Measure %v %v", excerpt(p.Text), width, lines, err, want, wantErr)
				}
				total++
				if !reach.known {
					continue
				}
				known++
				for _, f := range []float64{0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 1.001, 1.01, 1.02, 1.05, 1.1, 1.25} {
					other := width * f
					if !reach.Holds(other) {
						continue
					}
					held++
					got, err := e.Measure(p, other)
					if err != nil || !reflect.DeepEqual(got, want) {
						t.Errorf("%q: measured at %.2f, its reach holds at %.2f, where the lines differ:\n%v\n%v", excerpt(p.Text), width, other, want, got)
					}
				}
			}
		}
	}
	t.Logf("%d settings, %d with a known reach; it held at %d other widths", total, known, held)
	if known < total/2 || held == 0 {
		t.Errorf("reach known for %d of %d settings, held at %d other widths", known, total, held)
	}
}
