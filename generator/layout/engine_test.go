package layout

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/shaping"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// digitsInVisualOrder returns the digits of the lines' glyphs sorted by
// their position on the page, left to right, line by line.
func digitsInVisualOrder(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		type placed struct {
			x    float64
			text string
		}
		var gs []placed
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				gs = append(gs, placed{r.X + g.X, r.TextOf(g)})
			}
		}
		slices.SortStableFunc(gs, func(a, b placed) int {
			switch {
			case a.x < b.x:
				return -1
			case a.x > b.x:
				return 1
			}
			return 0
		})
		for _, g := range gs {
			for _, r := range g.text {
				if r >= '0' && r <= '9' {
					b.WriteRune(r)
				}
			}
		}
	}
	return b.String()
}

// TestPhoneNumberDigitOrder sets a phone number, wrapped in LRI … PDI as
// the pipeline delivers it, inside text of every right-to-left script and
// in Swedish: the digits must stand left to right in the same order on the
// page, in the Latin face, on one line, at every frame width that holds
// the number.
func TestPhoneNumberDigitOrder(t *testing.T) {
	e, _ := testEngine(t)
	const number = "\u2066020-50\u00a050\u00a050\u2069"
	tests := []struct {
		name, lang, before, after, font string
		dir                             vocab.Direction
	}{
		{"Swedish", "sv", "Ring socialtjänsten på ", " om du behöver hjälp.", fonts.FamilySans, vocab.LTR},
		{"Arabic", "ar", "اتصلي بالخدمات الاجتماعية على الرقم ", " إذا كنتِ بحاجة إلى مساعدة.", fonts.FamilyNaskh, vocab.RTL},
		{"Persian", "fa", "با خدمات اجتماعی به شماره ", " تماس بگیرید.", fonts.FamilyNaskh, vocab.RTL},
		{"Pashto", "ps", "ټولنیزو خدمتونو ته په ", " شمېره زنګ ووهئ.", fonts.FamilyNaskh, vocab.RTL},
		{"Sorani", "ckb", "پەیوەندی بە خزمەتگوزاری کۆمەڵایەتی بکە لە ", " ژمارە.", fonts.FamilyNaskh, vocab.RTL},
		{"Urdu", "ur", "سماجی خدمات کو ", " پر فون کریں۔", fonts.FamilyNaskh, vocab.RTL},
		{"Yiddish", "yi", "רופֿט די סאָציאַלע דינסטן ", " אויב איר דאַרפֿט הילף.", fonts.FamilyHebrew, vocab.RTL},
		{"Thai", "th", "โทรหาหน่วยบริการสังคมที่ ", " ถ้าคุณต้องการความช่วยเหลือ", fonts.FamilyThai, vocab.LTR},
		{"Tigrinya", "ti", "ናብ ማሕበራዊ ኣገልግሎት ", " ደውሉ።", fonts.FamilyEthiopic, vocab.LTR},
	}
	for _, tt := range tests {
		for _, width := range []float64{90, 150, 400} {
			p := Paragraph{Text: tt.before + number + tt.after, Lang: tt.lang, Dir: tt.dir, Font: tt.font, Style: Style{Size: 10}}
			lines, err := e.Lines(p, width)
			if err != nil {
				t.Fatalf("%s at %v pt: %v", tt.name, width, err)
			}
			if got := digitsInVisualOrder(lines); got != "020505050" {
				t.Errorf("%s at %v pt: digits on the page read %q, want 020505050", tt.name, width, got)
			}
			numberLines := 0
			for _, l := range lines {
				for _, r := range l.Runs {
					if slices.ContainsFunc(r.Glyphs, func(g Glyph) bool { return strings.ContainsAny(r.TextOf(g), "0123456789") }) {
						numberLines++
						if r.Face.Family != fonts.FamilySans {
							t.Errorf("%s: digits set in %s, want the Latin face", tt.name, r.Face.PSName)
						}
						if r.Level%2 != 0 {
							t.Errorf("%s: digits in a right-to-left run (level %d)", tt.name, r.Level)
						}
					}
				}
			}
			if numberLines != 1 {
				t.Errorf("%s at %v pt: the number spans %d runs or lines, want 1", tt.name, width, numberLines)
			}
		}
	}
}

// TestVisualOrder checks itemising, fallback and reordering on mixed text.
func TestVisualOrder(t *testing.T) {
	e, _ := testEngine(t)
	tests := []struct {
		name string
		p    Paragraph
		// want is the sequence of runs, left to right: face family and
		// the run's text in visual order, glyph clusters joined.
		want []string
	}{
		{"e-mail inside Arabic, full stop in the Arabic face",
			Paragraph{Text: "راسلنا على \u2066info@example.se\u2069.", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh},
			[]string{"NotoNaskhArabic:.", "NotoSans:info@example.se", "NotoNaskhArabic: ىلع انلسار"}},
		{"Latin name inside Arabic",
			Paragraph{Text: "مركز Kvinnojouren في المدينة", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh},
			[]string{"NotoNaskhArabic:ةنيدملا يف ", "NotoSans:Kvinnojouren", "NotoNaskhArabic: زكرم"}},
		{"Latin and Arabic-Indic digits inside Arabic",
			Paragraph{Text: "عربي abc ١٢٣ عربي", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh},
			[]string{"NotoNaskhArabic:يبرع ", "NotoNaskhArabic:١٢٣", "NotoNaskhArabic: ", "NotoSans:abc", "NotoNaskhArabic: يبرع"}},
		{"levels 0, 2 and 1 side by side: Arabic-Indic digits before Arabic in Latin text",
			Paragraph{Text: "abc ١٢٣ عربي", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans},
			[]string{"NotoSans:abc ", "NotoNaskhArabic:يبرع ", "NotoNaskhArabic:١٢٣"}},
		{"Arabic word inside Swedish",
			Paragraph{Text: "Ordet مساعدة betyder hjälp", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans},
			[]string{"NotoSans:Ordet ", "NotoNaskhArabic:ةدعاسم", "NotoSans: betyder hjälp"}},
		{"Persian digits keep their order",
			Paragraph{Text: "شماره ۱۱۲ است", Lang: "fa", Dir: vocab.RTL, Font: fonts.FamilyNaskh},
			[]string{"NotoNaskhArabic:تسا ", "NotoNaskhArabic:۱۱۲", "NotoNaskhArabic: هرامش"}},
		{"Hebrew with a number",
			Paragraph{Text: "רופֿט 112", Lang: "yi", Dir: vocab.RTL, Font: fonts.FamilyHebrew},
			[]string{"NotoSans:112", "NotoSansHebrew: טֿפור"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.Style = Style{Size: 10}
			lines, err := e.Lines(tt.p, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != 1 {
				t.Fatalf("%d lines, want 1", len(lines))
			}
			var got []string
			for _, r := range lines[0].Runs {
				var s []string
				for _, g := range r.Glyphs {
					if text := r.TextOf(g); text != "" {
						s = append(s, text)
					}
				}
				got = append(got, r.Face.Family+":"+visualText(s, r.Level))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("runs\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// visualText writes cluster texts in visual order as a reader would see
// the characters: a right-to-left run's clusters come reversed, so each
// cluster's characters are reversed too.
func visualText(clusters []string, level int) string {
	var b strings.Builder
	for _, c := range clusters {
		r := []rune(c)
		if level%2 == 1 {
			slices.Reverse(r)
		}
		b.WriteString(string(r))
	}
	return b.String()
}

func TestLinesErrors(t *testing.T) {
	e, _ := testEngine(t)
	base := Paragraph{Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}}
	t.Run("character no face draws", func(t *testing.T) {
		p := base
		p.Text = "مرحبا \U0001F600"
		_, err := e.Lines(p, 300)
		var ge *GlyphError
		if !errors.As(err, &ge) || ge.Rune != 0x1F600 || ge.Lang != "ar" {
			t.Fatalf("got %v, want a GlyphError for U+1F600 in ar", err)
		}
		if !strings.Contains(err.Error(), "U+1F600") {
			t.Errorf("error %q does not name the character", err)
		}
	})
	t.Run("phone number wider than the frame", func(t *testing.T) {
		p := base
		p.Text = "اتصل \u2066020-50\u00a050\u00a050\u2069"
		_, err := e.Lines(p, 30)
		var we *WidthError
		if !errors.As(err, &we) || we.Text != "020-50\u00a050\u00a050" {
			t.Fatalf("got %v, want a WidthError for the number", err)
		}
	})
	t.Run("unknown family", func(t *testing.T) {
		p := base
		p.Text, p.Font = "x", "Comic"
		if _, err := e.Lines(p, 300); err == nil {
			t.Fatal("no error for an unknown family")
		}
	})
	t.Run("zero size", func(t *testing.T) {
		p := base
		p.Text, p.Style.Size = "x", 0
		if _, err := e.Lines(p, 300); err == nil {
			t.Fatal("no error for size 0")
		}
	})
	t.Run("link outside the text", func(t *testing.T) {
		p := base
		p.Text, p.Links = "x", []Link{{Start: 0, End: 5, Href: "tel:112"}}
		if _, err := e.Lines(p, 300); err == nil {
			t.Fatal("no error for a link outside the text")
		}
	})
}

// TestLinesWrap checks that lines fit, cover the paragraph, hang their
// trailing spaces, and carry links.
func TestLinesWrap(t *testing.T) {
	e, _ := testEngine(t)
	text := "Om du är utsatt för våld av någon i din familj kan du få hjälp. Ring \u2066020-50\u00a050\u00a050\u2069 eller skriv till \u2066stod@kommun.se\u2069."
	mail := strings.Index(text, "stod@")
	p := Paragraph{Text: text, Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10},
		Links: []Link{{Start: mail, End: mail + len("stod@kommun.se"), Href: "mailto:stod@kommun.se"}}}
	for _, width := range []float64{90, 120, 200, 500} {
		lines, err := e.Lines(p, width)
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		linked := ""
		for i, l := range lines {
			if l.Width > width+widthTolerance {
				t.Errorf("width %v: line %d is %.2f pt", width, i, l.Width)
			}
			if i > 0 && l.Start != lines[i-1].End {
				t.Errorf("width %v: line %d starts at %d, previous ends at %d", width, i, l.Start, lines[i-1].End)
			}
			all.WriteString(text[l.Start:l.End])
			x := 0.0
			for _, r := range l.Runs {
				if r.X < x-widthTolerance {
					t.Errorf("width %v: runs overlap on line %d", width, i)
				}
				x = r.X
				for _, g := range r.Glyphs {
					x += g.Advance
					if r.Href != "" {
						linked += r.TextOf(g)
					}
				}
				if r.Href != "" && r.Href != "mailto:stod@kommun.se" {
					t.Errorf("run with link %q", r.Href)
				}
			}
			if d := x - l.Width; d > widthTolerance || d < -widthTolerance {
				t.Errorf("width %v: line %d: runs end at %.2f, width %.2f", width, i, x, l.Width)
			}
			if last := l.Runs[len(l.Runs)-1]; last.TextOf(last.Glyphs[len(last.Glyphs)-1]) == " " {
				t.Errorf("width %v: line %d ends in a drawn space", width, i)
			}
			if l.Height < l.Ascent+l.Descent || l.Height < 10*1.4-widthTolerance {
				t.Errorf("line height %.2f below ascent+descent %.2f or the default leading", l.Height, l.Ascent+l.Descent)
			}
		}
		if all.String() != text {
			t.Errorf("width %v: lines do not add up to the text", width)
		}
		if linked != "stod@kommun.se" {
			t.Errorf("width %v: linked text %q", width, linked)
		}
	}
}

// TestDefaultLeading: Arabic script and Thai get more leading than Latin.
func TestDefaultLeading(t *testing.T) {
	e, _ := testEngine(t)
	height := func(font, text string) float64 {
		lines, err := e.Lines(Paragraph{Text: text, Lang: "x", Font: font, Dir: vocab.LTR, Style: Style{Size: 10}}, 500)
		if err != nil {
			t.Fatal(err)
		}
		return lines[0].Height
	}
	latin := height(fonts.FamilySans, "hjälp")
	for _, c := range []struct{ font, text string }{{fonts.FamilyNaskh, "مساعدة"}, {fonts.FamilyThai, "ช่วยเหลือ"}} {
		if h := height(c.font, c.text); h <= latin {
			t.Errorf("%s line height %.2f, not above Latin's %.2f", c.font, h, latin)
		}
	}
}

// TestLinesConcurrent sets paragraphs from several goroutines at once, as
// the web server does; run with -race.
func TestLinesConcurrent(t *testing.T) {
	e, _ := testEngine(t)
	want := make([][]Line, len(benchParagraphs))
	for i, bp := range benchParagraphs {
		var err error
		if want[i], err = e.Lines(bp.p, 200); err != nil {
			t.Fatal(err)
		}
	}
	e.Forget()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for k := range 10 {
				i := (g + k) % len(benchParagraphs)
				got, err := e.Lines(benchParagraphs[i].p, 200)
				if err != nil {
					errs <- err
					return
				}
				if !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Errorf("%s: concurrent result differs", benchParagraphs[i].name)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestEmergencyBreaks: a word wider than the frame breaks between
// graphemes, but never inside an isolate glued to it.
func TestEmergencyBreaks(t *testing.T) {
	e, _ := testEngine(t)
	tests := []struct {
		name, text string
		width      float64
		wantWhole  string // must appear whole on one line
	}{
		{"long word", "Kvinnojoursverksamhetssamordnare", 60, ""},
		{"number glued to a word", "telefonnummer:\u2066020-50\u00a050\u00a050\u2069", 70, "020-50\u00a050\u00a050"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Paragraph{Text: tt.text, Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10}}
			lines, err := e.Lines(p, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) < 2 {
				t.Fatalf("%d lines, want an emergency break", len(lines))
			}
			found := tt.wantWhole == ""
			for _, l := range lines {
				if l.Width > tt.width+widthTolerance {
					t.Errorf("line %q is %.2f pt wide", tt.text[l.Start:l.End], l.Width)
				}
				if tt.wantWhole != "" && strings.Contains(stripControls(tt.text[l.Start:l.End]), tt.wantWhole) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q was broken", tt.wantWhole)
			}
		})
	}
}

// TestNewlines: a newline is a mandatory break and draws nothing.
func TestNewlines(t *testing.T) {
	e, _ := testEngine(t)
	for _, p := range []Paragraph{
		{Text: "Storgatan 1\n123 45 Ort", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans},
		{Text: "شارع الملك ١\nالمدينة", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh},
	} {
		p.Style.Size = 10
		lines, err := e.Lines(p, 500)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != 2 {
			t.Fatalf("%q: %d lines, want 2", p.Text, len(lines))
		}
		for _, l := range lines {
			for _, r := range l.Runs {
				for _, g := range r.Glyphs {
					if strings.Contains(r.TextOf(g), "\n") {
						t.Errorf("%q: the newline is drawn", p.Text)
					}
				}
			}
		}
	}
}

// TestWords counts words as line breaking sees them: Thai by its
// dictionary, an isolate (a phone number) as one.
func TestWords(t *testing.T) {
	e, _ := testEngine(t)
	for _, c := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"relation", 1},
		{" våld i en nära relation ", 5},
		{"отношениях", 1},
		{"ความรุนแรง", 1},
		{"สำหรับคุณที่ใช้ความรุนแรงกับคนใกล้ชิด", 7},
		{"ring \u2066035-13\u00a070\u00a000\u2069", 2},
		{"ہے", 1},
	} {
		if got := e.Words(c.text); got != c.want {
			t.Errorf("Words(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestPreparedGivesFreshLines: a paragraph set at one size and then at
// others (as fitting sets a leaflet) gets, from its prepared analysis,
// exactly the lines it gets when set at that size from scratch.
func TestPreparedGivesFreshLines(t *testing.T) {
	e, _ := testEngine(t)
	var paras []Paragraph
	for _, bp := range benchParagraphs {
		paras = append(paras, bp.p)
	}
	for _, name := range []string{"vald_ar.json", "foraldraskapsstod_sv.json"} {
		texts, lang, dir, font := leafletParagraphs(t, name)
		for _, text := range texts {
			paras = append(paras, Paragraph{Text: text, Lang: lang, Dir: dir, Font: font, Style: Style{Size: 10}})
		}
	}
	paras = append(paras,
		Paragraph{Text: "ถ้าคุณถูกทำร้ายโดยคนในครอบครัว\tโทรหาหน่วยบริการสังคมที่ \u2066035-13\u00a070\u00a000\u2069", Lang: "th",
			Dir: vocab.LTR, Font: fonts.FamilyThai, Style: Style{Size: 10}},
		Paragraph{Text: "Skriv till \u2066https://www.halmstad.se/stod-och-hjalp\u2069", Lang: "sv", Dir: vocab.LTR,
			Font: fonts.FamilySans, Style: Style{Size: 10, Bold: true},
			Links: []Link{{Start: len("Skriv till \u2066"), End: len("Skriv till \u2066https://www.halmstad.se/stod-och-hjalp"), Href: "https://www.halmstad.se/stod-och-hjalp"}}})
	for _, c := range []struct {
		first, then, width float64
	}{
		{10, 8.5, 430},
		{8.5, 12.25, 430},
		{10, 13, 120},
	} {
		for _, p := range paras {
			e.Forget()
			p.Style.Size = c.then
			fresh, freshErr := e.Lines(p, c.width)
			e.Forget()
			p.Style.Size = c.first
			e.Lines(p, c.width)
			if shardedLen(e.prepared) != 1 {
				t.Fatalf("%q: %d prepared paragraphs cached, want 1", excerpt(p.Text), shardedLen(e.prepared))
			}
			p.Style.Size = c.then
			got, err := e.Lines(p, c.width)
			if (err == nil) != (freshErr == nil) || !reflect.DeepEqual(got, fresh) {
				t.Errorf("%q at %v pt after %v pt, %v pt wide: lines differ from those set from scratch (errors %v, %v)",
					excerpt(p.Text), c.then, c.first, c.width, err, freshErr)
			}
		}
	}
}

// TestAppendShaped: a prepared paragraph keeps of HarfBuzz's output the
// glyph id, the cluster, the advance and offsets to the bit, and of the
// glyph flags whether the glyph is unsafe to break at; the rest the
// engine never reads.
func TestAppendShaped(t *testing.T) {
	unsafe := uint32(harfbuzz.GlyphUnsafeToBreak)
	for _, c := range []struct {
		name string
		in   shaping.Glyph
		want glyph
	}{
		{"plain", shaping.Glyph{GlyphID: 70000, ClusterIndex: 12, XAdvance: 1234, Advance: 1234, XOffset: -5, YOffset: 7},
			glyph{id: 70000, cluster: 12, xAdv: 1234, xOff: -5, yOff: 7}},
		{"unsafe to break", shaping.Glyph{GlyphID: 3, Mask: unsafe}, glyph{id: 3, unsafeToBreak: true}},
		{"unsafe to break among other flags", shaping.Glyph{GlyphID: 3, Mask: unsafe | 1<<20}, glyph{id: 3, unsafeToBreak: true}},
		{"other flags only", shaping.Glyph{GlyphID: 3, Mask: ^unsafe}, glyph{id: 3}},
		{"what the engine does not read", shaping.Glyph{GlyphID: 9, Width: 64, Height: -64, YAdvance: 3, RuneCount: 2, GlyphCount: 1},
			glyph{id: 9}},
	} {
		prev := glyph{id: 1, cluster: 1}
		got := appendShaped([]glyph{prev}, []shaping.Glyph{c.in})
		if len(got) != 2 || got[0] != prev || got[1] != c.want {
			t.Errorf("%s: appendShaped gave %+v, want [%+v %+v]", c.name, got, prev, c.want)
		}
	}
}

// TestRunText: the clusters' texts, taken from each run's Text by the
// glyphs' offsets and put in the order of the paragraph, are the
// paragraph's text without its bidi controls (and without the spaces and
// newlines lines leave undrawn), at widths that cut lines inside the
// isolates too. A cluster that holds a control and more (a mark after
// it joins its cluster) has its text past the paragraph's stretch in
// the run's Text.
func TestRunText(t *testing.T) {
	e, _ := testEngine(t)
	for _, c := range []struct {
		text, lang string
		dir        vocab.Direction
		font       string
		past       bool // a run's Text holds more than a stretch of the paragraph
	}{
		{"Ring \u2067ملف\u2069 på 020-50 50 50 eller \u2066stod@kommun.se\u2069.", "sv", vocab.LTR, fonts.FamilySans, false},
		{"اتصل بالرقم \u2066020-50 50 50\u2069 أو \u2066stod@kommun.se\u2069 الآن", "ar", vocab.RTL, fonts.FamilyNaskh, false},
		{"ب\u2066A\u2069ب\u2067ج\u2069d\u200fe", "ar", vocab.RTL, fonts.FamilyNaskh, false},
		{"Storgatan 1\n123 45 Ort", "sv", vocab.LTR, fonts.FamilySans, false},
		{"Cafe\u200e\u0301 och ne\u200e\u0301e", "sv", vocab.LTR, fonts.FamilySans, true},
		{"ب\u200f\u064eب \u200f\u0651كتب", "ar", vocab.RTL, fonts.FamilyNaskh, true},
	} {
		p := Paragraph{Text: c.text, Lang: c.lang, Dir: c.dir, Font: c.font, Style: Style{Size: 10}}
		drop := func(r rune) rune {
			if isBidiControl(r) || r == ' ' || r == '\n' {
				return -1
			}
			return r
		}
		want := strings.Map(drop, p.Text)
		past := false
		for _, width := range []float64{500, 150, 100} {
			lines, err := e.Lines(p, width)
			if err != nil {
				t.Fatal(err)
			}
			type cluster struct {
				at   int32
				text string
			}
			var cs []cluster
			for _, l := range lines {
				for _, r := range l.Runs {
					past = past || !strings.Contains(p.Text, r.Text)
					for _, g := range r.Glyphs {
						if text := r.TextOf(g); text != "" {
							if strings.ContainsFunc(text, isBidiControl) {
								t.Errorf("%q at %v: cluster text %q holds a bidi control", p.Text, width, text)
							}
							cs = append(cs, cluster{g.Cluster, text})
						}
					}
				}
			}
			slices.SortStableFunc(cs, func(a, b cluster) int { return int(a.at - b.at) })
			var got strings.Builder
			for _, c := range cs {
				got.WriteString(c.text)
			}
			if s := strings.Map(drop, got.String()); s != want {
				t.Errorf("%q at %v: the clusters read %q, want %q", p.Text, width, s, want)
			}
		}
		if past != c.past {
			t.Errorf("%q: a run's text past the paragraph's stretch: %v, want %v", p.Text, past, c.past)
		}
	}
}
