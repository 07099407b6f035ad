package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"infogeneratorn/generator/vocab"
)

// TestDescribe: the page count and PDF/X claim Describe reads from the
// cross-reference table are what pdfinfo reads, and what looking through
// the whole file finds; a file whose table leads nowhere is looked
// through.
func TestDescribe(t *testing.T) {
	r := testRenderer(t)
	pagesLine := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)
	for _, s := range loadSamples(t)[:3] {
		for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
			for _, print := range []bool{false, true} {
				data, err := r.Render(sampleDoc(s, paper, print))
				if err != nil {
					t.Fatal(err)
				}
				id := s.id() + " " + string(paper) + " print " + strconv.FormatBool(print)
				m := pagesLine.FindStringSubmatch(runTool(t, data, "pdfinfo"))
				if m == nil {
					t.Fatalf("%s: pdfinfo gives no page count", id)
				}
				want, _ := strconv.Atoi(m[1])
				pages, pdfx, condition := r.Describe(data)
				if pages != want {
					t.Errorf("%s: Describe: %d pages, pdfinfo: %d", id, pages, want)
				}
				if claims := pdfx == PDFX1a && condition == PrintCondition; claims != print || !print && pdfx+condition != "" {
					t.Errorf("%s: Describe: PDF/X %q, condition %q", id, pdfx, condition)
				}
				xp, xclaims, ok := describeXref(data)
				sp, sclaims := describeScan(data)
				if !ok || xp != sp || xclaims != sclaims {
					t.Errorf("%s: from the table %d pages, PDF/X %v (read: %v); looked through: %d, %v", id, xp, xclaims, ok, sp, sclaims)
				}
				// Damaged tables: Describe looks through the file instead.
				for name, bad := range map[string][]byte{
					"no startxref":    bytes.Replace(data, []byte("startxref"), []byte("startxreF"), 1),
					"offsets shifted": append([]byte("%%\n"), data...),
					"cut short":       data[:len(data)-200],
				} {
					if _, _, ok := describeXref(bad); ok {
						t.Errorf("%s, %s: the table was read", id, name)
					}
					if p, x, c := r.Describe(bad); p != want || x != pdfx || c != condition {
						t.Errorf("%s, %s: Describe: %d, %q, %q; want %d, %q, %q", id, name, p, x, c, want, pdfx, condition)
					}
				}
			}
		}
	}
}

// TestDescribeXrefDamaged: tables that lead outside the file, or to what
// is not an object, are refused, never followed out of range.
func TestDescribeXrefDamaged(t *testing.T) {
	for _, data := range []string{
		"",
		"startxref\n",
		"startxref\n999999999999999999999\n%%EOF\n",
		"xref\n0 99999999\n0000000000 65535 f \ntrailer\nstartxref\n0\n%%EOF\n",
		"xref\n0 2\n0000000000 65535 f \n0000999999 00000 n \ntrailer\n<</Root 1 0 R /Info 1 0 R>>\nstartxref\n0\n%%EOF\n",
		"xref\n0 2\n0000000000 65535 f \n0000000000 00000 n \ntrailer\n<</Root 1 0 R /Info 1 0 R>>\nstartxref\n0\n%%EOF\n",
		"xref\n0 2\n0000000000 65535 f \n0000000000 00000 n \ntrailer\n<</Root 7 0 R /Info 1 0 R>>\nstartxref\n0\n%%EOF\n",
	} {
		if pages, _, ok := describeXref([]byte(data)); ok {
			t.Errorf("%q: read %d pages", data, pages)
		}
	}
}
