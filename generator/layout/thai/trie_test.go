package thai

import (
	"reflect"
	"strings"
	"testing"
)

// TestTrieCurrent: trie.bin is the dictionary of the embedded word list
// as the package builds it now.
func TestTrieCurrent(t *testing.T) {
	want, err := AppendTrie(nil)
	if err != nil {
		t.Fatal(err)
	}
	if trie != string(want) {
		t.Fatalf("trie.bin (%d bytes) is not the dictionary of words.txt.gz (%d bytes): run go generate ./generator/layout/thai", len(trie), len(want))
	}
}

// TestTrieRoundTrip: a dictionary reads back as it was built, with
// narrow labels and wide, from data on a 4-byte boundary and off it.
func TestTrieRoundTrip(t *testing.T) {
	for _, words := range [][]string{
		{"ครับ", "สวัสดี", "สวัส", "ไป"},
		{"a", "ก", "😀", "a😀", "\u0100"}, // wide
		nil,
	} {
		runes := make([][]rune, len(words))
		for i, w := range words {
			runes[i] = []rune(w)
		}
		want := New(runes)
		data := string(appendDict(nil, want))
		for shift := range 4 {
			shifted := (strings.Repeat("x", shift) + data)[shift:] // the same bytes at another address
			got, err := readTrie(shifted)
			if err != nil {
				t.Fatalf("%q, shifted %d: %v", words, shift, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q, shifted %d: read back as %+v, want %+v", words, shift, got, want)
			}
			checkDictMatches(t, got, words)
		}
	}
}

// TestTrieDamaged: every cut of a dictionary's data and every changed
// byte is refused, not read as another dictionary.
func TestTrieDamaged(t *testing.T) {
	data := appendDict(nil, New([][]rune{[]rune("ครับ"), []rune("สวัสดี"), []rune("ไป")}))
	for n := range len(data) {
		if _, err := readTrie(string(data[:n])); err == nil {
			t.Errorf("the first %d of %d bytes read as a dictionary", n, len(data))
		}
	}
	for i := range data {
		bad := []byte(string(data))
		bad[i] ^= 0x10
		if _, err := readTrie(string(bad)); err == nil {
			t.Errorf("a change of byte %d read as a dictionary", i)
		}
	}
}
