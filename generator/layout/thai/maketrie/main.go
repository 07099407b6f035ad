// Command maketrie writes trie.bin, the dictionary package thai loads,
// built from its embedded word list: `go generate ./generator/layout/thai`
// runs it in the package's folder.
package main

import (
	"fmt"
	"os"

	"infogeneratorn/generator/layout/thai"
)

func main() {
	data, err := thai.AppendTrie(nil)
	if err == nil {
		err = os.WriteFile("trie.bin", data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "maketrie:", err)
		os.Exit(1)
	}
	fmt.Printf("trie.bin\t%d bytes\n", len(data))
}
