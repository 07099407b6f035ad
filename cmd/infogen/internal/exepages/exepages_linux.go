package exepages

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// Drop lets go of the pages of the program's file that the process has
// in its memory now. The pages stay in the page cache; what is used
// again comes back on its first touch, at the cost of a minor fault.
// Measured on the server under varied load (.ci/bench-results.md): peak
// resident memory 92.8 -> 85.3 MiB, no change in leaflets a second.
//
// Only read-only mappings of the executable whose every page is still
// the file's are dropped: for them MADV_DONTNEED cannot lose anything.
// A mapping with a page of its own (Anonymous in /proc/self/smaps) is
// left alone: in a position-independent executable the dynamic loader
// writes relocated pointers into read-only data before it protects it
// (RELRO), and dropping those pages would bring back the file's
// unrelocated bytes and crash the program. The writable data segment is
// left alone for the same reason. Under a debugger (a tracer in
// /proc/self/status) nothing is dropped: a breakpoint it sets later
// would be a written copy of a code page.
//
// It returns how many kB of the dropped mappings were resident.
func Drop() (kB int, err error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	if traced(status) {
		return 0, nil
	}
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return 0, err
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return 0, err
	}
	maps, err := fileBackedReadOnly(smaps, exe)
	if err != nil {
		return 0, err
	}
	for _, m := range maps {
		if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, syscall.MADV_DONTNEED); e != 0 {
			return kB, e
		}
		kB += m.rssKB
	}
	return kB, nil
}

// mapping is [start, end) of the address space and how many kB of it
// are resident.
type mapping struct {
	start, end uintptr
	rssKB      int
}

// fileBackedReadOnly returns the mappings of /proc/self/smaps (its text,
// smaps) of the file path that cannot be written ("r-xp" and "r--p") and
// have no page of their own, in memory or swapped out ("Anonymous: 0 kB"
// and "Swap: 0 kB"), with their resident kB ("Rss"). A mapping missing
// either of the first two lines is not returned.
func fileBackedReadOnly(smaps []byte, path string) ([]mapping, error) {
	var (
		out []mapping
		// The mapping whose lines are being read, if it may be dropped,
		// and how many of its Anonymous and Swap lines said 0.
		cand  *mapping
		zeros int
	)
	finish := func() {
		if cand != nil && zeros == 2 {
			out = append(out, *cand)
		}
		cand, zeros = nil, 0
	}
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 {
			continue
		}
		if key, ok := bytes.CutSuffix(f[0], []byte(":")); ok {
			// A line of the mapping above, as "Anonymous:     0 kB".
			if cand == nil || len(f) != 3 {
				continue
			}
			switch string(key) {
			case "Anonymous", "Swap":
				if string(f[1]) == "0" {
					zeros++
				}
			case "Rss":
				cand.rssKB, _ = strconv.Atoi(string(f[1]))
			}
			continue
		}
		// A mapping's first line: address perms offset dev inode path.
		finish()
		if len(f) != 6 || string(f[5]) != path || len(f[1]) != 4 || f[1][0] != 'r' || f[1][1] != '-' || f[1][3] != 'p' {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if !ok || err1 != nil || err2 != nil || end <= start {
			return nil, errors.New("/proc/self/smaps: unreadable range " + strconv.Quote(string(f[0])))
		}
		cand = &mapping{start: uintptr(start), end: uintptr(end)}
	}
	finish()
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
