package compose

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// TestFitHints: fitting from a hint sets what bisection sets, whatever
// the hint: the same leaflet, or the same error, in every variant; and
// from the step bisection chose, it measures fewer paragraphs.
func TestFitHints(t *testing.T) {
	if testing.Short() {
		t.Skip("fits leaflets of three languages in every variant eight times each")
	}
	for _, v := range fitVariants {
		t.Run(fmtVariant(v.paper, v.large), func(t *testing.T) {
			t.Parallel()
			e := &composetest.MeasureCounter{Engine: ownEngine(t)}
			var bisected, hinted int64
			fitted := 0
			for _, doc := range shippedDocs(t, v.paper, v.large) {
				if !slices.Contains([]string{"sv", "ar", "ti"}, doc.Lang) {
					continue
				}
				for _, n := range v.counts {
					doc.Pages = n
					fitted++
					key := hintKeyOf(doc, v.paper)
					// fitWith fits doc through a fresh memo with hint
					// (none when below 0), and returns the leaflet, the
					// step the search found and the paragraphs measured.
					fitWith := func(hint int) (*Leaflet, int, int64, error) {
						opt := MemoOptions{Record: NewHints()}
						if hint >= 0 {
							opt.Hints = NewHints()
							opt.Hints.put(key, hint)
						}
						before := e.Measured()
						l, err := NewMemoWith(opt).Compose(doc, e)
						step, _ := opt.Record.step(key)
						return l, step, e.Measured() - before, err
					}
					want, found, measured, wantErr := fitWith(-1)
					if wantErr != nil {
						found = len(fitSteps) - 1
					}
					for _, g := range []int{found, found - 1, found + 1, found - 3, found + 3, 0, len(fitSteps) - 1} {
						if g < 0 || g >= len(fitSteps) {
							continue
						}
						got, _, m, err := fitWith(g)
						if g == found {
							bisected, hinted = bisected+measured, hinted+m
						}
						if !reflect.DeepEqual(err, wantErr) {
							t.Fatalf("%s %s %d pages, hint %v: error %v, bisecting %v", doc.Topic, doc.Lang, n, fitSteps[g], err, wantErr)
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%s %s %d pages, hint %v: another leaflet than bisecting sets (at %v)", doc.Topic, doc.Lang, n, fitSteps[g], fitSteps[found])
						}
					}
				}
			}
			t.Logf("%d fittings; from bisection's step, %d paragraphs measured, bisecting %d", fitted, hinted, bisected)
			if hinted >= bisected {
				t.Errorf("fitting from bisection's step measured %d paragraphs, bisecting %d", hinted, bisected)
			}
		})
	}
}

// TestShrinkingSteps: A4's regular print is fitted over one run of
// shrinking steps; A5 and large print over two, split where the spacing
// opens up again at text 1.3 and a smaller step can take more pages: a5
// vald-barn ti, with a page budget of 4 pages, fits at {1.4, 1.35} and
// {1.35, 1.3}, not at {1.3, 1.6}, and at every step from {1.3, 1.45}
// down. Bisection finds {1.3, 1.45}; a search from a hint of {1.35, 1.3}
// across the split would find {1.4, 1.35}. Searched within its run, the
// hint leaves the search at bisection's step, and so does a hint in the
// other run.
func TestShrinkingSteps(t *testing.T) {
	last := len(fitSteps) - 1
	for _, c := range []struct {
		paper vocab.Paper
		large bool
		runs  [][2]int
	}{
		{vocab.A4, false, [][2]int{{5, last}}},
		{vocab.A5, false, [][2]int{{0, 5}, {5, last}}},
		{vocab.A4, true, [][2]int{{0, 5}, {5, last}}},
	} {
		lo := 0
		for fitSteps[lo].text > maxText(c.paper, c.large)+1e-9 {
			lo++
		}
		for g := lo; g < last; g++ {
			a, b := shrinkingRun(g, lo, last)
			if !slices.ContainsFunc(c.runs, func(r [2]int) bool { return r[0] == a && r[1] == b && g >= a && g < b }) {
				t.Errorf("%s: the run of step %d is [%d, %d), want one of %v", fmtVariant(c.paper, c.large), g, a, b, c.runs)
			}
		}
	}
	e := &composetest.MeasureCounter{Engine: ownEngine(t)}
	for _, doc := range shippedDocs(t, vocab.A5, false) {
		if doc.Topic != "vald-barn" || doc.Lang != "ti" {
			continue
		}
		doc.Pages = 4
		if got := fitsString(stepFits(t, doc, e, vocab.A5)); got != "000110111111111111111" {
			t.Errorf("a5 vald-barn ti on 4 pages fits at steps %s, want 000110111111111111111", got)
		}
		key := hintKeyOf(doc, vocab.A5)
		for _, hint := range []int{-1, 4, 3, 6, 12} {
			opt := MemoOptions{Record: NewHints()}
			if hint >= 0 {
				opt.Hints = NewHints()
				opt.Hints.put(key, hint)
			}
			if _, err := NewMemoWith(opt).Compose(doc, e); err != nil {
				t.Fatal(err)
			}
			if found, _ := opt.Record.step(key); found != 6 {
				t.Errorf("hint %d: the search found %v, want bisection's %v", hint, fitSteps[found], fitSteps[6])
			}
		}
		return
	}
	t.Fatal("no a5 vald-barn ti among the shipped leaflets")
}

// stepFits reports, for each of fitSteps, whether doc's flow at that
// step takes at most doc.Pages pages, as fit measures it.
func stepFits(t *testing.T, doc *document.Document, s Setter, paper vocab.Paper) []bool {
	t.Helper()
	_, at, err := stepper(doc, s)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]bool, len(fitSteps))
	for i, step := range fitSteps {
		_, fr, flow, err := at(step, true, 0)
		if err != nil {
			continue
		}
		k, err := pageCount(fr, groups(flow, math.Inf(1)))
		out[i] = err == nil && k >= 0 && k <= doc.Pages
	}
	return out
}

func fitsString(fits []bool) string {
	var b strings.Builder
	for _, f := range fits {
		if f {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// TestGallop: gallop narrows a search to what bisection would be left
// with, in the probes its doc promises, from every guess, for every
// boundary between steps that do not fit and steps that do.
func TestGallop(t *testing.T) {
	const lo, hi = 2, 12 // hi: the smallest step, fitting or not
	for answer := lo; answer <= hi; answer++ {
		for g := lo; g < hi; g++ {
			var probes []int
			fits := func(i int) bool {
				if i < lo || i >= hi {
					t.Fatalf("answer %d, guess %d: probed %d, outside [%d, %d)", answer, g, i, lo, hi)
				}
				probes = append(probes, i)
				return i >= answer
			}
			l, h := gallop(g, lo, hi, fits)
			// Below l nothing fits; h fits, or is the smallest step.
			if l < lo || h > hi || l > answer || h < answer {
				t.Fatalf("answer %d, guess %d: left [%d, %d]", answer, g, l, h)
			}
			if h-l > 2*max(1, abs(answer-g)) {
				t.Errorf("answer %d, guess %d: left [%d, %d], wider than twice the guess's miss", answer, g, l, h)
			}
			want := 0 // probes
			switch answer - g {
			case 0:
				want = 2 - b2i(g == lo) // g, and g-1 unless g is the largest step
			case 1:
				want = 2 - b2i(g+1 == hi) // g, and g+1 unless it is the smallest
			case -1:
				want = 3 - b2i(g-1 == lo) // g, g-1, and g-2 unless g-1 is the largest
			case 2:
				want = 3 - b2i(g+2 == hi) // g, g+1, and g+2 unless it is the smallest
			}
			if want > 0 && len(probes) != want {
				t.Errorf("answer %d, guess %d: probed %v, want %d probes", answer, g, probes, want)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestHintsRoundTrip: hints read as they were written; a line of another
// shape is an error naming it, and a step fitSteps lacks is no hint.
func TestHintsRoundTrip(t *testing.T) {
	h := NewHints()
	h.put(hintKey{topic: "vald", lang: "ar", paper: vocab.A4, pages: 4}, 19)
	h.put(hintKey{topic: "vald", lang: "ar", paper: vocab.A4, large: true, pages: 8}, 3)
	h.put(hintKey{topic: "heder", lang: "sv", paper: vocab.A5, pages: 4}, 0)
	text := h.Append(nil)
	want := "heder\tsv\ta5\t0\t4\t1.5\t1.6\n" +
		"vald\tar\ta4\t0\t4\t0.85\t0.65\n" +
		"vald\tar\ta4\t1\t8\t1.4\t1.35\n"
	if string(text) != want {
		t.Fatalf("written as\n%s\nwant\n%s", text, want)
	}
	back, err := ReadHints(string(text))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.steps, h.steps) {
		t.Errorf("read back as %v, want %v", back.steps, h.steps)
	}
	gone, err := ReadHints("vald\tar\ta4\t0\t4\t1.17\t1\n")
	if err != nil || gone.Len() != 0 {
		t.Errorf("a step fitSteps lacks: %d hints, error %v; want none, no error", gone.Len(), err)
	}
	for _, c := range []struct{ text, err string }{
		{"vald\tar\ta4\t0\t4\t1.5\n", "line 1: 6 fields"},
		{"vald\tar\ta4\t2\t4\t1.5\t1.6\n", "line 1: large print"},
		{"vald\tar\ta4\t0\t0\t1.5\t1.6\n", "line 1: pages"},
		{"vald\tar\ta4\t0\t4\tx\t1.6\n", "line 1: text scale"},
		{"vald\tar\ta4\t0\t4\t1.5\ty\n", "line 1: space scale"},
		{"vald\tar\ta4\t0\t4\t1.5\t1.6\nvald\tar\ta4\t0\t4\t1.17\t1\n", "line 2: a second hint"},
	} {
		if _, err := ReadHints(c.text); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want one saying %q", c.text, err, c.err)
		}
	}
}
