package main

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/helplines"
)

func TestReadOnlyMappings(t *testing.T) {
	const exe = "/srv/infogen"
	maps := strings.Join([]string{
		"00400000-01486000 r-xp 00000000 fe:00 99 /srv/infogen",
		"01486000-02e2a000 r--p 01086000 fe:00 99 /srv/infogen",
		"02e2a000-03465000 rw-p 02a2a000 fe:00 99 /srv/infogen",          // data: written pages
		"03465000-03500000 rw-p 00000000 00:00 0 ",                       // no path
		"7f0000000000-7f0000001000 r--s 00000000 fe:00 99 /srv/infogen",  // shared
		"7f0000001000-7f0000002000 r--p 00000000 fe:00 98 /srv/infogen2", // another file
		"7f0000002000-7f0000003000 r--p 00000000 fe:00 97 /srv/infogen (deleted)",
		"7ffc00000000-7ffc00001000 r-xp 00000000 00:00 0 [vdso]",
	}, "\n") + "\n"
	got, err := readOnlyMappings([]byte(maps), exe)
	if err != nil {
		t.Fatal(err)
	}
	want := []addrRange{{0x400000, 0x1486000}, {0x1486000, 0x2e2a000}}
	if !slices.Equal(got, want) {
		t.Errorf("got %x, want %x", got, want)
	}
	for _, bad := range []string{
		"zz-01486000 r-xp 00000000 fe:00 99 /srv/infogen\n",
		"01486000-00400000 r-xp 00000000 fe:00 99 /srv/infogen\n",
		"00400000 r-xp 00000000 fe:00 99 /srv/infogen\n",
	} {
		if _, err := readOnlyMappings([]byte(bad), exe); err == nil {
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

// exeResident is the resident memory, in kB, of the read-only mappings
// of this process's executable (/proc/self/smaps).
func exeResident(t *testing.T) int {
	t.Helper()
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	total, in := 0, false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-"): // a mapping's first line
			in = len(f) == 6 && f[5] == exe && (f[1] == "r-xp" || f[1] == "r--p")
		case in && len(f) == 3 && f[0] == "Rss:":
			kb, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			total += kb
		}
	}
	return total
}

// TestDropStartupPages: after a start-up (newApp), the program's code
// and read-only data that it brought into memory are let go of, and the
// program goes on running from them.
func TestDropStartupPages(t *testing.T) {
	if _, err := newApp(appOptions{Policy: helplines.Policy{}}); err != nil {
		t.Fatal(err)
	}
	before := exeResident(t)
	if err := dropStartupPages(); err != nil {
		t.Fatal(err)
	}
	after := exeResident(t)
	t.Logf("resident pages of the executable: %d kB before, %d kB after", before, after)
	// After, reading /proc brings back a few pages, more where the
	// kernel maps the file's pages in large pieces: measured 3.5 of 20 MB.
	if before < 4096 || after*2 > before {
		t.Errorf("resident pages of the executable: %d kB before, %d kB after; want at least 4096 before and under half of it after", before, after)
	}
	// What was dropped comes back from the file when used again.
	if _, err := newApp(appOptions{Policy: helplines.Policy{}}); err != nil {
		t.Fatal(err)
	}
	if again := exeResident(t); again <= after {
		t.Errorf("a second start-up brought no pages back: %d kB, %d kB after the drop", again, after)
	}
}
