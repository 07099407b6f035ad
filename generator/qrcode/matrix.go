package qrcode

// This file places code words in the module grid: the function patterns
// (finders, timing, alignment, format and version information), the
// code words in their zigzag, and the mask, chosen by the penalty rules
// of ISO/IEC 18004 (section 7.8.3).

// grid is a code being drawn: which modules are dark, and which belong
// to a function pattern (neither code words nor the mask touch those).
type grid struct {
	ver      int
	size     int
	dark     [][]bool
	function [][]bool
}

func newGrid(ver int) *grid {
	size := ver*4 + 17
	g := &grid{ver: ver, size: size, dark: make([][]bool, size), function: make([][]bool, size)}
	for y := range size {
		g.dark[y] = make([]bool, size)
		g.function[y] = make([]bool, size)
	}
	return g
}

// set draws a function module.
func (g *grid) set(x, y int, dark bool) {
	g.dark[y][x] = dark
	g.function[y][x] = true
}

// drawFunctionPatterns draws everything but the code words: timing
// patterns, the three finders with their separators, the alignment
// patterns, the format information (as if for mask 0, to reserve its
// modules; drawFormat writes the real one) and, from version 7, the
// version information.
func (g *grid) drawFunctionPatterns(ecl level) {
	for i := range g.size {
		g.set(6, i, i%2 == 0)
		g.set(i, 6, i%2 == 0)
	}
	g.drawFinder(3, 3)
	g.drawFinder(g.size-4, 3)
	g.drawFinder(3, g.size-4)
	pos := alignmentPositions(g.ver)
	last := len(pos) - 1
	for i, y := range pos {
		for j, x := range pos {
			// Not where a finder is.
			if i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0 {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					g.set(x+dx, y+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	g.drawFormat(ecl, 0)
	if g.ver >= 7 {
		rem := g.ver
		for range 12 {
			rem = rem<<1 ^ rem>>11*0x1F25
		}
		bits := g.ver<<12 | rem
		for i := range 18 {
			dark := bits>>i&1 != 0
			a, b := g.size-11+i%3, i/3
			g.set(a, b, dark)
			g.set(b, a, dark)
		}
	}
}

// drawFinder draws a finder pattern centred at x, y with its light
// separator, where they fall inside the grid.
func (g *grid) drawFinder(x, y int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			xx, yy := x+dx, y+dy
			if xx < 0 || yy < 0 || xx >= g.size || yy >= g.size {
				continue
			}
			d := max(abs(dx), abs(dy))
			g.set(xx, yy, d != 2 && d != 4)
		}
	}
}

// alignmentPositions returns the rows (and columns) of version ver's
// alignment pattern centres, ascending: 6, then evenly spaced up to
// size - 7.
func alignmentPositions(ver int) []int {
	if ver == 1 {
		return nil
	}
	n := ver/7 + 2
	step := (ver*8 + n*3 + 5) / (n*4 - 4) * 2
	out := make([]int, n)
	out[0] = 6
	for i, p := n-1, ver*4+10; i >= 1; i, p = i-1, p-step {
		out[i] = p
	}
	return out
}

// drawFormat draws both copies of the format information: the level and
// mask, with their BCH error correction, masked by 0x5412; and the
// module that is always dark.
func (g *grid) drawFormat(ecl level, mask int) {
	data := ecl.formatBits()<<3 | mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ rem>>9*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	// Around the top left finder.
	for i := range 6 {
		g.set(8, i, bit(i))
	}
	g.set(8, 7, bit(6))
	g.set(8, 8, bit(7))
	g.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		g.set(14-i, 8, bit(i))
	}
	// Beside the other two.
	for i := range 8 {
		g.set(g.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		g.set(8, g.size-15+i, bit(i))
	}
	g.set(8, g.size-8, true)
}

// drawCodewords places the code words' bits, most significant first, in
// the modules no function pattern holds: in pairs of columns from the
// right, upwards and downwards in turn, stepping over the vertical
// timing pattern. Modules left over stay light.
func (g *grid) drawCodewords(data []byte) {
	i := 0
	for right := g.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range g.size {
			y := vert
			if upward {
				y = g.size - 1 - vert
			}
			for j := range 2 {
				x := right - j
				if !g.function[y][x] && i < len(data)*8 {
					g.dark[y][x] = data[i>>3]>>(7-i&7)&1 != 0
					i++
				}
			}
		}
	}
}

// masked reports whether mask flips the module at x, y.
func masked(mask, x, y int) bool {
	switch mask {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	}
	return ((x+y)%2+x*y%3)%2 == 0
}

// applyMask flips the code word modules that mask selects; applied
// twice it undoes itself.
func (g *grid) applyMask(mask int) {
	for y := range g.size {
		for x := range g.size {
			if !g.function[y][x] && masked(mask, x, y) {
				g.dark[y][x] = !g.dark[y][x]
			}
		}
	}
}

// bestMask returns the mask whose code, format information included,
// has the lowest penalty; of equal ones the lowest-numbered.
func (g *grid) bestMask(ecl level) int {
	best, least := 0, -1
	for mask := range 8 {
		g.applyMask(mask)
		g.drawFormat(ecl, mask)
		if p := g.penalty(); least < 0 || p < least {
			best, least = mask, p
		}
		g.applyMask(mask)
	}
	return best
}

// The penalty rules' weights: runs of five or more modules of one
// colour, 2 × 2 blocks of one colour, finder-like patterns, and the
// balance of dark and light.
const (
	penaltyRun     = 3
	penaltyBlock   = 3
	penaltyFinder  = 40
	penaltyBalance = 10
)

// penalty scores the code as drawn.
func (g *grid) penalty() int {
	n := g.size
	score := 0
	line := func(at func(i int) bool) {
		var r runs
		r.size = n
		colour, length := false, 0
		for i := range n {
			if at(i) == colour {
				length++
				if length == 5 {
					score += penaltyRun
				} else if length > 5 {
					score++
				}
				continue
			}
			r.add(length)
			if !colour {
				score += r.finders() * penaltyFinder
			}
			colour, length = at(i), 1
		}
		score += r.end(colour, length) * penaltyFinder
	}
	for y := range n {
		line(func(x int) bool { return g.dark[y][x] })
	}
	for x := range n {
		line(func(y int) bool { return g.dark[y][x] })
	}
	dark := 0
	for y := range n {
		for x := range n {
			c := g.dark[y][x]
			if c {
				dark++
			}
			if x < n-1 && y < n-1 && c == g.dark[y][x+1] && c == g.dark[y+1][x] && c == g.dark[y+1][x+1] {
				score += penaltyBlock
			}
		}
	}
	// How far the share of dark modules is from half, in steps of 5 %.
	total := n * n
	score += ((abs(dark*20-total*10)+total-1)/total - 1) * penaltyBalance
	return score
}

// runs is the lengths of the last seven runs along a row or column, the
// latest first, for finding the finder-like pattern dark 1, light 1,
// dark 3, light 1, dark 1 with four light modules on either side. The
// light outside the code counts as a run as long as the code is wide.
type runs struct {
	size int
	len  [7]int
}

// add records a run that has ended.
func (r *runs) add(length int) {
	if r.len[0] == 0 {
		length += r.size // the first run: the light border before it
	}
	copy(r.len[1:], r.len[:6])
	r.len[0] = length
}

// finders counts the finder-like patterns that end with the latest
// light run, or begin with the run before the pattern: 0, 1 or 2.
func (r *runs) finders() int {
	n := r.len[1]
	core := n > 0 && r.len[2] == n && r.len[3] == n*3 && r.len[4] == n && r.len[5] == n
	count := 0
	if core && r.len[0] >= n*4 && r.len[6] >= n {
		count++
	}
	if core && r.len[6] >= n*4 && r.len[0] >= n {
		count++
	}
	return count
}

// end closes a line whose last run has the given colour and length, the
// light border after it included, and counts the patterns left.
func (r *runs) end(dark bool, length int) int {
	if dark {
		r.add(length)
		length = 0
	}
	r.add(length + r.size)
	return r.finders()
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
