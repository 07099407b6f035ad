// Command pie drops its executable's start-up pages (exepages.Drop) and
// then goes on allocating, collecting and formatting, which reads the
// type data the dynamic loader relocated. Built as a position-independent
// executable, it crashes if Drop throws away relocated pages. It prints
// "ok" and how many kB of its executable's pages Drop let go of.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"

	"infogeneratorn/cmd/infogen/internal/exepages"
)

type node struct {
	name string
	next *node
	tags map[string][]int
}

func main() {
	dropped, err := exepages.Drop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "drop:", err)
		os.Exit(1)
	}
	var head *node
	for i := range 10000 {
		head = &node{name: fmt.Sprint("n", i), next: head, tags: map[string][]int{"i": {i}}}
	}
	runtime.GC()
	var names []string
	for n := head; n != nil && len(names) < 5; n = n.next {
		names = append(names, n.name)
	}
	sort.Strings(names)
	err = fmt.Errorf("wrapped: %w", os.ErrNotExist)
	fmt.Printf("ok %d %s %v\n", dropped, strings.Join(names, ","), err)
}
