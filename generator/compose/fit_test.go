package compose

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// TestFitPages sets the fixtures to page budgets: a leaflet that fits
// comes out with exactly the budget's pages, its geometry and text whole;
// one that does not is a *BudgetError naming topic and language, never a
// longer or clipped leaflet.
func TestFitPages(t *testing.T) {
	for _, c := range []struct {
		fixture string
		paper   vocab.Paper
		large   bool
		crowd   bool
		pages   int
		fits    bool
	}{
		{"vald_sv", vocab.A4, false, false, 2, true},
		{"vald_sv", vocab.A4, false, false, 4, true},
		{"vald_sv", vocab.A5, false, false, 4, true},
		{"vald_ar", vocab.A4, false, false, 4, true},
		{"vald_ar", vocab.A5, false, false, 8, true},
		{"vald_ar", vocab.A5, false, false, 2, false},
		{"vald_ar", vocab.A4, true, false, 8, true},
		{"vald_sv", vocab.A4, true, false, 2, false},
		{"vald_ar", vocab.A5, false, true, 4, false},
	} {
		t.Run(fmt.Sprintf("%s_%s_large=%v_crowd=%v_%d", c.fixture, c.paper, c.large, c.crowd, c.pages), func(t *testing.T) {
			doc := loadDoc(t, c.fixture)
			doc.Paper, doc.LargePrint, doc.Pages = c.paper, c.large, c.pages
			if c.crowd {
				composetest.Crowd(doc)
			}
			l, err := Compose(doc, testEngine(t))
			var be *BudgetError
			switch {
			case c.fits && err != nil:
				t.Fatal(err)
			case !c.fits && !errors.As(err, &be):
				t.Fatalf("want a *BudgetError, got %v (%d pages)", err, pagesOf(l))
			case !c.fits:
				if be.Topic != doc.Topic || be.Lang != doc.Lang || be.Pages != c.pages || (be.Need >= 0 && be.Need <= c.pages) {
					t.Errorf("BudgetError %+v", be)
				}
				return
			}
			if len(l.Pages) != c.pages {
				t.Errorf("%d pages, budget %d", len(l.Pages), c.pages)
			}
			checkGeometry(t, doc, l)
			checkText(t, doc, l)
			for i, p := range l.Pages {
				if p.Flow.H <= 0 || len(p.Lines) == 0 {
					t.Errorf("page %d: flow %+v, %d lines", i+1, p.Flow, len(p.Lines))
				}
			}
		})
	}
}

func pagesOf(l *Leaflet) int {
	if l == nil {
		return 0
	}
	return len(l.Pages)
}

// TestFloors: at every fitting step, read text is at least 10 pt (16 pt
// in large print) times the script's x-height scale, and phone numbers
// at least 14 pt.
func TestFloors(t *testing.T) {
	for _, large := range []bool{false, true} {
		for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
			for _, xs := range []float64{1, 1.31} {
				for _, st := range fitSteps {
					d := newDesign(paper, large, "Latn", xs, st)
					floor := 10.0
					if large {
						floor = 16
					}
					if d.body < floor*xs-1e-9 || d.small < floor*xs-1e-9 || d.phone < 14 {
						t.Errorf("%s large=%v x%.2f step %v: body %.2f, small %.2f, phone %.2f", paper, large, xs, st, d.body, d.small, d.phone)
					}
				}
			}
		}
	}
}

// TestTitleBalanced: a title whose full-width setting would leave its
// last word alone is set on lines of even length.
func TestTitleBalanced(t *testing.T) {
	for _, title := range []string{
		"Till dig som utsätts för våld i en nära relation",
		"Если вы подвергаетесь насилию в близких отношениях",
		"Don't stay alone with violence at home: help for you and your children nowadays",
	} {
		doc := loadDoc(t, "vald_sv")
		for i, b := range doc.Blocks {
			if b.Kind == document.Heading && b.Level == 1 {
				doc.Blocks[i].Text = document.PlainText(title)
			}
		}
		doc.Pages = 0
		l := compose(t, doc)
		var lines []Line
		for _, ln := range l.Pages[0].Lines {
			if ln.Part == "title" {
				lines = append(lines, ln)
			}
		}
		if len(lines) < 2 {
			continue
		}
		if last := lineText(lines[len(lines)-1]); testEngine(t).Words(strings.Map(dropIsolates, last)) < 2 {
			t.Errorf("%q ends on one word %q", title, last)
		}
	}
}

// TestScriptScale: every family of the set is set at most maxScriptScale
// times larger than Latin (the logo's resolution is reckoned with it),
// Naskh larger than 1.2 times, the others at Latin sizes.
func TestScriptScale(t *testing.T) {
	for _, c := range []struct {
		font   string
		lo, hi float64
	}{
		{fonts.FamilySans, 1, 1}, {fonts.FamilyNaskh, 1.2, maxScriptScale}, {fonts.FamilyNastaliq, 1, maxScriptScale},
		{fonts.FamilyHebrew, 1, 1}, {fonts.FamilyThai, 1, 1}, {fonts.FamilyEthiopic, 1, 1},
	} {
		got, err := scriptScale(testEngine(t), c.font)
		if err != nil || got < c.lo || got > c.hi {
			t.Errorf("%s: scale %.3f (%v), want %.2f–%.2f", c.font, got, err, c.lo, c.hi)
		}
	}
}

// TestBalance breaks synthetic groups (heights in points on pages with
// 100 pt of room) into pages: the emptiest page, once its gaps are
// spread, is as full as any breaking allows, and place draws every page
// down to at least that fill.
func TestBalance(t *testing.T) {
	fr := frame{top1: 0, top: 0, bottom: 100}
	for _, c := range []struct {
		name  string
		hs    []float64
		gap   float64
		n     int
		least float64 // the best emptiest page, after spreading
	}{
		// Greedy would set 60+30 | 30 | 60, a lone 30 pt page; balanced:
		// 60 | 30+30 (61 pt, its gap spread to 66) | 60.
		{"lone group joined", []float64{60, 30, 30, 60}, 1, 3, 0.60},
		// Two groups a page; the gap of 4 spread fivefold reaches 60.
		{"even pairs", []float64{20, 20, 20, 20, 20, 20}, 4, 3, 0.64},
		// A large group ends the flow: the small ones share two pages,
		// three each (34 pt, two gaps spread to 54).
		{"large last", []float64{10, 10, 10, 10, 10, 10, 95}, 2, 3, 0.54},
		// 65 pt, the gap of 5 spread fivefold: 90.
		{"one page", []float64{30, 30}, 5, 1, 0.90},
	} {
		t.Run(c.name, func(t *testing.T) {
			var flow []slice
			var gs []group
			for i, h := range c.hs {
				flow = append(flow, slice{h: h, gap: c.gap, Page: Page{Lines: []Line{{Block: i}}}})
				gs = append(gs, group{a: i, b: i + 1, h: h, gap: c.gap})
			}
			starts, _, least, ok := balance(fr, gs, c.n)
			if !ok || len(starts) != c.n || starts[0] != 0 {
				t.Fatalf("balance: %v %v", starts, ok)
			}
			if math.Abs(least-c.least) > 1e-9 {
				t.Errorf("least fill %.3f, want %.3f (starts %v)", least, c.least, starts)
			}
			pages := place(design{pageH: 100}, fr, flow, gs, starts, true)
			for p, pg := range pages {
				bottom := 0.0
				for _, ln := range pg.Lines {
					if ln.Block >= 0 {
						bottom = max(bottom, ln.Y+c.hs[ln.Block])
					}
				}
				if bottom < least*100-1e-6 || bottom > 100+1e-6 {
					t.Errorf("page %d filled to %.1f pt, least %.1f", p+1, bottom, least*100)
				}
			}
		})
	}
}

// linesOnly is a Setter that cannot measure: fitting sets every trial
// step in full with it, as it did before trials were measured.
type linesOnly struct{ Setter }

// TestFitMeasuredAsSet: fitting that measures its trial steps (the
// engine is a measurer) chooses the same step and lays out the same
// pages, to every glyph and coordinate, as fitting that sets every trial
// in full, and fails alike where nothing fits.
func TestFitMeasuredAsSet(t *testing.T) {
	e := testEngine(t)
	for _, name := range composetest.Fixtures() {
		for _, v := range []struct {
			paper        vocab.Paper
			large, crowd bool
			pages        int
		}{
			{vocab.A4, false, false, 2}, {vocab.A4, false, false, 4}, {vocab.A5, false, false, 4},
			{vocab.A5, false, false, 8}, {vocab.A4, true, false, 8}, {vocab.A5, false, true, 4},
		} {
			t.Run(fmt.Sprintf("%s_%s_large=%v_crowd=%v_%d", name, v.paper, v.large, v.crowd, v.pages), func(t *testing.T) {
				doc := loadDoc(t, name)
				doc.Paper, doc.LargePrint, doc.Pages = v.paper, v.large, v.pages
				if v.crowd {
					composetest.Crowd(doc)
				}
				e.Forget()
				want, wantErr := Compose(doc, linesOnly{e})
				e.Forget()
				got, err := Compose(doc, e)
				switch {
				case (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error():
					t.Fatalf("measured: %v; set in full: %v", err, wantErr)
				case err == nil && !reflect.DeepEqual(got, want):
					t.Errorf("measured: step %v, %d pages; set in full: step %v, %d pages, or their content differs",
						got.Step, len(got.Pages), want.Step, len(want.Pages))
				}
			})
		}
	}
}

// TestTitleBalanceRemembered: a title balanced at one fitting step and
// taken from the memory at another of the same title size (steps above
// 1.3 differ in spacing and leading only) is set exactly as balancing it
// afresh sets it, for left-to-right and right-to-left titles, with and
// without a logo (which narrows the title's frame).
func TestTitleBalanceRemembered(t *testing.T) {
	e := testEngine(t)
	for _, name := range composetest.Fixtures() {
		for _, logo := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s_logo=%v", name, logo), func(t *testing.T) {
				doc := loadDoc(t, name)
				if logo {
					doc.Logo = &document.Image{Width: 400, Height: 100}
				}
				xscale, err := scriptScale(e, doc.Font)
				if err != nil {
					t.Fatal(err)
				}
				titles := map[titleKey]titleSetting{}
				for _, step := range []fitStep{{1.5, 1.6}, {1.35, 1.3}, {1.3, 1.25}, {1.3, 1.6}} {
					head := func(titles map[titleKey]titleSetting) slice {
						c := &composer{s: e, d: newDesign(vocab.A4, false, doc.Script, xscale, step),
							lang: doc.Lang, dir: doc.Dir, font: doc.Font, titles: titles}
						fr, _, err := c.frame(doc)
						if err != nil {
							t.Fatal(err)
						}
						return fr.first
					}
					fresh, remembered := head(nil), head(titles)
					if !reflect.DeepEqual(fresh, remembered) {
						t.Errorf("step %v: the remembered title is set otherwise than a freshly balanced one", step)
					}
				}
				// Without a logo the title's frame is the same at every
				// step: one size, one frame, one setting.
				if !logo && len(titles) != 1 {
					t.Errorf("%d title settings remembered for one size and frame, want 1", len(titles))
				}
			})
		}
	}
}

// TestMeasuredFlowDrawsNothing: a measured pass (fitting's trials) gives
// the flow the drawn pass gives, slice for slice the same heights, gaps
// and keeps on the same frame, but as bare line boxes: no lines, boxes or
// links, which nothing draws. Card blocks set two to a row and stacked,
// lists, notices and headings are all in the fixtures.
func TestMeasuredFlowDrawsNothing(t *testing.T) {
	e := testEngine(t)
	for _, name := range composetest.Fixtures() {
		for _, v := range []struct {
			paper vocab.Paper
			large bool
			step  fitStep
		}{
			{vocab.A4, false, fitStep{1.3, 1.6}}, {vocab.A4, false, baseStep}, {vocab.A5, false, fitStep{0.8, 0.6}},
			{vocab.A5, false, fitStep{1.5, 1.45}}, {vocab.A4, true, fitStep{1.1, 1.05}},
		} {
			t.Run(fmt.Sprintf("%s_%s_large=%v_%v", name, v.paper, v.large, v.step), func(t *testing.T) {
				doc := loadDoc(t, name)
				xscale, err := scriptScale(e, doc.Font)
				if err != nil {
					t.Fatal(err)
				}
				set := func(measure bool) (frame, []slice) {
					c := &composer{s: e, d: newDesign(v.paper, v.large, doc.Script, xscale, v.step),
						lang: doc.Lang, dir: doc.Dir, font: doc.Font, measure: measure}
					fr, flow, err := c.flow(doc)
					if err != nil {
						t.Fatal(err)
					}
					return fr, flow
				}
				mfr, measured := set(true)
				dfr, drawn := set(false)
				if !sameFlow(mfr, measured, dfr, drawn) {
					t.Fatalf("the measured flow (%d slices) paginates otherwise than the drawn one (%d)", len(measured), len(drawn))
				}
				lines := 0
				for k, s := range measured {
					if len(s.Lines)+len(s.Boxes)+len(s.Links) > 0 {
						t.Errorf("measured slice %d draws %d lines, %d boxes, %d links", k, len(s.Lines), len(s.Boxes), len(s.Links))
					}
					lines += len(drawn[k].Lines)
				}
				if lines == 0 {
					t.Error("the drawn flow has no lines")
				}
			})
		}
	}
}

// balanceRef is balance as first written, every page's fill worked out
// where it is needed: the reference TestBalanceExact holds balance to.
func balanceRef(fr frame, gs []group, n int) (starts []int, cost, least float64, ok bool) {
	m := len(gs)
	if m < n || n < 1 {
		return nil, 0, 0, false
	}
	ps := newPageSums(fr, gs)
	pages := func(f func(p, i, j int, raw, spread float64)) {
		for p := 1; p <= n; p++ {
			for j := p; j <= m-(n-p); j++ {
				for i := j - 1; i >= p-1; i-- {
					raw, spread, fits := ps.page(i, j, p == 1)
					if !fits {
						break
					}
					f(p, i, j, raw, spread)
				}
			}
		}
	}
	best := table(n, m, -1.0)
	best[0][0] = 1
	pages(func(p, i, j int, _, spread float64) {
		if best[p-1][i] >= 0 {
			best[p][j] = max(best[p][j], min(best[p-1][i], spread))
		}
	})
	if best[n][m] < 0 {
		return nil, 0, 0, false
	}
	least = best[n][m]
	need := min(least, minFill) - 1e-9
	inf := math.Inf(1)
	costs, from := table(n, m, inf), table(n, m, 0)
	costs[0][0] = 0
	pages(func(p, i, j int, f, spread float64) {
		if costs[p-1][i] == inf || spread < need {
			return
		}
		c := costs[p-1][i] + 100*math.Pow(max(0, minFill-f), 2)
		if p < n {
			c += (1 - f) * (1 - f)
		}
		if c < costs[p][j] {
			costs[p][j], from[p][j] = c, i
		}
	})
	starts = make([]int, n)
	for p, j := n, m; p > 0; p-- {
		starts[p-1] = from[p][j]
		j = from[p][j]
	}
	return starts, costs[n][m], least, true
}

// TestBalanceExact: balance, which works out the fill of pages after the
// first once for all page counts and both programmes, breaks random
// flows exactly as balanceRef does: the same starts, and the same cost
// and least fill to the bit (fitting compares them between steps).
func TestBalanceExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(12, 2026))
	for _, c := range []struct {
		name       string
		groups     int
		maxH       float64 // a group is up to this tall, of a page's room 100 (the first page's 80)
		minN, maxN int
	}{
		{"small groups", 40, 25, 2, 8},
		{"large groups", 12, 90, 1, 6},
		{"mixed", 60, 60, 3, 12},
		{"too few groups", 3, 50, 4, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			fr := frame{top1: 20, top: 0, bottom: 100}
			for range 200 {
				gs := make([]group, 1+rnd.IntN(c.groups))
				for k := range gs {
					gs[k] = group{a: k, b: k + 1, h: 1 + rnd.Float64()*c.maxH, gap: rnd.Float64() * 6}
				}
				n := c.minN + rnd.IntN(c.maxN-c.minN+1)
				s, cost, least, ok := balance(fr, gs, n)
				ws, wcost, wleast, wok := balanceRef(fr, gs, n)
				if ok != wok || !slices.Equal(s, ws) || cost != wcost || least != wleast {
					t.Fatalf("%d groups on %d pages: %v %v %v %v, want %v %v %v %v", len(gs), n, s, cost, least, ok, ws, wcost, wleast, wok)
				}
			}
		})
	}
}
