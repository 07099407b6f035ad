// Package thai finds word boundaries in Thai text, which is written
// without spaces between words, with a dictionary.
//
// UAX #14 gives Thai letters the class SA ("complex context") and leaves
// their line breaking to a dictionary; go-text's segmenter has none. This
// package holds the word list of Debian's hunspell-th (see LICENSE.md),
// embedded, and splits a run of Thai characters by maximal matching: the
// split with the fewest characters outside known words, then the fewest
// words. Characters outside the dictionary stay together with their
// neighbours as one unknown stretch, so a break never falls inside an
// unknown word.
//
// # Example
//
//	d, err := thai.Load()
//	if err != nil {
//		return err
//	}
//	b := d.Boundaries([]rune("สวัสดีครับ")) // [6]: สวัสดี|ครับ
package thai

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// wordsGz is the word list, from which `go generate` builds trie.bin.
//
//go:embed words.txt.gz
var wordsGz []byte

// Dict is a Thai word dictionary stored as a trie. It is read-only after
// Load and safe for concurrent use.
//
// The trie is two flat arrays without pointers, which the garbage
// collector need not scan, about 5 bytes a node. Nodes are numbered
// breadth first, so the children of a node are consecutive and follow
// those of the node before it: the children of n are the nodes
// down[n] to down[n+1]-1 (wordBit masked off), in order of their runes.
// The root is node 0.
type Dict struct {
	// down holds each node's first child, and in wordBit whether the
	// path to the node spells a word; a last entry closes the last node.
	down []uint32
	// narrow holds the rune leading into each node less base, the
	// smallest first rune of the words, where every rune fits a byte so
	// (Thai's do); wide holds the runes themselves otherwise.
	narrow []uint8
	wide   []rune
	base   rune
	words  int
}

// wordBit marks a node of down that ends a word.
const wordBit = 1 << 31

// Load returns the dictionary of the embedded word list, built when the
// program was (trie.bin, see AppendTrie) and read in place.
func Load() (*Dict, error) { return readTrie(trie) }

// wordList returns the words of the embedded list, in its order, as
// slices of one decompressed buffer.
func wordList() ([]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		return nil, fmt.Errorf("thai: word list: %w", err)
	}
	var buf strings.Builder // its String does not copy
	if n := len(wordsGz); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(wordsGz[n-4:]))) // gzip's ISIZE
	}
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("thai: word list: %w", err)
	}
	list := buf.String()
	words := make([]string, 0, strings.Count(list, "\n")+1)
	for line := range strings.Lines(list) {
		// The list has Thai characters only; trimming ASCII space takes a
		// fraction of what strings.TrimSpace does on a line that does not
		// start with ASCII.
		if w := strings.Trim(line, " \t\r\n"); w != "" {
			words = append(words, w)
		}
	}
	return words, nil
}

// New builds a dictionary from a list of words.
func New(words [][]rune) *Dict {
	list := make([]string, len(words))
	for i, w := range words {
		list[i] = string(w)
	}
	return build(list)
}

// build makes the trie of words, which it sorts. UTF-8 sorts as its runes
// do. In sorted order, the nodes of each depth appear in the order that
// breadth-first numbering gives them, and so do their children: one pass
// counts the nodes of each depth, a second numbers and fills them.
func build(words []string) *Dict {
	slices.Sort(words)
	words = slices.Compact(words)
	// start[k] is the first node of depth k, then the next one to number;
	// the root alone has depth 0 and the last entry is the number of nodes.
	widths := levelWidths(words)
	start := make([]uint32, len(widths)+2)
	start[1] = 1
	for k, w := range widths {
		n := uint64(start[k+1]) + uint64(w)
		if n >= wordBit {
			panic("thai: too many dictionary nodes")
		}
		start[k+2] = uint32(n)
	}
	nodes := start[len(start)-1]
	// Runes are stored narrow, from the smallest first rune, until one
	// does not fit.
	d := &Dict{down: make([]uint32, nodes+1), narrow: make([]uint8, nodes), words: len(words)}
	if len(words) > 0 {
		d.base, _ = utf8.DecodeRuneInString(words[0])
	}
	d.down[0], d.down[nodes] = 1, nodes
	prev := ""
	for _, w := range words {
		common, depth := sharedPrefix(w, prev)
		node := uint32(0) // the empty word, first if listed, is the root
		for _, r := range w[common:] {
			depth++
			node = start[depth]
			start[depth]++
			d.down[node] = start[depth+1]
			if d.wide == nil && uint32(r-d.base) > 0xFF {
				d.widen()
			}
			if d.wide != nil {
				d.wide[node] = r
			} else {
				d.narrow[node] = uint8(r - d.base)
			}
		}
		d.down[node] |= wordBit
		prev = w
	}
	return d
}

// widen moves the labels from narrow to wide, where the runes of any list
// fit.
func (d *Dict) widen() {
	d.wide = make([]rune, len(d.narrow))
	for i, l := range d.narrow {
		d.wide[i] = d.base + rune(l)
	}
	d.narrow, d.base = nil, 0
}

// levelWidths returns the number of nodes at each depth, from 1, of the
// trie of words, sorted and without duplicates. Each word adds a node for
// each rune after the prefix it shares with the word before it.
func levelWidths(words []string) []int {
	var width []int
	prev := ""
	for _, w := range words {
		common, depth := sharedPrefix(w, prev)
		for _, c := range []byte(w[common:]) {
			if !utf8.RuneStart(c) {
				continue
			}
			if depth == len(width) {
				width = append(width, 0)
			}
			width[depth]++
			depth++
		}
		prev = w
	}
	return width
}

// sharedPrefix returns the length in bytes and in runes of the longest
// prefix of whole runes that w and prev share. It counts runes by their
// first bytes rather than decoding them, which would take as long as the
// rest of the build.
func sharedPrefix(w, prev string) (common, runes int) {
	for common < len(w) && common < len(prev) && w[common] == prev[common] {
		if utf8.RuneStart(w[common]) {
			runes++
		}
		common++
	}
	if common > 0 && common < len(w) && !utf8.RuneStart(w[common]) {
		// the last rune counted differs in a later byte
		for common > 0 && !utf8.RuneStart(w[common]) {
			common--
		}
		runes--
	}
	return common, runes
}

// Len returns the number of words in the dictionary.
func (d *Dict) Len() int { return d.words }

// Contains reports whether w is a word of the dictionary.
func (d *Dict) Contains(w []rune) bool {
	n := uint32(0)
	for _, r := range w {
		var ok bool
		if n, ok = d.step(n, r); !ok {
			return false
		}
	}
	return d.isWord(n)
}

// isWord reports whether the path from the root to node n spells a word.
func (d *Dict) isWord(n uint32) bool { return d.down[n]&wordBit != 0 }

// step returns the child of node n along r, and false where n has none.
func (d *Dict) step(n uint32, r rune) (uint32, bool) {
	first, end := d.down[n]&^wordBit, d.down[n+1]&^wordBit
	if d.wide != nil {
		return childAlong(d.wide, first, end, r)
	}
	off := uint32(r - d.base)
	if off > 0xFF {
		return 0, false
	}
	return childAlong(d.narrow, first, end, uint8(off))
}

// childAlong returns the node among first to end-1 whose label is l, by
// binary search of their labels, which are sorted.
func childAlong[L uint8 | rune](labels []L, first, end uint32, l L) (uint32, bool) {
	i, ok := slices.BinarySearch(labels[first:end], l)
	return first + uint32(i), ok
}

// IsThai reports whether r is in the Thai block.
func IsThai(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }

// cost orders segmentations: fewer unknown characters first, then fewer
// words, then longer words (a larger sum of squared word lengths), which
// keeps compounds such as เจ้าหน้าที่ whole where the word count ties.
type cost struct{ unknown, words, square int }

func (a cost) less(b cost) bool {
	if a.unknown != b.unknown {
		return a.unknown < b.unknown
	}
	if a.words != b.words {
		return a.words < b.words
	}
	return a.square > b.square
}

// Boundaries returns the word boundaries strictly inside s, a run of Thai
// text, as rune indices in increasing order. A boundary lies between two
// dictionary words or between a dictionary word and an unknown stretch,
// never inside a grapheme cluster, and never before ๆ (mai yamok) or ฯ
// (paiyannoi), which belong to the word before them.
func (d *Dict) Boundaries(s []rune) []int {
	b, _ := d.segment(s, len(s)+1, make([]state, len(s)+1))
	return b
}

// Split is a boundary inside a compound: Pos is a rune index, Depth 1 for
// the parts of a word of the best segmentation, 2 for the parts of a part,
// and so on.
type Split struct{ Pos, Depth int }

// Breaks returns the word boundaries of s (as Boundaries) and, apart, the
// boundaries inside its compounds: places where a dictionary word of the
// best segmentation is itself a sequence of shorter dictionary words
// (ตกอยู่ในอันตราย: ตก|อยู่|ใน|อันตราย), and again inside the parts. A
// line breaker uses a split only when a compound does not fit a line on
// its own, the shallowest that fits first.
func (d *Dict) Breaks(s []rune) (words []int, splits []Split) {
	dp := make([]state, len(s)+1) // for every segment call below
	words, known := d.segment(s, len(s)+1, dp)
	prev := 0
	for i, ok := range known {
		end := len(s)
		if i < len(words) {
			end = words[i]
		}
		if ok {
			splits = d.splitCompound(splits, s[prev:end], prev, 1, dp)
		}
		prev = end
	}
	slices.SortFunc(splits, func(a, b Split) int { return a.Pos - b.Pos })
	return words, splits
}

// splitCompound appends to dst, shifted by offset, the boundaries of word
// split into shorter dictionary words, recursively. dp is segment's work
// space, at least one longer than word.
func (d *Dict) splitCompound(dst []Split, word []rune, offset, depth int, dp []state) []Split {
	if len(word) < 2 {
		return dst
	}
	inner, known := d.segment(word, len(word), dp)
	if len(inner) == 0 || slices.Contains(known, false) {
		return dst
	}
	prev := 0
	for _, end := range append(inner, len(word)) {
		if end < len(word) {
			dst = append(dst, Split{offset + end, depth})
		}
		dst = d.splitCompound(dst, word[prev:end], offset+prev, depth+1, dp)
		prev = end
	}
	return dst
}

// state is the cheapest segmentation found of a prefix of a text: its
// cost, where its last segment starts and whether that segment is a
// dictionary word.
type state struct {
	cost
	from   int
	isWord bool
}

// segment splits s by maximal matching with dictionary words shorter than
// maxLen runes, and returns the boundaries and, for each segment, whether
// it is a dictionary word (false: an unknown stretch). dp is its work
// space, at least one longer than s, which a caller may reuse.
func (d *Dict) segment(s []rune, maxLen int, dp []state) (bounds []int, known []bool) {
	n := len(s)
	if n == 0 {
		return nil, nil
	}
	// dp[i] is the cheapest segmentation of s[:i]
	dp = dp[:n+1]
	dp[0] = state{}
	for i := 1; i <= n; i++ {
		dp[i] = state{cost: cost{unknown: n + 1}}
	}
	for i := 0; i < n; i++ {
		best := dp[i].cost
		if i > 0 && (best.unknown > n || !startsCluster(s, i)) {
			continue
		}
		// dictionary words starting at i
		nd := uint32(0)
		for j := i; j < n && j-i+1 < maxLen; j++ {
			var ok bool
			if nd, ok = d.step(nd, s[j]); !ok {
				break
			}
			if d.isWord(nd) && (j+1 == n || startsCluster(s, j+1)) {
				l := j + 1 - i
				c := cost{best.unknown, best.words + 1, best.square + l*l}
				if c.less(dp[j+1].cost) {
					dp[j+1] = state{c, i, true}
				}
			}
		}
		// one unknown cluster starting at i; it joins an unknown stretch
		// ending at i, so that such stretches count as one word
		j := i + 1
		for j < n && !startsCluster(s, j) {
			j++
		}
		c := cost{best.unknown + (j - i), best.words, best.square}
		start := i
		if i == 0 || dp[i].isWord {
			c.words++
		} else {
			start = dp[i].from
		}
		if c.less(dp[j].cost) {
			dp[j] = state{c, start, false}
		}
	}
	segments := 0
	for i := n; i > 0; i = dp[i].from {
		segments++
	}
	if segments > 1 {
		bounds = make([]int, segments-1)
	}
	known = make([]bool, segments)
	for i, k := n, segments-1; i > 0; i, k = dp[i].from, k-1 {
		if i < n {
			bounds[k] = i
		}
		known[k] = dp[i].isWord
	}
	// a boundary before ๆ or ฯ is dropped: merge the two segments
	for k := len(bounds) - 1; k >= 0; k-- {
		if s[bounds[k]] == 'ๆ' || s[bounds[k]] == 'ฯ' {
			bounds = slices.Delete(bounds, k, k+1)
			known = slices.Delete(known, k+1, k+2)
		}
	}
	return bounds, known
}

// startsCluster reports whether a word may begin at s[i]: not on a
// combining vowel or tone mark, and not right after a leading vowel
// (เ แ โ ใ ไ), which is written before the consonant it follows in speech.
func startsCluster(s []rune, i int) bool {
	if i == 0 {
		return true
	}
	if isCombining(s[i]) || s[i] == 'ะ' || s[i] == 'า' || s[i] == 'ำ' || s[i] == 'ๅ' {
		return false
	}
	switch s[i-1] {
	case 'เ', 'แ', 'โ', 'ใ', 'ไ':
		return false
	}
	return true
}

// isCombining reports the Thai characters that attach to the consonant
// before them (above and below vowels, tone marks, signs).
func isCombining(r rune) bool {
	return r == 0x0E31 || (r >= 0x0E34 && r <= 0x0E3A) || (r >= 0x0E47 && r <= 0x0E4E)
}
