package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// qdf returns a PDF rewritten by qpdf --qdf --object-streams=disable:
// every stream decompressed, one object after another.
func qdf(t testing.TB, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pageContents returns the content streams of a QDF file, page by page.
func pageContents(t testing.TB, q string) []string {
	t.Helper()
	var out []string
	for _, part := range strings.Split(q, "%% Contents for page ")[1:] {
		s := strings.Index(part, "stream\n")
		e := strings.Index(part, "\nendstream")
		if s < 0 || e < s {
			t.Fatalf("page contents without a stream: %.200q", part)
		}
		out = append(out, part[s+len("stream\n"):e])
	}
	return out
}

// token is one lexical unit of a content stream.
type token struct {
	op  bool   // an operator, else an operand
	val string // the operator's name or the operand's text
}

// tokenize splits a content stream into operands and operators: numbers,
// names, literal and hex strings, arrays and dictionaries (kept whole as
// one operand), and operator words.
func tokenize(s string) ([]token, error) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '%':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '(':
			j, depth := i+1, 1
			for ; j < len(s) && depth > 0; j++ {
				switch s[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if depth != 0 {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			out = append(out, token{val: s[i:j]})
			i = j
		case c == '[' || c == '<' && i+1 < len(s) && s[i+1] == '<':
			open, close := "[", "]"
			if c == '<' {
				open, close = "<<", ">>"
			}
			j, depth := i+len(open), 1
			for j < len(s) && depth > 0 {
				switch {
				case s[j] == '(':
					k, d := j+1, 1
					for ; k < len(s) && d > 0; k++ {
						if s[k] == '\\' {
							k++
						} else if s[k] == '(' {
							d++
						} else if s[k] == ')' {
							d--
						}
					}
					j = k
				case strings.HasPrefix(s[j:], open):
					depth++
					j += len(open)
				case strings.HasPrefix(s[j:], close):
					depth--
					j += len(close)
				default:
					j++
				}
			}
			if depth != 0 {
				return nil, fmt.Errorf("unterminated %s at %d", open, i)
			}
			out = append(out, token{val: s[i:j]})
			i = j
		case c == '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return nil, fmt.Errorf("unterminated hex string at %d", i)
			}
			out = append(out, token{val: s[i : i+j+1]})
			i += j + 1
		default:
			j := i + 1
			for j < len(s) && !strings.ContainsRune(" \n\r\t()<>[]/%", rune(s[j])) {
				j++
			}
			w := s[i:j]
			_, err := strconv.ParseFloat(w, 64)
			out = append(out, token{op: err != nil && w[0] != '/', val: w})
			i = j
		}
	}
	return out, nil
}

// paint is a fill colour as the content stream set it.
type paint struct {
	space string // "gray", "rgb", "cmyk" or a colour space resource name
	v     []float64
}

// kOnly reports a colour printed by the black ink alone.
func (p paint) kOnly() bool {
	return p.space == "gray" || p.space == "cmyk" && p.v[0] == 0 && p.v[1] == 0 && p.v[2] == 0
}

// nearBlack reports a colour that reads as black or dark grey: seen
// through a plain CMYK-to-RGB conversion, no channel above 35 %.
func (p paint) nearBlack() bool {
	switch p.space {
	case "gray":
		return p.v[0] < 0.35
	case "cmyk":
		k := 1 - p.v[3]
		return max((1-p.v[0])*k, (1-p.v[1])*k, (1-p.v[2])*k) < 0.35
	case "rgb":
		return max(p.v[0], p.v[1], p.v[2]) < 0.35
	}
	return false
}

// colourUse is what checkColours finds in one content stream.
type colourUse struct {
	rgbOps    []string // rg, RG, and sc/scn in a colour space that is not known to be CMYK
	textFills []paint  // the fill colour of every text-showing operator
	shown     []string // the operands of every text-showing operator, in order
}

// checkColours follows the fill colour through a content stream (q and Q
// save and restore it) and records every RGB colour operator and the fill
// of every text-showing operator.
func checkColours(t testing.TB, stream string) colourUse {
	t.Helper()
	toks, err := tokenize(stream)
	if err != nil {
		t.Fatal(err)
	}
	var u colourUse
	fill := paint{space: "gray", v: []float64{0}}
	var stack []paint
	var operands []string
	floats := func() []float64 {
		var v []float64
		for _, o := range operands {
			if f, err := strconv.ParseFloat(o, 64); err == nil {
				v = append(v, f)
			}
		}
		return v
	}
	for _, tk := range toks {
		if !tk.op {
			operands = append(operands, tk.val)
			continue
		}
		switch tk.val {
		case "q":
			stack = append(stack, fill)
		case "Q":
			if len(stack) == 0 {
				t.Fatal("Q without q")
			}
			fill, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case "g":
			fill = paint{space: "gray", v: floats()}
		case "k":
			fill = paint{space: "cmyk", v: floats()}
		case "rg":
			fill = paint{space: "rgb", v: floats()}
			u.rgbOps = append(u.rgbOps, strings.Join(operands, " ")+" rg")
		case "RG":
			u.rgbOps = append(u.rgbOps, strings.Join(operands, " ")+" RG")
		case "cs":
			fill = paint{space: operands[0]}
		case "sc", "scn":
			u.rgbOps = append(u.rgbOps, strings.Join(operands, " ")+" "+tk.val) // only the crop marks' stroke uses a named space
		case "Tj", "TJ", "'", "\"":
			u.textFills = append(u.textFills, fill)
			u.shown = append(u.shown, operands[len(operands)-1])
		}
		operands = operands[:0]
	}
	return u
}

// printLeaflets returns the leaflets the PDF/X test renders: every locale
// of the violence topic in A4 and A5, and every topic in A4 for a few
// locales of different scripts.
func printLeaflets(t *testing.T) []*document.Document {
	docs, _ := realLeaflets(t)
	every := []string{"sv", "ar", "th", "ti", "ru"}
	var out []*document.Document
	for _, doc := range docs {
		if doc.Topic == vocab.TopicViolence {
			a5 := *doc
			a5.Paper = vocab.A5
			out = append(out, doc, &a5)
		} else if slices.Contains(every, doc.Lang) {
			out = append(out, doc)
		}
	}
	return out
}

var (
	headerRe = regexp.MustCompile(`\A%PDF-1\.[34]\n`)
	idRe     = regexp.MustCompile(`trailer\n<<\n(?s:.*)/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`)
	// colour spaces a PDF/X-1a file must not use.
	rgbSpaceRe = regexp.MustCompile(`/DeviceRGB|/CalRGB|/ICCBased|/Lab\b|/SMask|/ca |/CA |/BM |/Group|/DestOutputProfile`)
)

// TestPrintFileIsPDFX1a renders real leaflets as print files and checks
// them as a print shop's preflight would (ISO 15930-4): no RGB operator
// or colour space, every text in K only or in a colour that is not
// near-black, no transparency, the GTS_PDFX output intent for FOGRA39,
// the PDF/X version and Trapped in the document information and the XMP,
// PDF 1.4, a file identifier, trim and bleed boxes on every page, and a
// clean qpdf --check. The digital rendition of the same leaflet shows the
// same glyphs in the same order, in RGB.
func TestPrintFileIsPDFX1a(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and parses 70 print files")
	}
	r := testRenderer(t)
	for _, doc := range printLeaflets(t) {
		t.Run(fmt.Sprintf("%s_%s_%s", doc.Topic, doc.Lang, doc.Paper), func(t *testing.T) {
			doc.Print = true
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !headerRe.Match(out) {
				t.Errorf("header %q, want PDF 1.3 or 1.4", out[:9])
			}
			if !idRe.Match(out) {
				t.Error("trailer has no /ID")
			}
			if got := runTool(t, out, "qpdf", "--check"); !strings.Contains(got, "No syntax or stream encoding errors") || strings.Contains(got, "WARNING") {
				t.Errorf("qpdf --check:\n%s", got)
			}
			q := qdf(t, out)
			if m := rgbSpaceRe.FindAllString(q, -1); m != nil {
				t.Errorf("colour spaces or transparency PDF/X-1a forbids: %q", slices.Compact(m))
			}
			for _, want := range []string{
				"/GTS_PDFXVersion (PDF/X-1a:2003)", "/Trapped /False", "/Title ", "/CreationDate (D:20260115000000Z)", "/ModDate (D:20260115000000Z)",
				"/S /GTS_PDFX", "/OutputConditionIdentifier (FOGRA39)", "/RegistryName (http://www.color.org)",
				"/OutputCondition (Coated FOGRA39 \\(ISO 12647-2:2004\\))",
				"<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003</pdfxid:GTS_PDFXVersion>", "<pdf:Trapped>False</pdf:Trapped>",
				"/Separation\n  /All\n  /DeviceCMYK",
			} {
				if !strings.Contains(q, want) {
					t.Errorf("no %q", want)
				}
			}
			if p, tb, bb := strings.Count(q, "/Type /Page\n"), strings.Count(q, "/TrimBox ["), strings.Count(q, "/BleedBox ["); tb != p || bb != p {
				t.Errorf("%d pages, %d trim boxes, %d bleed boxes", p, tb, bb)
			}
			var shown []string
			for i, c := range pageContents(t, q) {
				u := checkColours(t, c)
				if len(u.rgbOps) > 0 {
					t.Errorf("page %d: RGB or named-space fill operators: %q", i+1, u.rgbOps[:min(3, len(u.rgbOps))])
				}
				for _, f := range u.textFills {
					if f.nearBlack() && !f.kOnly() {
						t.Errorf("page %d: near-black text in %s %v, not K only", i+1, f.space, f.v)
						break
					}
				}
				shown = append(shown, u.shown...)
			}
			if len(shown) == 0 {
				t.Fatal("no text shown")
			}

			// The digital rendition: the same text, in RGB.
			doc.Print = false
			digital, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			dq := qdf(t, digital)
			var dshown []string
			rgb := 0
			for _, c := range pageContents(t, dq) {
				u := checkColours(t, c)
				rgb += len(u.rgbOps)
				dshown = append(dshown, u.shown...)
			}
			if rgb == 0 || strings.Contains(dq, "GTS_PDFXVersion") {
				t.Errorf("digital file: %d RGB operators, PDF/X claimed: %v", rgb, strings.Contains(dq, "GTS_PDFXVersion"))
			}
			if !slices.Equal(shown, dshown) {
				t.Errorf("print and digital show different text: %d and %d strings", len(shown), len(dshown))
			}
		})
	}
}

// TestPrintLogoCMYK: the print file's logo is a DeviceCMYK image without a
// soft mask, composited on white; transparent pixels print no ink, black
// ones K only. The digital file keeps the RGB image.
func TestPrintLogoCMYK(t *testing.T) {
	r := testRenderer(t)
	s := loadSamples(t)[0]
	doc := sampleDoc(s, vocab.A4, true)
	doc.Logo = testLogo(t)
	out, err := r.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	q := qdf(t, out)
	if m := rgbSpaceRe.FindAllString(q, -1); m != nil {
		t.Errorf("print file with a logo: %q", slices.Compact(m))
	}
	list := runTool(t, out, "pdfimages", "-list")
	if lines := strings.Split(strings.TrimSpace(list), "\n"); len(lines) != 3 || !strings.Contains(lines[2], " cmyk ") {
		t.Errorf("pdfimages -list:\n%s\nwant one CMYK image, no mask", list)
	}
	img, err := toCMYK(doc.Logo.Data, &deflater{})
	if err != nil {
		t.Fatal(err)
	}
	px := inflate(t, img.data)
	at := func(x, y int) []byte { return px[4*(y*img.w+x) : 4*(y*img.w+x)+4] }
	for _, tc := range []struct {
		name string
		x, y int
		want []byte
	}{
		{"transparent", 0, 0, []byte{0, 0, 0, 0}},
		{"black", 10, 0, []byte{0, 0, 0, 255}},
		{"grey", 20, 0, []byte{0, 0, 0, 127}},
		{"red", 30, 0, []byte{0, 255, 255, 0}},
		{"half-transparent black", 40, 0, []byte{0, 0, 0, 128}},
	} {
		if got := at(tc.x, tc.y); !bytes.Equal(got, tc.want) {
			t.Errorf("%s pixel: CMYK %v, want %v", tc.name, got, tc.want)
		}
	}
	doc.Print = false
	digital, err := r.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	if list := runTool(t, digital, "pdfimages", "-list"); !strings.Contains(list, " rgb ") {
		t.Errorf("digital file's logo:\n%s", list)
	}
}

// testLogo is a 50 × 10 logo in five stripes: transparent, black, grey,
// red, half-transparent black.
func testLogo(t testing.TB) *document.Image {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 50, 10))
	stripes := []color.NRGBA{{}, {A: 255}, {R: 128, G: 128, B: 128, A: 255}, {R: 255, A: 255}, {A: 128}}
	for y := range 10 {
		for x := range 50 {
			img.SetNRGBA(x, y, stripes[x/10])
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &document.Image{Data: b.Bytes(), Width: 50, Height: 10}
}

func inflate(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
