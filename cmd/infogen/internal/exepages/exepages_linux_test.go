package exepages

import (
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// smapsEntry is one mapping as /proc/self/smaps shows it: its first line,
// then the lines given (with "kB"), then one it always has after them.
func smapsEntry(header string, lines ...string) string {
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, l := range lines {
		k, v, _ := strings.Cut(l, "=")
		fmt.Fprintf(&b, "%-16s%8s kB\n", k+":", v)
	}
	b.WriteString("VmFlags: rd mr mw me\n")
	return b.String()
}

func TestFileBackedReadOnly(t *testing.T) {
	const exe = "/srv/infogen"
	clean := []string{"Rss=1200", "Anonymous=0", "Swap=0"}
	smaps := strings.Join([]string{
		smapsEntry("00400000-01486000 r-xp 00000000 fe:00 99 /srv/infogen", clean...),
		smapsEntry("01486000-02e2a000 r--p 01086000 fe:00 99 /srv/infogen", "Rss=800", "Anonymous=0", "Swap=0"),
		// Relocated by the loader, then protected (RELRO): pages of its own.
		smapsEntry("02e2a000-02f00000 r--p 02a2a000 fe:00 99 /srv/infogen", "Rss=856", "Anonymous=856", "Swap=0"),
		smapsEntry("02f00000-02f10000 r--p 02b00000 fe:00 99 /srv/infogen", "Rss=0", "Anonymous=0", "Swap=64"),
		smapsEntry("02f10000-02f20000 r--p 02b10000 fe:00 99 /srv/infogen", "Rss=64", "Swap=0"), // no Anonymous line
		smapsEntry("02f20000-03465000 rw-p 02b20000 fe:00 99 /srv/infogen", clean...),           // data
		smapsEntry("03465000-03500000 rw-p 00000000 00:00 0 ", clean...),                        // no path
		smapsEntry("7f0000000000-7f0000001000 r--s 00000000 fe:00 99 /srv/infogen", clean...),   // shared
		smapsEntry("7f0000001000-7f0000002000 r--p 00000000 fe:00 98 /srv/infogen2", clean...),  // another file
		smapsEntry("7f0000002000-7f0000003000 r--p 00000000 fe:00 97 /srv/infogen (deleted)", clean...),
		smapsEntry("7ffc00000000-7ffc00001000 r-xp 00000000 00:00 0 [vdso]", clean...),
		// The last mapping has no line after it.
		"7ffc00002000-7ffc00003000 r-xp 00000000 fe:00 99 /srv/infogen\nRss: 4 kB\nAnonymous: 0 kB\nSwap: 0 kB\n",
	}, "")
	got, err := fileBackedReadOnly([]byte(smaps), exe)
	if err != nil {
		t.Fatal(err)
	}
	want := []mapping{{0x400000, 0x1486000, 1200}, {0x1486000, 0x2e2a000, 800}, {0x7ffc00002000, 0x7ffc00003000, 4}}
	if !slices.Equal(got, want) {
		t.Errorf("got %x, want %x", got, want)
	}
	for _, bad := range []string{
		"zz-01486000 r-xp 00000000 fe:00 99 /srv/infogen\n",
		"01486000-00400000 r-xp 00000000 fe:00 99 /srv/infogen\n",
		"00400000 r-xp 00000000 fe:00 99 /srv/infogen\n",
	} {
		if _, err := fileBackedReadOnly([]byte(bad), exe); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestTraced(t *testing.T) {
	for _, tc := range []struct {
		status string
		want   bool
	}{
		{"Name:\tinfogen\nTracerPid:\t0\nUid:\t0\n", false},
		{"Name:\tinfogen\nTracerPid:\t4711\nUid:\t0\n", true},
		{"Name:\tinfogen\n", false},
	} {
		if got := traced([]byte(tc.status)); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.status, got, tc.want)
		}
	}
}

// exeReadOnly returns the read-only private mappings of this process's
// executable (/proc/self/maps), read here without the code under test.
func exeReadOnly(t *testing.T) (maps [][2]uint64) {
	t.Helper()
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(text)) {
		f := strings.Fields(line)
		if len(f) != 6 || f[5] != exe || (f[1] != "r-xp" && f[1] != "r--p") {
			continue
		}
		lo, hi, _ := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("/proc/self/maps: %q", line)
		}
		maps = append(maps, [2]uint64{start, end})
	}
	return maps
}

// touch reads every page of the mappings through /proc/self/mem, which
// brings them into this process's memory.
func touch(t *testing.T, maps [][2]uint64) {
	t.Helper()
	mem, err := os.Open("/proc/self/mem")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	page, size := make([]byte, 1), uint64(os.Getpagesize())
	for _, m := range maps {
		for a := m[0]; a < m[1]; a += size {
			if _, err := mem.ReadAt(page, int64(a)); err != nil {
				t.Fatalf("reading %x: %v", a, err)
			}
		}
	}
}

// present counts the pages of the mappings that are in this process's
// memory, from /proc/self/pagemap (bit 63 of each page's entry), read
// into bufs made beforehand so that counting touches little else.
func present(pagemap *os.File, maps [][2]uint64, bufs [][]byte) (int, error) {
	for i, m := range maps {
		if _, err := pagemap.ReadAt(bufs[i], int64(m[0]/uint64(os.Getpagesize())*8)); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, b := range bufs {
		for i := 0; i+8 <= len(b); i += 8 {
			if b[i+7]&0x80 != 0 {
				n++
			}
		}
	}
	return n, nil
}

// TestDrop: the executable's read-only pages in memory are let go of,
// the process goes on running from them, and they come back when used.
func TestDrop(t *testing.T) {
	maps := exeReadOnly(t)
	size := uint64(os.Getpagesize())
	pagemap, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Fatal(err)
	}
	defer pagemap.Close()
	bufs := make([][]byte, len(maps))
	total := 0
	for i, m := range maps {
		bufs[i] = make([]byte, (m[1]-m[0])/size*8)
		total += int((m[1] - m[0]) / size)
	}
	touch(t, maps)
	before, err := present(pagemap, maps, bufs)
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := Drop()
	if err != nil {
		t.Fatal(err)
	}
	after, err := present(pagemap, maps, bufs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pages of the executable's read-only mappings in memory: %d of %d before, %d right after Drop (%d kB dropped)", before, total, after, dropped)
	// What runs between Drop and the count brings back a few pages, and
	// the kernel maps some neighbours of each (fault-around).
	if before != total || after*2 > before || uint64(dropped)*1024 < uint64(before)*size {
		t.Errorf("pages in memory: %d of %d before, %d after, Drop said %d kB; want all before, under half after, and all dropped", before, total, after, dropped)
	}
	touch(t, maps)
	if again, err := present(pagemap, maps, bufs); err != nil || again != total {
		t.Errorf("the pages did not come back when read: %d of %d (%v)", again, total, err)
	}
}

// TestDropPositionIndependent runs a program built as a position-
// independent executable, whose loader relocates pointers in read-only
// data: it must go on running after Drop, and Drop must still let go of
// the rest.
func TestDropPositionIndependent(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "pie")
	build := exec.Command("go", "build", "-buildmode=pie", "-o", bin, "./testdata/pie")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -buildmode=pie: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	if f.Type != elf.ET_DYN {
		t.Fatalf("built as %v, not a position-independent executable (ET_DYN)", f.Type)
	}
	f.Close()
	out, err := exec.Command(bin).CombinedOutput()
	if err != nil {
		t.Fatalf("the program failed after Drop: %v\n%.2000s", err, out)
	}
	var dropped int
	var rest string
	if _, err := fmt.Sscanf(string(out), "ok %d %s", &dropped, &rest); err != nil || dropped < 512 ||
		rest != "n9995,n9996,n9997,n9998,n9999" {
		t.Errorf("output %q: want ok, at least 512 kB dropped, and the five last names", out)
	}
}
