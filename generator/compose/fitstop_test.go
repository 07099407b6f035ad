package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// reachless is a MeasureCounter that cannot say a paragraph's reach:
// a title is balanced by setting every width it tries.
type reachless struct{ m *composetest.MeasureCounter }

func (r reachless) Lines(p layout.Paragraph, width float64) ([]layout.Line, error) {
	return r.m.Lines(p, width)
}

func (r reachless) Measure(p layout.Paragraph, width float64) ([]layout.Line, error) {
	return r.m.Measure(p, width)
}

func (r reachless) Words(text string) int { return r.m.Words(text) }

// shippedDocs resolves the example order's leaflets: every topic in
// every shipped language, on paper, in large print or not.
func shippedDocs(t *testing.T, paper vocab.Paper, large bool) []*document.Document {
	t.Helper()
	lines, err := helplines.Load()
	if err != nil {
		t.Fatal(err)
	}
	topics, err := content.Load(lines.Has)
	if err != nil {
		t.Fatal(err)
	}
	munis, err := municipality.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	res := resolve.New(resolve.Config{Catalog: cat, Topics: topics, HelpLines: lines, Municipalities: munis,
		Version: "test", Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }})
	f, err := os.Open(filepath.Join("..", "..", "cmd", "infogen", "example-request.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	req, err := request.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	req.Paper, req.LargePrint = string(paper), large
	var docs []*document.Document
	for _, topic := range vocab.Topics() {
		for _, lang := range cat.Tags() {
			doc, err := res.Resolve(req, topic, lang)
			if err != nil {
				t.Fatalf("%s %s: %v", topic, lang, err)
			}
			docs = append(docs, doc)
		}
	}
	return docs
}

// TestFitStopsSameChoice: fitting that stops measuring a step once its
// flow takes more pages than the budget, and balances titles by the
// reach of the widths it tried (layout.Reach), sets every shipped
// leaflet, in every variant and at each of the variant's page counts
// (budget errors included), exactly as fitting that measures every
// step it tries whole and every width a title tries: the same leaflet,
// or the same error. And it measures fewer paragraphs.
func TestFitStopsSameChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("fits every shipped leaflet twice in every variant")
	}
	for _, v := range fitVariants {
		t.Run(fmtVariant(v.paper, v.large), func(t *testing.T) {
			// Each variant on an engine of its own, on every core: what
			// a variant measures depends on the engine's caches (a
			// title's reach comes from them), which another variant
			// running beside it would fill at random.
			t.Parallel()
			e := &composetest.MeasureCounter{Engine: ownEngine(t)}
			var stopped, whole int64
			var budgetErrs int
			for _, doc := range shippedDocs(t, v.paper, v.large) {
				for _, n := range v.counts {
					doc.Pages = n
					paper, at, err := stepper(doc, e)
					if err != nil {
						t.Fatal(err)
					}
					_, atWhole, err := stepper(doc, reachless{e})
					if err != nil {
						t.Fatal(err)
					}
					measureWhole := func(step fitStep, measure bool, _ int) (*composer, frame, []slice, error) {
						return atWhole(step, measure, 0)
					}
					// Fitted first, with the paragraphs' lines not in the
					// engine's caches, which give no reach.
					before := e.Measured()
					got, err := fit(doc, paper, at, nil)
					mid := e.Measured()
					want, wantErr := fit(doc, paper, measureWhole, nil)
					stopped, whole = stopped+mid-before, whole+e.Measured()-mid
					if !reflect.DeepEqual(err, wantErr) {
						t.Fatalf("%s %s %d pages: error %v, measuring whole steps %v", doc.Topic, doc.Lang, n, err, wantErr)
					}
					if err != nil {
						budgetErrs++
						continue
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s %s %d pages: step %v, measuring whole steps %v, or another leaflet", doc.Topic, doc.Lang, n, got.Step, want.Step)
					}
				}
			}
			t.Logf("paragraphs measured: %d, measuring whole steps %d; %d budget errors", stopped, whole, budgetErrs)
			if stopped >= whole {
				t.Errorf("stopping measured %d paragraphs, measuring whole steps %d", stopped, whole)
			}
		})
	}
}

// fitVariants are the papers and print sizes a leaflet is fitted on,
// each with the page counts of assemble's budgets.
var fitVariants = []struct {
	paper  vocab.Paper
	large  bool
	counts []int
}{
	{vocab.A4, false, []int{2, 4}},
	{vocab.A5, false, []int{4, 8}},
	{vocab.A4, true, []int{4, 8}},
	{vocab.A5, true, []int{8, 16}},
}

func fmtVariant(paper vocab.Paper, large bool) string {
	if large {
		return string(paper) + "-large"
	}
	return string(paper)
}
