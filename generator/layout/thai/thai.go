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
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed words.txt.gz
var wordsGz []byte

// Dict is a Thai word dictionary stored as a trie. It is read-only after
// Load and safe for concurrent use.
type Dict struct {
	nodes []node
	edges []edge
	words int
}

type node struct {
	first, n int32 // edges[first : first+n], sorted by rune
	word     bool
}

type edge struct {
	r     rune
	child int32
}

// Load builds the dictionary from the embedded word list. It allocates
// little beyond the trie it keeps (about 4 MB): the list is decompressed
// into one buffer and the words stay slices of it while the trie is built.
func Load() (*Dict, error) {
	words, err := wordList()
	if err != nil {
		return nil, err
	}
	return build(words), nil
}

// wordList returns the words of the embedded list, in its order, as
// slices of one decompressed buffer.
func wordList() ([]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		return nil, fmt.Errorf("thai: word list: %w", err)
	}
	var size int
	if n := len(wordsGz); n >= 4 {
		size = int(binary.LittleEndian.Uint32(wordsGz[n-4:])) // gzip's ISIZE
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("thai: word list: %w", err)
	}
	list := buf.String()
	words := make([]string, 0, strings.Count(list, "\n")+1)
	for line := range strings.Lines(list) {
		if w := strings.TrimSpace(line); w != "" {
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
// do, and the words of one node share their prefix byte for byte.
func build(words []string) *Dict {
	slices.Sort(words)
	words = slices.Compact(words)
	// A node is a range of the sorted words sharing a prefix of depth
	// bytes; its edges are appended all at once, so each node's edges are
	// contiguous and sorted. Depth-first, so that the pending ranges stay
	// few.
	type span struct {
		lo, hi, depth int
		id            int32
	}
	d := &Dict{nodes: make([]node, 1, len(words)*4+1), edges: make([]edge, 0, len(words)*4), words: len(words)}
	stack := []span{{0, len(words), 0, 0}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo := s.lo
		if lo < s.hi && len(words[lo]) == s.depth {
			d.nodes[s.id].word = true
			lo++
		}
		d.nodes[s.id].first = int32(len(d.edges))
		for i := lo; i < s.hi; {
			r, n := utf8.DecodeRuneInString(words[i][s.depth:])
			prefix := words[i][:s.depth+n]
			j := i + 1
			for j < s.hi && strings.HasPrefix(words[j], prefix) {
				j++
			}
			child := int32(len(d.nodes))
			d.nodes = append(d.nodes, node{})
			d.edges = append(d.edges, edge{r, child})
			stack = append(stack, span{i, j, s.depth + n, child})
			i = j
		}
		d.nodes[s.id].n = int32(len(d.edges)) - d.nodes[s.id].first
	}
	d.nodes, d.edges = slices.Clip(d.nodes), slices.Clip(d.edges)
	return d
}

// Len returns the number of words in the dictionary.
func (d *Dict) Len() int { return d.words }

// Contains reports whether w is a word of the dictionary.
func (d *Dict) Contains(w []rune) bool {
	n := int32(0)
	for _, r := range w {
		var ok bool
		if n, ok = d.step(n, r); !ok {
			return false
		}
	}
	return d.isWord(n)
}

// isWord reports whether the path from the root to node n spells a word.
func (d *Dict) isWord(n int32) bool { return d.nodes[n].word }

// step returns the child of node n along r, and false where n has none.
func (d *Dict) step(n int32, r rune) (int32, bool) {
	nd := d.nodes[n]
	es := d.edges[nd.first : nd.first+nd.n]
	i, ok := slices.BinarySearchFunc(es, r, func(e edge, r rune) int { return int(e.r - r) })
	if !ok {
		return 0, false
	}
	return es[i].child, true
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
	b, _ := d.segment(s, len(s)+1)
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
	words, known := d.segment(s, len(s)+1)
	prev := 0
	for i, end := range append(slices.Clone(words), len(s)) {
		if known[i] {
			splits = d.splitCompound(splits, s[prev:end], prev, 1)
		}
		prev = end
	}
	slices.SortFunc(splits, func(a, b Split) int { return a.Pos - b.Pos })
	return words, splits
}

// splitCompound appends to dst, shifted by offset, the boundaries of word
// split into shorter dictionary words, recursively.
func (d *Dict) splitCompound(dst []Split, word []rune, offset, depth int) []Split {
	if len(word) < 2 {
		return dst
	}
	inner, known := d.segment(word, len(word))
	if len(inner) == 0 || slices.Contains(known, false) {
		return dst
	}
	prev := 0
	for _, end := range append(inner, len(word)) {
		if end < len(word) {
			dst = append(dst, Split{offset + end, depth})
		}
		dst = d.splitCompound(dst, word[prev:end], offset+prev, depth+1)
		prev = end
	}
	return dst
}

// segment splits s by maximal matching with dictionary words shorter than
// maxLen runes, and returns the boundaries and, for each segment, whether
// it is a dictionary word (false: an unknown stretch).
func (d *Dict) segment(s []rune, maxLen int) (bounds []int, known []bool) {
	n := len(s)
	if n == 0 {
		return nil, nil
	}
	// best[i] is the cheapest segmentation of s[:i]; from[i] where its last
	// segment starts and isWord[i] whether that segment is a word.
	best := make([]cost, n+1)
	from := make([]int, n+1)
	isWord := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		best[i] = cost{unknown: n + 1}
	}
	for i := 0; i < n; i++ {
		if i > 0 && (best[i].unknown > n || !startsCluster(s, i)) {
			continue
		}
		// dictionary words starting at i
		nd := int32(0)
		for j := i; j < n && j-i+1 < maxLen; j++ {
			var ok bool
			if nd, ok = d.step(nd, s[j]); !ok {
				break
			}
			if d.isWord(nd) && (j+1 == n || startsCluster(s, j+1)) {
				l := j + 1 - i
				c := cost{best[i].unknown, best[i].words + 1, best[i].square + l*l}
				if c.less(best[j+1]) {
					best[j+1], from[j+1], isWord[j+1] = c, i, true
				}
			}
		}
		// one unknown cluster starting at i; it joins an unknown stretch
		// ending at i, so that such stretches count as one word
		j := i + 1
		for j < n && !startsCluster(s, j) {
			j++
		}
		c := cost{best[i].unknown + (j - i), best[i].words, best[i].square}
		start := i
		if i == 0 || isWord[i] {
			c.words++
		} else {
			start = from[i]
		}
		if c.less(best[j]) {
			best[j], from[j], isWord[j] = c, start, false
		}
	}
	for i := n; i > 0; i = from[i] {
		if i < n {
			bounds = append(bounds, i)
		}
		known = append(known, isWord[i])
	}
	slices.Reverse(bounds)
	slices.Reverse(known)
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
