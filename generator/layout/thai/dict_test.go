package thai

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDictMatchesWordSet compares the dictionary with a plain set of the
// embedded words: every word is contained, and from every prefix of a word
// exactly the runes that continue some word lead on, to a node that is a
// word exactly where the set has one. The runes tried are all the list's
// runes and some outside it, at and around the edges of the Thai block.
func TestDictMatchesWordSet(t *testing.T) {
	checkDictMatches(t, loadDict(t), listedWords(t))
}

// TestNewMatchesWordSet does the same for dictionaries built by New from
// small lists, Thai and not, whose runes may lie far apart.
func TestNewMatchesWordSet(t *testing.T) {
	tests := []struct {
		name  string
		words []string
	}{
		{"empty", nil},
		{"one word", []string{"ครับ"}},
		{"prefixes of each other", []string{"ก", "กก", "กกก", "กข"}},
		{"duplicates", []string{"ไป", "มา", "ไป"}},
		{"latin and thai", []string{"abc", "ab", "สวัสดี", "zebra", "ค"}},
		{"runes more than 255 apart", []string{"a", "ก", "😀", "a😀", "\u0100"}},
		{"a later rune below the first", []string{"b", "ba", "bb"}},
		{"runes 256 apart", []string{"\u0e01", "\u0f01", "\u0e01\u0f01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runes := make([][]rune, len(tt.words))
			for i, w := range tt.words {
				runes[i] = []rune(w)
			}
			checkDictMatches(t, New(runes), tt.words)
		})
	}
}

// checkDictMatches fails t where d and the set of words disagree.
func checkDictMatches(t *testing.T, d *Dict, words []string) {
	t.Helper()
	set := map[string]bool{}
	next := map[string][]rune{"": nil} // every prefix and the runes that continue it
	alphabet := map[rune]bool{}
	for _, w := range words {
		set[w] = true
		for i, r := range w {
			p := w[:i]
			if !slices.Contains(next[p], r) {
				next[p] = append(next[p], r)
			}
			alphabet[r] = true
			if _, ok := next[w]; !ok {
				next[w] = nil
			}
		}
	}
	if d.Len() != len(set) {
		t.Errorf("Len() = %d, want %d", d.Len(), len(set))
	}
	if nodes := len(d.down) - 1; nodes != len(next) {
		t.Errorf("%d nodes, want one for each of the %d prefixes", nodes, len(next))
	}
	try := []rune{0, 'a', 0x0DFF, 0x0E00, 0x0E01 + 256, 0x0E4D + 256, 0x0E7F, 0x0E80, 0x0F01, utf8.MaxRune}
	for r := range alphabet {
		try = append(try, r, r+1, r-1, r+256, r-256)
	}
	bad := 0
	for p, cont := range next {
		if !d.Contains([]rune(p)) != !set[p] {
			t.Errorf("Contains(%q) = %v, want %v", p, !set[p], set[p])
			bad++
		}
		n, ok := walk(d.step, p)
		if !ok {
			t.Errorf("prefix %q: no path", p)
			bad++
			continue
		}
		for _, r := range try {
			c, ok := d.step(n, r)
			want := slices.Contains(cont, r)
			if ok != want || (ok && d.isWord(c) != set[p+string(r)]) {
				t.Errorf("step(%q, %q) = %v (word %v), want %v (word %v)", p, r, ok, ok && d.isWord(c), want, set[p+string(r)])
				bad++
			}
		}
		if bad > 20 {
			t.Fatal("too many differences")
		}
	}
}

// walk follows p from the root (node 0) by step, and reports whether it
// could.
func walk[N any](step func(N, rune) (N, bool), p string) (N, bool) {
	var n N
	for _, r := range p {
		var ok bool
		if n, ok = step(n, r); !ok {
			return n, false
		}
	}
	return n, true
}

// segmentationCorpus returns the texts the golden segmentation test cuts:
// the Thai runs of the Thai locale, and the dictionary's words run
// together in groups, in an order that mixes unrelated words, some
// followed by a sign no word of the list has (๏) or by mai yamok (ๆ).
func segmentationCorpus(t testing.TB) [][]rune {
	t.Helper()
	texts := localeRuns(t)
	words := listedWords(t)
	const group = 6
	for i := 0; i+group <= len(words); i += group {
		var b strings.Builder
		for k := range group {
			b.WriteString(words[(i+k)*7919%len(words)])
			if (i+k)%97 == 0 {
				b.WriteString("๏")
			}
			if (i+k)%89 == 0 {
				b.WriteString("ๆ")
			}
		}
		texts = append(texts, []rune(b.String()))
	}
	return texts
}

// loadDict returns the dictionary of the embedded list.
func loadDict(tb testing.TB) *Dict {
	tb.Helper()
	d, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// listedWords returns the words of the embedded list.
func listedWords(tb testing.TB) []string {
	tb.Helper()
	words, err := wordList()
	if err != nil {
		tb.Fatal(err)
	}
	return words
}

// localeRuns returns the runs of Thai text in the Thai locale.
func localeRuns(tb testing.TB) [][]rune {
	tb.Helper()
	src, err := os.ReadFile("../../../locales/th.toml")
	if err != nil {
		tb.Fatal(err)
	}
	return thaiRuns([]rune(string(src)))
}

// thaiRuns returns the maximal runs of Thai characters in s.
func thaiRuns(s []rune) [][]rune {
	var runs [][]rune
	for i := 0; i < len(s); {
		if !IsThai(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && IsThai(s[j]) {
			j++
		}
		runs = append(runs, s[i:j])
		i = j
	}
	return runs
}

// TestSegmentationGolden cuts the corpus with Breaks and compares a hash of
// all word boundaries and compound splits with the one the dictionary's
// first form (a trie of maps into edge lists) gave, so that a change of the
// dictionary's storage cannot change a single line break.
func TestSegmentationGolden(t *testing.T) {
	d := loadDict(t)
	texts := segmentationCorpus(t)
	h := sha256.New()
	for _, s := range texts {
		words, splits := d.Breaks(s)
		fmt.Fprintln(h, words, splits)
	}
	const want = "e3215743acb5e19a9d135b3168cd998267f8130ca5c55d66bf812d53d702080d"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("segmentation of %d texts hashes to %s, want %s", len(texts), got, want)
	}
}

// BenchmarkLiveHeap reports, as heap-B, the heap a loaded dictionary keeps:
// what a server holds after its first Thai leaflet.
func BenchmarkLiveHeap(b *testing.B) {
	var held uint64
	var ms runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		d, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		held += ms.HeapAlloc - before
		runtime.KeepAlive(d)
	}
	b.ReportMetric(float64(held)/float64(b.N), "heap-B")
}

// BenchmarkBreaks cuts the Thai runs of the Thai locale as the line
// breaker does, with word boundaries and compound splits.
func BenchmarkBreaks(b *testing.B) {
	d, runs := loadDict(b), localeRuns(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range runs {
			d.Breaks(s)
		}
	}
}

// BenchmarkContains looks up every word of the list.
func BenchmarkContains(b *testing.B) {
	d, list := loadDict(b), listedWords(b)
	words := make([][]rune, len(list))
	for i, w := range list {
		words[i] = []rune(w)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			if !d.Contains(w) {
				b.Fatalf("%q missing", string(w))
			}
		}
	}
}
