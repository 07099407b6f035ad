package qrcode

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
)

// The encoder is checked against go-qr (a port of Nayuki's QR Code
// generator), an independent implementation of the same standard and of
// the same choices where the standard leaves one: the smallest version,
// the level raised while the text still fits, and the mask of lowest
// penalty. go-qr is a test dependency only: its package init fills a
// 512 KB table on every start of a program that links it (1 ms of
// infogen's start-up, issue #12). Codes are also read back by go-qr's
// decoder and by zbarimg (zbar-tools), a decoder as a phone has one.

// render draws m with its quiet zone at scale pixels a module, as a
// printed code is seen.
func render(m Matrix, scale int) image.Image {
	side := (m.Size() + 2*QuietZone) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			mx, my := x/scale-QuietZone, y/scale-QuietZone
			c := color.Gray{Y: 255}
			if mx >= 0 && my >= 0 && mx < m.Size() && my < m.Size() && m.Dark(mx, my) {
				c = color.Gray{Y: 0}
			}
			img.SetGray(x, y, c)
		}
	}
	return img
}

// sameModules reports where m and the go-qr code first differ, "" for
// nowhere.
func sameModules(m Matrix, want *qr.QrCode) string {
	if m.Size() != want.Size() {
		return fmt.Sprintf("%d modules a side, want %d", m.Size(), want.Size())
	}
	for y := range m.Size() {
		for x := range m.Size() {
			if m.Dark(x, y) != want.Module(x, y) {
				return fmt.Sprintf("module %d,%d differs (size %d)", x, y, m.Size())
			}
		}
	}
	return ""
}

func TestEncodeReadsBack(t *testing.T) {
	for _, tt := range []struct {
		text string
		size int // modules: version 1 is 21, each version adds 4
	}{
		{"https://www.kungsbacka.se", 25},
		{"https://www.kungsbacka.se/omsorg-och-stod/vald-i-nara-relationer", 37},
		{"https://infogen.example.se/l/ZmFsa2VuYmVyZy12YWxkLWFyLWE0LTIwMjY/ar", 37},
	} {
		m, err := Encode(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if m.Size() != tt.size {
			t.Errorf("%s: %d modules, want %d", tt.text, m.Size(), tt.size)
		}
		got, err := qr.Decode(render(m, 4))
		if err != nil || got != tt.text {
			t.Errorf("%s: read back %q (%v)", tt.text, got, err)
		}
	}
	for _, text := range []string{"", strings.Repeat("a", MaxText+1)} {
		if _, err := Encode(text); err == nil {
			t.Errorf("%d bytes encoded", len(text))
		}
	}
}

// texts are what TestSameAsGoQR encodes: web addresses of every length
// up to MaxText (every version they reach, at whichever level each is
// raised to, with masks chosen among close penalties), and every fourth
// length of digits, of the alphanumeric set and of UTF-8 beyond ASCII.
func texts() []string {
	var out []string
	for n := 1; n <= MaxText; n++ {
		url := "https://www.halmstad.se/" + strings.Repeat("vald-i-nara-relationer/", n/23+1)
		out = append(out, url[:n])
		if n%4 != 0 {
			continue
		}
		digits := make([]byte, n)
		alnum := make([]byte, n)
		for i := range n {
			digits[i] = byte('0' + (i*7+n)%10)
			alnum[i] = alphanumeric[(i*11+n)%len(alphanumeric)]
		}
		out = append(out, string(digits), string(alnum), strings.Repeat("å", n/3)+strings.Repeat("x", n%3), strings.Repeat("ع", n/2))
	}
	return append(out, "HTTPS://WWW.KIRUNA.SE", "https://www.kiruna.se/", "0", "A", "a", "\x00", "\xff\xfe")
}

// TestSameAsGoQR: module for module the code go-qr makes of the same text
// at level M.
func TestSameAsGoQR(t *testing.T) {
	for _, text := range texts() {
		m, err := Encode(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		want, err := qr.EncodeText(text, qr.Medium)
		if err != nil {
			t.Fatalf("go-qr, %q: %v", text, err)
		}
		if d := sameModules(m, want); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
}

// TestEveryVersion: every version at every level, with every mask and
// with the mask chosen, module for module as go-qr draws it; the text
// is a byte segment as long as the version holds at that level.
func TestEveryVersion(t *testing.T) {
	levels := []struct {
		ours level
		goqr qr.Ecc
	}{{levelL, qr.Low}, {levelM, qr.Medium}, {levelQ, qr.Quartile}, {levelH, qr.High}}
	for ver := 1; ver <= maxVersion; ver++ {
		for _, l := range levels {
			// The most bytes the version holds: 4 bits of mode and the
			// count's width beside them.
			s := segment{mode: modeByte}
			n := (dataCodewords(ver, l.ours)*8 - 4 - s.countBits(ver)) / 8
			data := make([]byte, n)
			for i := range data {
				data[i] = byte(i*31 + ver)
			}
			s.text = string(data)
			v, ecl, err := fitVersion(s, l.ours, ver, ver, false)
			if err != nil || v != ver || ecl != l.ours {
				t.Fatalf("version %d level %d: %d bytes fit as version %d level %d (%v)", ver, l.ours, n, v, ecl, err)
			}
			if _, _, err := fitVersion(segment{mode: modeByte, text: s.text + "x"}, l.ours, ver, ver, false); err == nil {
				t.Errorf("version %d level %d: a byte more than its capacity fits", ver, l.ours)
			}
			seg, err := qr.MakeBytes(data)
			if err != nil {
				t.Fatal(err)
			}
			masks := []int{-1}
			if ver <= 2 || ver == 7 {
				masks = append(masks, 0, 1, 2, 3, 4, 5, 6, 7)
			}
			for _, mask := range masks {
				want, err := qr.EncodeSegments([]*qr.QrSegment{seg}, l.goqr, ver, ver, mask, false)
				if err != nil {
					t.Fatal(err)
				}
				if d := sameModules(encodeAt(s, ver, l.ours, mask), want); d != "" {
					t.Errorf("version %d, level %d, mask %d: %s", ver, l.ours, mask, d)
				}
			}
		}
	}
}

// TestPenalty scores three 21 × 21 grids by hand. All light (or all
// dark): each of 21 rows and 21 columns is one run of 21, 3 + 16 = 19
// points each (798); 20 × 20 blocks of one colour, 3 each (1,200); no
// finder-like pattern; and the balance, 50 % away from half, 9 steps of
// 10 (90): 2,088. A checkerboard: no run, no block, no pattern, and 221
// of 441 dark, less than 5 % from half: 0.
func TestPenalty(t *testing.T) {
	for _, tt := range []struct {
		name string
		dark func(x, y int) bool
		want int
	}{
		{"light", func(x, y int) bool { return false }, 2088},
		{"dark", func(x, y int) bool { return true }, 2088},
		{"checkerboard", func(x, y int) bool { return (x+y)%2 == 0 }, 0},
	} {
		g := newGrid(1)
		for y := range g.size {
			for x := range g.size {
				g.dark[y][x] = tt.dark(x, y)
			}
		}
		if got := g.penalty(); got != tt.want {
			t.Errorf("%s: penalty %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestZbarReads: zbarimg, the decoder of zbar-tools, reads the codes of
// texts in every mode, of versions 1 to 13 (versions from 7 on carry
// their version in the code), back to the text.
func TestZbarReads(t *testing.T) {
	dir := t.TempDir()
	cases := []string{
		"https://www.kungsbacka.se",
		"0351370000",
		"HTTPS://WWW.KIRUNA.SE/VALD",
		"https://www.halmstad.se/" + strings.Repeat("socialtjänsten/", 10),
		"https://infogen.example.se/" + strings.Repeat("l/ZmFsa2VuYmVyZy12YWxk/", 11),
	}
	var paths []string
	for i, text := range cases {
		m, err := Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("code-%d.png", i))
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, render(m, 4)); err != nil {
			t.Fatal(err)
		}
		f.Close()
		paths = append(paths, path)
		t.Logf("%d bytes: %d modules a side", len(text), m.Size())
	}
	if m, _ := Encode(cases[len(cases)-1]); m.Size() < 7*4+17 {
		t.Fatalf("the longest case is %d modules a side: no version information to read", m.Size())
	}
	for i, path := range paths {
		out, err := exec.Command("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", path).Output()
		if err != nil {
			t.Fatalf("zbarimg (zbar-tools) on %q: %v", cases[i], err)
		}
		if got := strings.TrimSuffix(string(out), "\n"); got != cases[i] {
			t.Errorf("zbarimg read %q, want %q", got, cases[i])
		}
	}
}

// FuzzEncode: whatever the text, Encode gives go-qr's code or, for an
// empty or too long one, an error.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"https://www.kungsbacka.se", "0123", "AB:CD", "å", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m, err := Encode(text)
		if text == "" || len(text) > MaxText {
			if err == nil {
				t.Fatalf("%d bytes encoded", len(text))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		want, err := qr.EncodeText(text, qr.Medium)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameModules(m, want); d != "" {
			t.Fatalf("%q: %s", text, d)
		}
	})
}
