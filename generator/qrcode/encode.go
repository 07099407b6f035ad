package qrcode

import "strings"

// This file turns text into the code words of a QR code (ISO/IEC 18004):
// the data bits of one segment, padded to a version's capacity, and the
// Reed-Solomon error correction of each block, interleaved.

// level is an error correction level, from the weakest: L restores about
// 7 % of the code words, M 15 %, Q 25 %, H 30 %.
type level int

const (
	levelL level = iota
	levelM
	levelQ
	levelH
)

// formatBits is the level's two bits in the format information.
func (l level) formatBits() int { return [...]int{1, 0, 3, 2}[l] }

const maxVersion = 40

// eccPerBlock and eccBlocks are, by level and version (index 0 unused),
// the error correction code words of each block and the number of
// blocks (ISO/IEC 18004, table 9).
var eccPerBlock = [4][maxVersion + 1]int8{
	{-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

var eccBlocks = [4][maxVersion + 1]int8{
	{-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// rawModules is the number of modules of version ver that carry code
// words: all but the finder, timing and alignment patterns and the
// format and version information.
func rawModules(ver int) int {
	n := (16*ver+128)*ver + 64
	if ver >= 2 {
		align := ver/7 + 2
		n -= (25*align-10)*align - 55
		if ver >= 7 {
			n -= 36
		}
	}
	return n
}

// dataCodewords is how many data code words version ver holds at level
// ecl.
func dataCodewords(ver int, ecl level) int {
	return rawModules(ver)/8 - int(eccPerBlock[ecl][ver])*int(eccBlocks[ecl][ver])
}

// mode is a segment's encoding.
type mode int

const (
	modeNumeric mode = iota
	modeAlphanumeric
	modeByte
)

// alphanumeric is the alphanumeric mode's character set, in the order of
// its values.
const alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// segment is the whole text in one mode: numeric when it is all digits,
// alphanumeric when it is all of that set, else its bytes.
type segment struct {
	mode mode
	text string
}

func segmentOf(text string) segment {
	numeric, alnum := true, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		numeric = numeric && c >= '0' && c <= '9'
		alnum = alnum && indexOf(c) >= 0
	}
	switch {
	case numeric:
		return segment{modeNumeric, text}
	case alnum:
		return segment{modeAlphanumeric, text}
	}
	return segment{modeByte, text}
}

// indexOf is c's value in the alphanumeric set, -1 if it has none.
func indexOf(c byte) int { return strings.IndexByte(alphanumeric, c) }

// countBits is the width of the character count at version ver.
func (s segment) countBits(ver int) int {
	widths := [...][3]int{modeNumeric: {10, 12, 14}, modeAlphanumeric: {9, 11, 13}, modeByte: {8, 16, 16}}[s.mode]
	switch {
	case ver <= 9:
		return widths[0]
	case ver <= 26:
		return widths[1]
	}
	return widths[2]
}

// dataBits is the length of the segment's data, without its header.
func (s segment) dataBits() int {
	n := len(s.text)
	switch s.mode {
	case modeNumeric:
		return n/3*10 + [...]int{0, 4, 7}[n%3]
	case modeAlphanumeric:
		return n/2*11 + n%2*6
	}
	return n * 8
}

// bits is the segment's length at version ver, mode and count included;
// false when its count does not fit the count's width.
func (s segment) bits(ver int) (int, bool) {
	cb := s.countBits(ver)
	if len(s.text) >= 1<<cb {
		return 0, false
	}
	return 4 + cb + s.dataBits(), true
}

// bitWriter appends bits to bytes, most significant first.
type bitWriter struct {
	buf []byte
	n   int // bits written
}

func (w *bitWriter) put(v, width int) {
	for i := width - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.buf = append(w.buf, 0)
		}
		if v>>i&1 != 0 {
			w.buf[w.n/8] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// codewords returns the segment's data code words for version ver at
// level ecl: mode, count and data, a terminator of up to four zero bits,
// zero bits to the byte, then the pad bytes 0xEC and 0x11 in turn up to
// the capacity.
func (s segment) codewords(ver int, ecl level) []byte {
	capacity := dataCodewords(ver, ecl)
	w := bitWriter{buf: make([]byte, 0, capacity)}
	w.put([...]int{modeNumeric: 1, modeAlphanumeric: 2, modeByte: 4}[s.mode], 4)
	w.put(len(s.text), s.countBits(ver))
	t := s.text
	switch s.mode {
	case modeNumeric:
		for len(t) > 0 {
			n := min(3, len(t))
			v := 0
			for i := range n {
				v = v*10 + int(t[i]-'0')
			}
			w.put(v, n*3+1)
			t = t[n:]
		}
	case modeAlphanumeric:
		for ; len(t) >= 2; t = t[2:] {
			w.put(indexOf(t[0])*45+indexOf(t[1]), 11)
		}
		if len(t) == 1 {
			w.put(indexOf(t[0]), 6)
		}
	default:
		for i := 0; i < len(t); i++ {
			w.put(int(t[i]), 8)
		}
	}
	w.put(0, min(4, capacity*8-w.n))
	w.put(0, (8-w.n%8)%8)
	for pad := 0xEC; len(w.buf) < capacity; pad ^= 0xEC ^ 0x11 {
		w.buf = append(w.buf, byte(pad))
	}
	return w.buf
}

// interleave splits data into the blocks of version ver at level ecl,
// appends each block's error correction, and returns the code words in
// the order they are placed: the blocks' first bytes, then their second
// bytes, and so on (the short blocks, which come first, have one data
// byte fewer), then the error correction bytes the same way.
func interleave(data []byte, ver int, ecl level) []byte {
	blocks, ecc := int(eccBlocks[ecl][ver]), int(eccPerBlock[ecl][ver])
	raw := rawModules(ver) / 8
	short := blocks - raw%blocks // blocks of shortLen bytes; the rest have one more
	shortLen := raw / blocks
	gen := generator(ecc)
	all := make([][]byte, blocks)
	for i, at := 0, 0; i < blocks; i++ {
		n := shortLen - ecc
		if i >= short {
			n++
		}
		block := append([]byte(nil), data[at:at+n]...)
		at += n
		rem := remainder(block, gen)
		if i < short {
			block = append(block, 0) // a gap where the long blocks have a byte
		}
		all[i] = append(block, rem...)
	}
	out := make([]byte, 0, raw)
	for i := range all[0] {
		for j, block := range all {
			if i != shortLen-ecc || j >= short {
				out = append(out, block[i])
			}
		}
	}
	return out
}

// gfMul multiplies in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1.
func gfMul(x, y byte) byte {
	z := 0
	for i := 7; i >= 0; i-- {
		z = z<<1 ^ z>>7*0x11D
		z ^= int(y>>i&1) * int(x)
	}
	return byte(z)
}

// generator is the Reed-Solomon generator polynomial of the given
// degree, (x - 2^0)(x - 2^1)…, its coefficients from the highest power
// down, the leading 1 left out.
func generator(degree int) []byte {
	g := make([]byte, degree)
	g[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range g {
			g[j] = gfMul(g[j], root)
			if j+1 < len(g) {
				g[j] ^= g[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return g
}

// remainder is data's Reed-Solomon error correction: the remainder of
// its polynomial divided by gen.
func remainder(data, gen []byte) []byte {
	r := make([]byte, len(gen))
	for _, b := range data {
		f := b ^ r[0]
		copy(r, r[1:])
		r[len(r)-1] = 0
		for i, c := range gen {
			r[i] ^= gfMul(c, f)
		}
	}
	return r
}
