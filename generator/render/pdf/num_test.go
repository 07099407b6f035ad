package pdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendRounded checks the fast number formatting against what it
// replaces, strconv's shortest formatting of the rounded float, on the
// edges and on a million numbers of the sizes a page holds.
func TestAppendRounded(t *testing.T) {
	want := func(scaled float64, decimals int) string {
		v := math.Round(scaled) / math.Pow10(decimals)
		if v == 0 {
			v = 0
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	cases := []struct {
		scaled   float64
		decimals int
	}{
		{0, 2}, {-0.0, 2}, {0.4, 2}, {-0.4, 2}, {-0.5, 2}, {0.5, 2}, {1, 2}, {-1, 2}, {10, 2}, {100, 2}, {-100, 2},
		{101, 2}, {110, 2}, {59528, 2}, {84189.5, 2}, {-84189.49, 2}, {1e14, 2}, {-1e14 + 1, 2}, {1e15, 2},
		{1e300, 2}, {math.Inf(1), 2}, {math.Inf(-1), 2}, {0, 3}, {1000, 3}, {1, 3}, {10, 3}, {999, 3}, {1001, 3},
		{-7, 3}, {123456.5, 3},
	}
	for _, c := range cases {
		if got, w := string(appendRounded(nil, c.scaled, c.decimals)), want(c.scaled, c.decimals); got != w {
			t.Errorf("appendRounded(%v, %d) = %q, want %q", c.scaled, c.decimals, got, w)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		v := (rng.Float64() - 0.3) * math.Pow10(rng.IntN(7))
		for _, d := range []int{2, 3} {
			scaled := v * math.Pow10(d)
			if got, w := string(appendRounded(nil, scaled, d)), want(scaled, d); got != w {
				t.Fatalf("appendRounded(%v, %d) = %q, want %q", scaled, d, got, w)
			}
		}
		if got, w := string(num(nil, v)), want(v*100, 2); got != w {
			t.Fatalf("num(%v) = %q, want %q", v, got, w)
		}
	}
}
