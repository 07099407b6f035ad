package thai

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"unsafe"
)

//go:generate go run ./maketrie

// trie is trie.bin: the dictionary of the embedded word list, built by
// `go generate` (AppendTrie). Embedded as a string, it lies in the
// binary's read-only data and is read in place: building the trie from
// the list took 19 ms at every start that set Thai text, 3 MB allocated.
//
//go:embed trie.bin
var trie string

// The trie's form: trieMagic, then four little-endian uint32s (the
// number of words, of nodes, the narrow labels' base rune, and 1 when
// the labels are wide), down (nodes+1 uint32s), the labels (nodes bytes,
// or nodes uint32s when wide), and the CRC-32 (IEEE) of all that. Not
// CRC-32C: its tables take 0.27 ms to make, and package crc32 makes them
// on first use, which was the package's start.
const (
	trieMagic  = "thai trie 2\n"
	trieHeader = len(trieMagic) + 16
)

// AppendTrie appends the dictionary of the embedded word list, in the
// form Load reads, to b: what `go generate` writes to trie.bin.
func AppendTrie(b []byte) ([]byte, error) {
	words, err := wordList()
	if err != nil {
		return nil, err
	}
	return appendDict(b, build(words)), nil
}

// appendDict appends d in the form readTrie reads.
func appendDict(b []byte, d *Dict) []byte {
	start := len(b)
	b = append(b, trieMagic...)
	wide := uint32(0)
	if d.wide != nil {
		wide = 1
	}
	nodes := len(d.down) - 1
	for _, v := range []uint32{uint32(d.words), uint32(nodes), uint32(d.base), wide} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, v := range d.down {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	if d.wide != nil {
		for _, r := range d.wide {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		}
	} else {
		b = append(b, d.narrow...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// readTrie reads a dictionary written by AppendTrie. Its arrays are
// data itself where the machine is little-endian and data's words lie
// on 4-byte boundaries, and copies of it otherwise. data must not change
// while the dictionary is in use.
func readTrie(data string) (*Dict, error) {
	if len(data) < trieHeader+4 || data[:len(trieMagic)] != trieMagic {
		return nil, errors.New("thai: the built dictionary is not one (run go generate ./generator/layout/thai)")
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(unsafe.Slice(unsafe.StringData(body), len(body))) != le32(data, len(body)) {
		return nil, errors.New("thai: the built dictionary is damaged")
	}
	field := func(i int) uint32 { return le32(data, len(trieMagic)+4*i) }
	words, nodes, base, wide := int(field(0)), int(field(1)), rune(field(2)), field(3)
	labelSize := 1
	if wide == 1 {
		labelSize = 4
	}
	if wide > 1 || nodes < 0 || nodes >= wordBit || len(body) != trieHeader+4*(nodes+1)+labelSize*nodes {
		return nil, fmt.Errorf("thai: the built dictionary's header does not match its %d bytes", len(data))
	}
	d := &Dict{words: words, base: base}
	off := trieHeader
	d.down = uint32s(body[off : off+4*(nodes+1)])
	off += 4 * (nodes + 1)
	if wide == 1 {
		w := uint32s(body[off:])
		d.wide = unsafe.Slice((*rune)(unsafe.Pointer(unsafe.SliceData(w))), len(w))
	} else {
		d.narrow = unsafe.Slice(unsafe.StringData(body[off:]), nodes)
	}
	return d, nil
}

// uint32s returns s's little-endian uint32s: s itself where that is how
// the machine holds them, else a copy.
func uint32s(s string) []uint32 {
	n := len(s) / 4
	if n == 0 {
		return []uint32{}
	}
	p := unsafe.StringData(s)
	if uintptr(unsafe.Pointer(p))%4 == 0 && binary.NativeEndian.Uint32([]byte{1, 0, 0, 0}) == 1 {
		return unsafe.Slice((*uint32)(unsafe.Pointer(p)), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = le32(s, 4*i)
	}
	return out
}

// le32 is the little-endian uint32 at s[i:i+4].
func le32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}
