package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// hugePaged reports whether every page of [start, end) lies in a mapping
// with the MADV_HUGEPAGE advice ("hg" in /proc/self/smaps' VmFlags).
func hugePaged(t *testing.T, start, end uintptr) bool {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lo, hi uintptr // the mapping being read
	covered := start
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if a, b, ok := strings.Cut(fields[0], "-"); ok && !strings.HasSuffix(fields[0], ":") {
			x, err1 := strconv.ParseUint(a, 16, 64)
			y, err2 := strconv.ParseUint(b, 16, 64)
			if err1 == nil && err2 == nil {
				lo, hi = uintptr(x), uintptr(y)
				continue
			}
		}
		if fields[0] == "VmFlags:" && slices.Contains(fields[1:], "hg") && lo <= covered && covered < hi {
			covered = hi
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return covered >= end
}

// TestAdviseHugePages: memory given the advice is mapped for huge pages,
// and memory not given it is not (a fresh anonymous mapping each time, so
// that nothing an earlier test did to the heap answers for it).
func TestAdviseHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skipf("this kernel has no transparent huge pages: %v", err)
	}
	const n = 8 << 20
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(b)
	start := uintptr(unsafe.Pointer(&b[0]))
	if hugePaged(t, start, start+n) {
		t.Fatal("a fresh mapping already has the huge-page advice")
	}
	if err := adviseHugePages(b); err != nil {
		t.Fatal(err)
	}
	if !hugePaged(t, start, start+n) {
		t.Error("the mapping has no huge-page advice after adviseHugePages")
	}
}

// TestHeapInHugePages: what the heap allocates after heapInHugePages lies
// in memory with the huge-page advice, as a batch's leaflets would. It
// runs in a process of its own, whose heap holds only what its start
// put there, as infogen's does: in this one, earlier tests leave free
// pages below the block, which the heap would hand out first.
func TestHeapInHugePages(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skipf("this kernel has no transparent huge pages: %v", err)
	}
	if os.Getenv(hugeHeapChild) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHeapInHugePages$", "-test.count=1")
		cmd.Env = append(os.Environ(), hugeHeapChild+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("PASS")) {
			t.Fatalf("%v:\n%s", err, out)
		}
		return
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // the blocks stay where they are put
	if err := heapInHugePages(64 << 20); err != nil {
		t.Fatal(err)
	}
	// Blocks of 1 MiB: each takes pages of its own from the heap, which
	// hands out the lowest free ones, most of them the advised block's.
	var blocks [][]byte
	for range 32 {
		blocks = append(blocks, make([]byte, 1<<20))
	}
	advised := 0
	for _, b := range blocks {
		start := uintptr(unsafe.Pointer(&b[0]))
		if hugePaged(t, start, start+uintptr(len(b))) {
			advised++
		}
	}
	// A free stretch the start left below the block takes a block or
	// two in some runs (with -race, one run in eight).
	if advised < 28 {
		t.Errorf("%d of 32 blocks lie in memory with the huge-page advice, want at least 28", advised)
	}
}

// hugeHeapChild is set in the environment of TestHeapInHugePages' own
// process.
const hugeHeapChild = "INFOGEN_TEST_HUGE_HEAP"
