package pdf

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCER holds the text-layer tests' error rate to its definition: the
// fewest edits to some stretch of got, over want's length, whether the
// substring search or the edit table answers.
func TestCER(t *testing.T) {
	for _, tc := range []struct {
		want, got string
		rate      float64
	}{
		{"", "anything", 0},
		{"abc", "xxabcxx", 0},
		{"abc", "abc", 0},
		{"ring 112", "Ring 112 nu", 1.0 / 8},       // one substitution
		{"ring 112", "ring 11 nu", 1.0 / 8},        // one deletion
		{"ring 112", "ring 1112", 1.0 / 8},         // one insertion
		{"020-50 50 50", "020–50 50 50", 1.0 / 12}, // a dash read as another
		{"abc", "", 1},                             // nothing to find it in
		{"abcd", "xyzw", 1},                        // nothing alike
		{"سلام 112", "xx سلام 112 yy", 0},          // runes, not bytes
		{"سلام 112", "xx سلم 112 yy", 1.0 / 8},     // one letter missing
		{"aa", "a", 0.5},
	} {
		want, got := []rune(tc.want), []rune(tc.got)
		if r := cer(want, got); r != tc.rate {
			t.Errorf("cer(%q, %q) = %v, want %v", tc.want, tc.got, r, tc.rate)
		}
		if r := editRows(want, got); r != tc.rate {
			t.Errorf("editRows(%q, %q) = %v, want %v", tc.want, tc.got, r, tc.rate)
		}
	}
}

// TestClosestEdits holds the bit-vector distance to the edit table on
// random texts: wants of 1 to 200 runes (up to four words a column), got
// made from a stretch of want with edits, or from nothing like it, over
// small alphabets so that matches are many.
func TestClosestEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]rune{[]rune("ab"), []rune("abc "), []rune("سلام 12"), []rune("abcdefghijklmnopqrstuvwxyz")}
	text := func(a []rune, n int) []rune {
		s := make([]rune, n)
		for i := range s {
			s[i] = a[rng.IntN(len(a))]
		}
		return s
	}
	for i := range 3000 {
		a := alphabets[i%len(alphabets)]
		want := text(a, 1+rng.IntN(200))
		var got []rune
		switch i % 3 {
		case 0: // unrelated
			got = text(a, rng.IntN(400))
		case 1: // want inside other text, edited
			got = append(text(a, rng.IntN(50)), want...)
			got = append(got, text(a, rng.IntN(50))...)
			for range rng.IntN(len(want)/4 + 1) {
				k := rng.IntN(len(got))
				switch rng.IntN(3) {
				case 0:
					got[k] = a[rng.IntN(len(a))]
				case 1:
					got = append(got[:k], got[k+1:]...)
				default:
					got = append(got[:k], append([]rune{a[rng.IntN(len(a))]}, got[k:]...)...)
				}
				if len(got) == 0 {
					break
				}
			}
		default: // shorter than want
			got = text(a, rng.IntN(len(want)+1))
		}
		ref := int(editRows(want, got)*float64(len(want)) + 0.5)
		if d := closestEdits(want, got); d != ref {
			t.Fatalf("closestEdits(%q, %q) = %d, the edit table %d", string(want), string(got), d, ref)
		}
		if c := cer(want, got); c != float64(ref)/float64(len(want)) {
			t.Fatalf("cer(%q, %q) = %v, want %d/%d", string(want), string(got), c, ref, len(want))
		}
	}
	// A pattern of exactly one and of two words' length.
	for _, n := range []int{64, 128} {
		want := []rune(strings.Repeat("ab", n/2))
		got := []rune("xx" + string(want[:n-1]) + "yy")
		if d := closestEdits(want, got); d != 1 {
			t.Errorf("%d runes, one missing: closestEdits = %d, want 1", n, d)
		}
	}
}
