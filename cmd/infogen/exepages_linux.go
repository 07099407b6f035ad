package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// dropStartupPages lets go of the pages of the program's file that the
// process has in its memory now: the code and read-only data that
// start-up ran and read (package initialisation, parsing the locales,
// fonts and municipalities), most of which serving never touches again.
// The pages stay in the page cache; what is used again comes back on its
// first touch, at the cost of a minor fault. Measured on the server
// under varied load (.ci/bench-results.md): peak resident memory 92.8 ->
// 85.3 MiB, no change in leaflets a second.
//
// Only the executable's read-only mappings are dropped: for them
// MADV_DONTNEED cannot lose anything, as their pages are the file's.
// The writable data segment is left alone (its written pages would be
// lost). Under a debugger (a tracer in /proc/self/status) nothing is
// dropped: a breakpoint is a written copy of a code page, which the
// advice would throw away.
func dropStartupPages() error {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return err
	}
	if traced(status) {
		return nil
	}
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return err
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return err
	}
	ranges, err := readOnlyMappings(maps, exe)
	if err != nil {
		return err
	}
	for _, r := range ranges {
		if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, r.start, r.end-r.start, syscall.MADV_DONTNEED); e != 0 {
			return e
		}
	}
	return nil
}

// addrRange is [start, end) of the address space.
type addrRange struct{ start, end uintptr }

// readOnlyMappings returns the mappings of /proc/self/maps (its text,
// maps) of the file path that cannot be written: "r-xp" and "r--p".
func readOnlyMappings(maps []byte, path string) ([]addrRange, error) {
	var out []addrRange
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// address perms offset dev inode path
		f := bytes.Fields(sc.Bytes())
		if len(f) != 6 || string(f[5]) != path || len(f[1]) != 4 || f[1][0] != 'r' || f[1][1] != '-' || f[1][3] != 'p' {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if !ok || err1 != nil || err2 != nil || end <= start {
			return nil, errors.New("/proc/self/maps: unreadable range " + strconv.Quote(string(f[0])))
		}
		out = append(out, addrRange{uintptr(start), uintptr(end)})
	}
	return out, sc.Err()
}

// traced reports whether /proc/self/status (its text, status) names a
// tracer.
func traced(status []byte) bool {
	for line := range bytes.SplitSeq(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("TracerPid:")); ok {
			return string(bytes.TrimSpace(v)) != "0"
		}
	}
	return false
}
