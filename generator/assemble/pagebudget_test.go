package assemble

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// pdfPages counts a PDF's page objects.
func pdfPages(data []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(data, -1))
}

// TestPageBudgetsInBuild builds PDFs for one topic in two languages: with
// the example order each file has the topic's budget in pages and the
// manifest says so; with an order whose contacts are many and long, the
// whole topic moves up to the next count in both languages and the
// manifest shows the move (pages above page_budget).
func TestPageBudgetsInBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("renders PDFs")
	}
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	data, err := LoadData()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pdf.NewEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	cfg := data.ResolveConfig(cat)
	cfg.Now = func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	b := New(Config{Resolver: resolve.New(cfg), Renderers: []Renderer{p}, Rules: request.Rules{
		HasLanguage:     cat.Has,
		HasMunicipality: func(c string) bool { _, ok := data.Municipalities.ByCode(c); return ok },
	}})
	table, err := LoadBudgets()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../cmd/infogen/example-request.json")
	if err != nil {
		t.Fatal(err)
	}
	topic := vocab.TopicID("vald-barn")
	budget := table.Budget(topic, vocab.A4, false)
	for _, c := range []struct {
		name  string
		crowd bool
		want  int
	}{{"example", false, budget}, {"crowded", true, budget * 2}} {
		t.Run(c.name, func(t *testing.T) {
			req, err := request.Parse(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			req.Topics, req.Languages, req.Formats = []string{string(topic)}, []string{"sv", "ar"}, []string{"pdf"}
			if c.crowd {
				req.Contacts = nil
				for i, r := range vocab.Roles()[:8] {
					req.Contacts = append(req.Contacts, request.Contact{Role: string(r),
						Name:    strings.Repeat("Övre Långträskdalens familjestöd ", 3)[:90],
						Phone:   "035-13 70 0" + string(rune('0'+i)),
						Address: "Stationsgatan 2, 302 45 Halmstad, ingång från Köpmansgatan, plan 3",
						Hours:   []request.Hours{{Days: "mon-fri", From: "08:00", To: "16:30"}}})
				}
			}
			files, err := b.Build(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 2 {
				t.Fatalf("%d files", len(files))
			}
			m := NewManifest(files, "test", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			for i, f := range m.Files {
				if got := pdfPages(files[i].Data); got != c.want || f.Pages != c.want || f.PageBudget != budget ||
					f.Paper != "a4" || f.LargePrint {
					t.Errorf("%s: %d pages in the PDF, manifest %+v; want %d pages of a budget of %d", f.Name, got, f, c.want, budget)
				}
			}
		})
	}
}
