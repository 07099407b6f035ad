package compose

import (
	"fmt"
	"math"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

// BudgetError is a leaflet that does not fit its page budget even at the
// smallest sizes and spacing the floors allow. It is never clipped and
// never silently made longer.
type BudgetError struct {
	Topic      vocab.TopicID
	Lang       string
	Paper      vocab.Paper
	LargePrint bool
	Pages      int // the budget
	Need       int // pages it takes at the floors; -1: a card or a heading with its text is taller than a page
}

func (e *BudgetError) Error() string {
	lp := ""
	if e.LargePrint {
		lp = " large print"
	}
	if e.Need < 0 {
		return fmt.Sprintf("compose: %s %s: a card, or a heading with its text, is taller than a %s%s page even at the smallest sizes",
			e.Topic, e.Lang, e.Paper, lp)
	}
	return fmt.Sprintf("compose: %s %s does not fit %d %s%s pages even at the smallest sizes (it takes %d)",
		e.Topic, e.Lang, e.Pages, e.Paper, lp, e.Need)
}

// scriptScale is how much larger than Latin text a font's text is set so
// that its short letters stand as tall: the ratio of Noto Sans's
// x-height per em to the font's (see fonts.Face.XHeight), never below 1.
// Measured: Noto Naskh Arabic 0.357 em against Noto Sans 0.536 (1.50);
// Hebrew 0.593, Looped Thai 0.563 and Ethiopic 0.714 are taller than
// Latin and keep the Latin sizes.
func scriptScale(s Setter, font string) (float64, error) {
	if font == "" || font == fonts.FamilySans {
		return 1, nil
	}
	latin, err := xHeight(s, fonts.FamilySans)
	if err != nil {
		return 0, err
	}
	own, err := xHeight(s, font)
	if err != nil {
		return 0, err
	}
	return max(1, latin/own), nil
}

// xHeight measures a family's x-height per em through the setter: the
// face it sets one of the family's short letters in.
func xHeight(s Setter, family string) (float64, error) {
	letter := string([]rune(fonts.XHeightLetters(family))[:1])
	lines, err := s.Lines(layout.Paragraph{Text: letter, Lang: "und", Dir: vocab.LTR, Font: family,
		Style: layout.Style{Size: 10, Leading: 1}}, 100)
	if err != nil {
		return 0, err
	}
	if len(lines) == 0 || len(lines[0].Runs) == 0 || lines[0].Runs[0].Face == nil {
		return 0, fmt.Errorf("no face sets %q of %s", letter, family)
	}
	f := lines[0].Runs[0].Face
	if f.XHeight <= 0 || f.UnitsPerEm <= 0 {
		return 0, fmt.Errorf("%s has no x-height", f.PSName)
	}
	return float64(f.XHeight) / float64(f.UnitsPerEm), nil
}

// setAt composes a document's furniture and flow at one fitting step;
// with measure, its lines without glyph runs (see composer.measure).
// With maxPages above 0 it may stop setting the flow once the part set
// takes more than maxPages pages (see composer.maxPages): the composer's
// over is then set and the flow is that part only.
type setAt func(step fitStep, measure bool, maxPages int) (*composer, frame, []slice, error)

// fit sets doc on exactly doc.Pages pages of paper at the largest step
// whose flow fits them: a binary search, as larger steps take more pages,
// between the largest step the paper allows and the smallest, which is
// measured only when no larger one fits (if it does not fit either,
// nothing does).
//
// With memo, a document fitted before is set at its remembered step only
// (see Memo), and a document fitted now is remembered; with the memo's
// hint for a document like it (see Hints), the search starts there.
func fit(doc *document.Document, paper vocab.Paper, at setAt, memo *Memo) (*Leaflet, error) {
	var key uint64
	if memo != nil {
		key = memo.key(doc)
		if ch, ok := memo.get(key); ok {
			if l, ok := fitRemembered(doc, at, memo, ch); ok {
				return l, nil
			}
		}
	}
	n := doc.Pages
	last := len(fitSteps) - 1
	// Each step measures the flow at its sizes (the heights of its lines,
	// no glyph runs); the balancing below often asks again for a step the
	// search has measured: keep them. Only the chosen step is set in
	// full, at the end. A step stops measuring once the flow it has set
	// takes more than n pages: all the search and the balancing ask of a
	// step that does not fit is that it does not. The smallest step is
	// always measured whole: when it does not fit, the BudgetError says
	// how many pages it takes.
	type setStep struct {
		c    *composer
		fr   frame
		flow []slice
		gs   []group // the flow's groups
		k    int     // pages, or -1 (see pageCount); with c.over, more than n
		err  error
	}
	done := map[int]*setStep{}
	need := func(i int) *setStep {
		if s, ok := done[i]; ok {
			return s
		}
		s := &setStep{}
		stop := n
		if i == last {
			stop = 0
		}
		s.c, s.fr, s.flow, s.err = at(fitSteps[i], true, stop)
		switch {
		case s.err != nil:
		case s.c.over:
			s.k = s.c.overPages
		default:
			s.gs = groups(s.flow, math.Inf(1))
			s.k, s.err = pageCount(s.fr, s.gs)
		}
		done[i] = s
		return s
	}
	// The search probes the steps it would probe knowing that the
	// smallest fits, so it picks the same step without measuring that
	// one first (it fits whenever a larger step does: smaller steps take
	// fewer pages).
	lo, hi := 0, last // fitSteps[hi] fits, or hi is the smallest step, not yet tried
	for lo < hi && fitSteps[lo].text > maxText(paper, doc.LargePrint)+1e-9 {
		lo++
	}
	fits := func(i int) bool { s := need(i); return s.err == nil && s.k >= 0 && s.k <= n }
	// With a hint, the run of shrinking steps it lies in (shrinkingRun) is
	// searched from it first. Over such a run a smaller step never takes
	// more pages: the steps of the run above the one found do not fit and
	// the rest do, so bisection takes those answers instead of measuring
	// the steps, and ends where it would have without the hint.
	answer := fits
	hk := hintKeyOf(doc, paper)
	if g, ok := memo.hint(hk); ok && g >= lo && g < hi {
		a, b := shrinkingRun(g, lo, hi)
		l, h := gallop(g, a, b, fits)
		found := bisect(l, h, fits)
		answer = func(i int) bool {
			if i >= a && i < b {
				return i >= found
			}
			return fits(i)
		}
	}
	best := bisect(lo, hi, answer)
	s := need(best)
	c, fr, flow, k, err := s.c, s.fr, s.flow, s.k, s.err
	if best == last {
		if err != nil {
			return nil, fmt.Errorf("compose: %s %s: %w", doc.Topic, doc.Lang, err)
		}
		if k > n || k < 0 {
			return nil, &BudgetError{Topic: doc.Topic, Lang: doc.Lang, Paper: c.paper(), LargePrint: doc.LargePrint, Pages: n, Need: k}
		}
	}
	// Page breaks fall between groups, and a few large ones (a row of
	// cards, a heading with its introduction and first cards) can leave a
	// page nearly empty at one step and not at the next: of the largest
	// fitting step and the two below it, take the one whose emptiest page
	// reaches floorFill (or comes nearest), then the better balanced.
	var gs []group
	var starts []int
	var cost, least float64
	ok, cols := false, false
	// twoCols: the step keeps the cards two to a row, or stacks them at
	// a step that is not only filling (large print stacks them from its
	// base sizes).
	twoCols := func(i int, c *composer) bool {
		return !c.stacked || doc.LargePrint || !fitSteps[i].fills()
	}
	top := best
	for i := best; i <= last && (i <= top+2 || (least < floorFill || !cols) && i < top+maxScan); i++ {
		s := need(i)
		ic, ifr, iflow, igs, ik := s.c, s.fr, s.flow, s.gs, s.k
		if s.err != nil || ik < 0 || ik > n {
			continue
		}
		is, icost, ileast, iok := balance(ifr, igs, n)
		if !iok {
			continue
		}
		a, b := min(ileast, floorFill), min(least, floorFill)
		icols := twoCols(i, ic)
		better := !ok || a > b+1e-9 ||
			a > b-1e-9 && (icols && !cols || icols == cols && icost < cost-1e-9)
		if better {
			ok, best, c, fr, flow, gs, starts, cost, least, cols = true, i, ic, ifr, iflow, igs, is, icost, ileast, icols
		}
	}
	if !ok {
		return nil, fmt.Errorf("compose: %s %s: %d blocks do not make %d pages", doc.Topic, doc.Lang, len(groups(flow, math.Inf(1))), n)
	}
	// The chosen step, set in full: the same heights as measured, so the
	// same groups and page breaks.
	c, dfr, drawn, err := at(fitSteps[best], false, 0)
	if err != nil {
		return nil, fmt.Errorf("compose: %s %s: %w", doc.Topic, doc.Lang, err)
	}
	if !sameFlow(dfr, drawn, fr, flow) {
		return nil, fmt.Errorf("compose: %s %s: the flow set at step %v differs from the one measured", doc.Topic, doc.Lang, fitSteps[best])
	}
	if memo != nil {
		if ch, ok := newFitChoice(best, starts, memo.flowPrint(dfr, drawn)); ok {
			memo.put(key, ch)
		}
		if memo.opt.Record != nil {
			memo.opt.Record.put(hk, top)
		}
	}
	pages := place(c.d, dfr, drawn, gs, starts, true)
	return &Leaflet{Width: c.d.pageW, Height: c.d.pageH, Pages: pages, Logo: doc.Logo, Step: fitSteps[best].text}, nil
}

// bisect returns the first of [lo, hi) that fits, by binary search,
// taking fits to be false up to some step and true from it; hi when none
// before it does (hi is not asked).
func bisect(lo, hi int, fits func(int) bool) int {
	for lo < hi {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return hi
}

// shrinkingRun returns the steps [a, b) within [lo, hi) around step g
// along which neither the text nor the spacing grows. Over such steps a
// smaller step never takes more pages. Where the spacing grows (A5 and
// large print, from {1.35, 1.3} to {1.3, 1.6}), a smaller step can take
// more pages: a leaflet may fit at 1.4 and not at 1.3 with the spacing
// opened up, and bisection of all the steps settles on one step or
// another by the order it asks them in. A hint is searched from within
// its run only, so that it changes how fast a leaflet is fitted, never
// the step it is set at.
func shrinkingRun(g, lo, hi int) (a, b int) {
	grows := func(i int) bool { // from step i-1 to step i
		return fitSteps[i].text > fitSteps[i-1].text || fitSteps[i].space > fitSteps[i-1].space
	}
	a, b = g, g+1
	for a > lo && !grows(a) {
		a--
	}
	for b < hi && !grows(b) {
		b++
	}
	return a, b
}

// gallop narrows fit's search, [lo, hi) with hi fitting or the smallest
// step, from a guess g within it: it probes g, then steps of 1, 2, 4 …
// away from g towards where the answer lies (g-1, g-2, g-4 … when g
// fits; g+1, g+2, g+4 … when it does not) until one probe turns the
// other way, and returns what bisection is left with. When g is the
// answer, that is two probes; one step off, two or three.
func gallop(g, lo, hi int, fits func(int) bool) (int, int) {
	if fits(g) {
		hi = g
		for d := 1; lo < hi; d *= 2 {
			m := max(lo, g-d)
			if !fits(m) {
				return m + 1, hi
			}
			hi = m
		}
		return lo, hi
	}
	lo = g + 1
	for d := 1; g+d < hi; d *= 2 {
		if fits(g + d) {
			return lo, g + d
		}
		lo = g + d + 1
	}
	return lo, hi
}

// fitRemembered sets doc at a step fit chose for it before, breaking its
// pages where they broke then; ok is false, and nothing is set, when the
// flow at that step is not the one the choice was made for.
func fitRemembered(doc *document.Document, at setAt, memo *Memo, ch fitChoice) (*Leaflet, bool) {
	if int(ch.step) >= len(fitSteps) || int(ch.pages) != doc.Pages || ch.pages == 0 {
		return nil, false
	}
	c, fr, drawn, err := at(fitSteps[ch.step], false, 0)
	if err != nil || memo.flowPrint(fr, drawn) != ch.flow {
		return nil, false
	}
	gs := groups(drawn, math.Inf(1))
	starts := ch.pageStarts()
	if starts[len(starts)-1] >= len(gs) {
		return nil, false
	}
	pages := place(c.d, fr, drawn, gs, starts, true)
	return &Leaflet{Width: c.d.pageW, Height: c.d.pageH, Pages: pages, Logo: doc.Logo, Step: fitSteps[ch.step].text}, true
}

// sameFlow reports whether two settings of a flow paginate alike: the
// same room on the pages and the same slices, height, gap and keep. A
// measured flow and the drawn one must be.
func sameFlow(afr frame, a []slice, bfr frame, b []slice) bool {
	if afr.top1 != bfr.top1 || afr.top != bfr.top || afr.bottom != bfr.bottom || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].h != b[i].h || a[i].gap != b[i].gap || a[i].keep != b[i].keep {
			return false
		}
	}
	return true
}

func (c *composer) paper() vocab.Paper {
	if c.d.pageW < 500 {
		return vocab.A5
	}
	return vocab.A4
}

// group is a run of flow slices tied by keep: [a, b), h tall without the
// gap after it.
type group struct {
	a, b   int
	h, gap float64
}

// groups cuts the flow into the runs a page break may fall between. A run
// taller than maxH (a page's room) is cut into its slices.
func groups(flow []slice, maxH float64) []group {
	out := make([]group, 0, len(flow)/2)
	for i := 0; i < len(flow); {
		g := groupAt(flow, i)
		if g.h > maxH+1e-6 {
			for k := g.a; k < g.b; k++ {
				out = append(out, group{a: k, b: k + 1, h: flow[k].h, gap: flow[k].gap})
			}
		} else {
			out = append(out, g)
		}
		i = g.b
	}
	return out
}

// groupAt is the run of flow slices tied by keep that begins at slice i:
// up to the first slice not kept with the next, or the flow's last.
func groupAt(flow []slice, i int) group {
	j := i
	for j < len(flow)-1 && flow[j].keep {
		j++
	}
	g := group{a: i, b: j + 1}
	for k := i; k <= j; k++ {
		g.h += flow[k].h
		if k < j {
			g.h += flow[k].gap
		}
	}
	g.gap = flow[j].gap
	return g
}

// pageCount is the fewest pages a flow takes, its groups gs filled
// greedily, or -1 when a group (a card, or a heading with the first lines
// of its text) is taller than a page: such a flow cannot be set without
// splitting a card or leaving a heading at the foot of a page.
func pageCount(fr frame, gs []group) (int, error) {
	p := newPager(fr)
	for i, g := range gs {
		if !p.add(g, i == len(gs)-1) {
			return -1, nil
		}
	}
	return p.pages, nil
}

// pager fills pages with a flow's groups greedily, one group at a time:
// pageCount's count, kept up to date while the flow is set (see
// composer.maxPages).
type pager struct {
	rest    float64 // the room of a page after the first (frame.room)
	pages   int
	y, room float64 // the current page's filled height and its room
	next    int     // the flow slice the next group begins at (composer.watch)
}

func newPager(fr frame) pager {
	return pager{rest: fr.room(false), pages: 1, room: fr.room(true)}
}

// add places group g below the groups before it, on the next page if
// it does not fit this one; last is the flow's last group, whose gap is
// not counted. It reports false, placing nothing, when g is taller than
// a page.
func (p *pager) add(g group, last bool) bool {
	if g.h > p.rest+1e-6 {
		return false
	}
	if p.y+g.h > p.room+1e-6 && (p.y > 0 || p.room < p.rest) {
		p.pages++
		p.y, p.room = 0, p.rest
	}
	p.y += g.h
	if !last {
		p.y += g.gap
	}
	return true
}

// minFill is the least a page is filled to, down to the footer, that the
// balancing aims above where the content allows; floorFill is the least
// any page may be filled to (the leaflet's acceptance floor).
const (
	minFill   = 0.6
	floorFill = 0.4
)

// maxScan is how many steps, from the largest that fits down, fitting
// compares when the first ones leave a page below floorFill: a smaller
// step makes the large unbreakable groups (cards, a heading with its
// introduction and first cards) smaller, so that two share a page where
// one was left alone.
const maxScan = 8

// pageSums measures runs of groups as pages: prefix sums of their heights
// and gaps.
type pageSums struct {
	fr      frame
	hs, gps []float64
}

func newPageSums(fr frame, gs []group) pageSums {
	ps := pageSums{fr: fr, hs: make([]float64, len(gs)+1), gps: make([]float64, len(gs)+1)}
	for i, g := range gs {
		ps.hs[i+1] = ps.hs[i] + g.h
		ps.gps[i+1] = ps.gps[i] + g.gap
	}
	return ps
}

// page is how groups [i, j) fill a page (the first when first): the share
// of its room their text takes (raw), and the share down to their foot
// once place has spread the page's gaps (spread); ok is false when they
// do not fit.
func (ps pageSums) page(i, j int, first bool) (raw, spread float64, ok bool) {
	room := ps.fr.room(first)
	gaps := ps.gps[j-1] - ps.gps[i]
	used := ps.hs[j] - ps.hs[i] + gaps
	if used > room+1e-6 {
		return 0, 0, false
	}
	return used / room, min(room, used+maxStretch*gaps) / room, true
}

// pages runs dp's programme (the bottleneck, or once costs is set the
// cost) over every page p of n that groups [i, j) can make (they fit
// it, and leave every page before and after at least one group), p and
// j ascending, i descending. Pages after the first take their fill
// from rest (see restFills).
func (ps pageSums) pages(n int, rest restFills, dp *pageDP) {
	m := len(ps.hs) - 1
	for j := 1; j <= m-(n-1); j++ {
		for i := j - 1; i >= 0; i-- {
			raw, spread, fits := ps.page(i, j, true)
			if !fits {
				break
			}
			dp.take(1, i, j, raw, spread)
		}
	}
	for p := 2; p <= n; p++ {
		for j := p; j <= m-(n-p); j++ {
			k := rest.at[j]
			for i := j - 1; i >= max(p-1, rest.lo[j]); i-- {
				dp.take(p, i, j, rest.raw[k], rest.spread[k])
				k++
			}
		}
	}
}

// restFills is how groups [i, j) fill a page after the first
// (pageSums.page), for every j, and i from j-1 down to 1 as long as they
// fit: the same on every such page, so worked out once for both of
// balance's programmes and every page count.
type restFills struct {
	lo          []int // lo[j]: the least i down to which [i, j) fit
	at          []int // at[j]: where raw and spread hold [j-1, j), then [j-2, j) …
	raw, spread []float64
}

func (ps pageSums) restFills() restFills {
	m := len(ps.hs) - 1
	rf := restFills{lo: make([]int, m+1), at: make([]int, m+1)}
	rf.raw = make([]float64, 0, 8*m)
	rf.spread = make([]float64, 0, 8*m)
	for j := range rf.lo {
		rf.at[j] = len(rf.raw)
		i := j - 1
		for ; i >= 1; i-- {
			raw, spread, fits := ps.page(i, j, false)
			if !fits {
				break
			}
			rf.raw, rf.spread = append(rf.raw, raw), append(rf.spread, spread)
		}
		rf.lo[j] = i + 1
	}
	return rf
}

// table is an (n+1) × (m+1) table of v.
func table[T any](n, m int, v T) [][]T {
	all := make([]T, (n+1)*(m+1))
	for k := range all {
		all[k] = v
	}
	t := make([][]T, n+1)
	for p := range t {
		t[p] = all[p*(m+1) : (p+1)*(m+1) : (p+1)*(m+1)]
	}
	return t
}

// pageDP is balance's two dynamic programmes over the pages groups can
// make (pageSums.pages): first the bottleneck, best[p][j], the largest
// least fill of groups [0, j) on p pages; then, with costs set, the
// least cost of breaking them so that every page reaches need, and
// from[p][j], where the last of those pages begins.
type pageDP struct {
	n     int
	best  [][]float64
	costs [][]float64
	from  [][]int
	need  float64
}

// take takes page p of groups [i, j) into the programme that runs.
func (dp *pageDP) take(p, i, j int, raw, spread float64) {
	if dp.costs == nil {
		dp.bottleneck(p, i, j, spread)
	} else {
		dp.cost(p, i, j, raw, spread)
	}
}

// bottleneck takes page p of groups [i, j) into best.
func (dp *pageDP) bottleneck(p, i, j int, spread float64) {
	if b := dp.best[p-1][i]; b >= 0 {
		dp.best[p][j] = max(dp.best[p][j], min(b, spread))
	}
}

// cost takes page p of groups [i, j), filled to f (spread after
// spreading), into costs and from.
func (dp *pageDP) cost(p, i, j int, f, spread float64) {
	prev := dp.costs[p-1][i]
	if math.IsInf(prev, 1) || spread < dp.need {
		return
	}
	c := prev + 100*math.Pow(max(0, minFill-f), 2)
	if p < dp.n {
		c += (1 - f) * (1 - f)
	}
	if c < dp.costs[p][j] {
		dp.costs[p][j], dp.from[p][j] = c, i
	}
}

// balance breaks the groups into exactly n pages. First it finds the
// largest least fill, after spreading, that any breaking reaches (a
// bottleneck: the emptiest page as full as it can be); then, among the
// breakings whose every page reaches that (or minFill, if less), the one
// that minimises a heavy penalty for a page whose text fills less than
// minFill plus, on every page but the last, the square of its empty
// share (fuller pages first). It returns the first group of each page,
// the cost and the least fill after spreading.
func balance(fr frame, gs []group, n int) (starts []int, cost, least float64, ok bool) {
	m := len(gs)
	if m < n || n < 1 {
		return nil, 0, 0, false
	}
	ps := newPageSums(fr, gs)
	dp := &pageDP{n: n, best: table(n, m, -1.0)}
	dp.best[0][0] = 1
	rest := ps.restFills()
	ps.pages(n, rest, dp)
	if dp.best[n][m] < 0 {
		return nil, 0, 0, false
	}
	least = dp.best[n][m]
	dp.need = min(least, minFill) - 1e-9
	dp.costs, dp.from = table(n, m, math.Inf(1)), table(n, m, 0)
	dp.costs[0][0] = 0
	ps.pages(n, rest, dp)
	starts = make([]int, n)
	for p, j := n, m; p > 0; p-- {
		i := dp.from[p][j]
		starts[p-1] = i
		j = i
	}
	return starts, dp.costs[n][m], least, true
}

// maxStretch is how much a gap between blocks may grow, as a multiple of
// itself, when a page's room is shared out.
const maxStretch = 5

// place draws the flow on pages, page p holding groups starts[p] up to
// the next page's first. With spread, the room a page leaves is shared
// out between its blocks, each gap between groups growing in proportion
// to its size, up to maxStretch times it more.
func place(d design, fr frame, flow []slice, gs []group, starts []int, spread bool) []Page {
	pages := make([]Page, len(starts))
	for p := range starts {
		end := len(gs)
		if p < len(starts)-1 {
			end = starts[p+1]
		}
		cur := &pages[p]
		top := fr.top
		head := fr.rest
		if p == 0 {
			head, top = fr.first, fr.top1
		}
		mine := gs[starts[p]:end]
		var drawn []slice
		if len(mine) > 0 {
			drawn = flow[mine[0].a:mine[len(mine)-1].b]
		}
		cur.reserve(drawn, head, fr.footer)
		cur.add(head.Page, 0)
		cur.add(fr.footer.Page, d.pageH-fr.footer.h)
		cur.Flow = Rect{X: d.marginX, Y: top, W: d.contentW(), H: fr.bottom - top}
		used, gaps := 0.0, 0.0
		for k, g := range mine {
			used += g.h
			if k < len(mine)-1 {
				used += g.gap
				gaps += g.gap
			}
		}
		stretch := 0.0
		if spread && gaps > 0 {
			stretch = min((fr.bottom-top-used)/gaps, maxStretch)
		}
		y := top
		for k, g := range mine {
			for s := g.a; s < g.b; s++ {
				cur.add(flow[s].Page, y)
				y += flow[s].h
				if s < g.b-1 {
					y += flow[s].gap
				}
			}
			if k < len(mine)-1 {
				y += g.gap * (1 + stretch)
			}
		}
		cur.Boxes = mergeBoxes(cur.Boxes)
	}
	return pages
}
