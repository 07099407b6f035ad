package layout

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/vocab"
)

// The Unicode conformance files come from Debian's unicode-data package,
// which the project's test command installs.
const (
	bidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt"
	lineBreakTest     = "/usr/share/unicode/auxiliary/LineBreakTest.txt"
)

// readConformance returns the data lines of a Unicode test file, with
// their line numbers.
func readConformance(t *testing.T, path string) (lines []string, numbers []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (install Debian's unicode-data)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
			numbers = append(numbers, n)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines, numbers
}

func parseHexRunes(t *testing.T, s string) []rune {
	t.Helper()
	var out []rune
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseUint(f, 16, 32)
		if err != nil {
			t.Fatalf("bad code point %q: %v", f, err)
		}
		out = append(out, rune(v))
	}
	return out
}

// TestBidiCharacterTest runs Levels, LineLevels and VisualOrder over every
// case of Unicode's BidiCharacterTest.txt: each case is one paragraph set
// as one line. Characters removed by rule X9 (level "x") are left out of
// the expected order, as the file says.
func TestBidiCharacterTest(t *testing.T) {
	lines, numbers := readConformance(t, bidiCharacterTest)
	pass, failed := 0, 0
	for k, line := range lines {
		fields := strings.Split(line, ";")
		if len(fields) != 5 {
			t.Fatalf("line %d: %d fields", numbers[k], len(fields))
		}
		text := parseHexRunes(t, fields[0])
		base := map[string]vocab.Direction{"0": vocab.LTR, "1": vocab.RTL, "2": ""}[fields[1]]
		wantPara, _ := strconv.Atoi(fields[2])
		wantLevels := strings.Fields(fields[3])
		var wantOrder []int
		for _, f := range strings.Fields(fields[4]) {
			v, _ := strconv.Atoi(f)
			wantOrder = append(wantOrder, v)
		}

		levels, para := Levels(text, base)
		LineLevels(text, levels, para, 0, len(text))
		ok := int(para) == wantPara
		for i, w := range wantLevels {
			if w != "x" && w != strconv.Itoa(int(levels[i])) {
				ok = false
			}
		}
		order := slices.DeleteFunc(VisualOrder(levels), func(i int) bool { return wantLevels[i] == "x" })
		if !slices.Equal(order, wantOrder) {
			ok = false
		}
		if ok {
			pass++
			continue
		}
		if failed++; failed <= 10 {
			t.Errorf("line %d: %s: paragraph level %d, levels %v, order %v; want %d, %v, %v",
				numbers[k], fields[0], para, levels, order, wantPara, wantLevels, wantOrder)
		}
	}
	t.Logf("BidiCharacterTest: %d of %d cases pass", pass, len(lines))
	if failed > 0 {
		t.Errorf("%d of %d BidiCharacterTest cases fail", failed, len(lines))
	}
}

// lineBreakCases runs LineBreaks over the cases of a LineBreakTest file
// and returns the failing cases (the code point and break columns).
func lineBreakCases(t *testing.T, path string) (total int, failing []string) {
	t.Helper()
	lines, _ := readConformance(t, path)
	for _, line := range lines {
		var text []rune
		var want []int
		for _, f := range strings.Fields(line) {
			switch f {
			case "×":
			case "÷":
				if len(text) > 0 {
					want = append(want, len(text))
				}
			default:
				text = append(text, parseHexRunes(t, f)...)
			}
		}
		var got []int
		for _, b := range LineBreaks(text) {
			got = append(got, b.Pos)
		}
		if !slices.Equal(got, want) {
			failing = append(failing, line)
		}
	}
	return len(lines), failing
}

// TestLineBreakTest checks LineBreaks against Debian's LineBreakTest.txt
// (Unicode 15.0). go-text implements UAX #14 of Unicode 17.0; the cases
// whose rules changed since 15.0 are listed, with the rule, in
// testdata/linebreak-15.0-differences.txt, and no other case may fail.
func TestLineBreakTest(t *testing.T) {
	total, failing := lineBreakCases(t, lineBreakTest)
	known := map[string]bool{}
	diffs, _ := readConformance(t, "testdata/linebreak-15.0-differences.txt")
	for _, d := range diffs {
		known[d] = true
	}
	for _, f := range failing {
		if !known[f] {
			t.Errorf("unexpected line-break difference: %s", f)
		}
		delete(known, f)
	}
	for d := range known {
		t.Errorf("listed difference no longer differs (update the list): %s", d)
	}
	t.Logf("LineBreakTest 15.0: %d of %d cases pass; %d differ by rules changed in Unicode 15.1–17.0",
		total-len(failing), total, len(failing))
}

// TestLineBreakTest17 checks LineBreaks against the LineBreakTest of the
// Unicode version go-text implements, shipped in its module.
func TestLineBreakTest17(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-text/typesetting").Output()
	if err != nil {
		t.Fatalf("locating the go-text module: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "segmenter", "test", "LineBreakTest.txt")
	total, failing := lineBreakCases(t, path)
	for i, f := range failing {
		if i < 20 {
			t.Errorf("line-break case fails: %s", f)
		}
	}
	t.Logf("LineBreakTest 17.0: %d of %d cases pass", total-len(failing), total)
}
