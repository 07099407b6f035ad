package pdf

import (
	"encoding/json"
	"iter"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
)

// BenchmarkRender renders one A4 leaflet (Swedish, Arabic), the fonts
// prepared once (New) outside the loop; it reports the PDF's size.
// "warm" is a leaflet the process has made before (the layout's and the
// font subsets' caches hold it), "cold" one it has never made; "digital"
// the RGB file, "print" the PDF/X-1a file with bleed and crop marks.
func BenchmarkRender(b *testing.B) {
	r := testRenderer(b)
	for name, doc := range fixtureDocs(b) {
		for _, print := range []bool{false, true} {
			kind := map[bool]string{false: "/digital", true: "/print"}[print]
			for _, cold := range []bool{false, true} {
				b.Run(name+kind+map[bool]string{false: "/warm", true: "/cold"}[cold], func(b *testing.B) {
					d := *doc
					d.Print = print
					benchRender(b, r, &d, cold)
				})
			}
		}
	}
}

// BenchmarkRenderFitted renders the same A4 leaflets fitted to a page
// budget of 4 pages, as build renders every leaflet: the fitting (a
// binary search over the text steps, then two more steps and the page
// balancing) on top of BenchmarkRender's work.
func BenchmarkRenderFitted(b *testing.B) {
	r := testRenderer(b)
	for name, doc := range fixtureDocs(b) {
		for _, cold := range []bool{false, true} {
			b.Run(name+map[bool]string{false: "/warm", true: "/cold"}[cold], func(b *testing.B) {
				d := *doc
				d.Pages = 4
				benchRender(b, r, &d, cold)
			})
		}
	}
}

// fixtureDocs yields each of compose's test fixtures by name.
func fixtureDocs(b *testing.B) iter.Seq2[string, *document.Document] {
	return func(yield func(string, *document.Document) bool) {
		for _, name := range composetest.Fixtures() {
			doc, err := composetest.Document(name)
			if err != nil {
				b.Fatal(err)
			}
			if !yield(name, doc) {
				return
			}
		}
	}
}

func benchRender(b *testing.B, r *Renderer, doc *document.Document, cold bool) {
	b.ReportAllocs()
	var size int
	for b.Loop() {
		if cold {
			r.forget()
		}
		out, err := r.Render(doc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

// forget empties the caches a render fills: the layout engine's, the
// fitting memo and the faces' subsets.
func (r *Renderer) forget() {
	if f, ok := r.setter.(interface{ Forget() }); ok {
		f.Forget()
	}
	r.memo.Forget()
	r.forgetSubsets()
}

// forgetSubsets empties the faces' subset caches and the streams kept
// compressed, as in a batch, where every leaflet is new.
func (r *Renderer) forgetSubsets() {
	r.z.recent.reset()
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, fd := range r.faces {
		fd.programs.reset()
	}
}

// BenchmarkRenderExample renders every leaflet of the shipped example
// request (Halmstad; vald and föräldraskapsstöd in sv, en, ar), as the
// resolve stage's snapshots hold them.
func BenchmarkRenderExample(b *testing.B) {
	r := testRenderer(b)
	var paths []string
	for _, topic := range []string{"vald", "foraldraskapsstod"} {
		for _, lang := range []string{"sv", "en", "ar"} {
			paths = append(paths, filepath.Join("..", "..", "resolve", "testdata", "golden", topic+"_"+lang+".json"))
		}
	}
	var docs []*document.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		var doc document.Document
		if err := json.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, &doc)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = 0
		for _, doc := range docs {
			out, err := r.Render(doc)
			if err != nil {
				b.Fatal(err)
			}
			size += len(out)
		}
	}
	b.ReportMetric(float64(len(docs)), "leaflets")
	b.ReportMetric(float64(size), "bytes/set")
}

// BenchmarkNew reads and validates every face of the set, as New does.
func BenchmarkNew(b *testing.B) {
	faces := testFaces(b)
	b.ReportAllocs()
	for b.Loop() {
		for i, f := range faces {
			fd, err := readFace(f, i)
			if err != nil {
				b.Fatal(err)
			}
			if err := validate(fd); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWrite writes one composed A4 leaflet (Swedish, Arabic;
// digital and print) as Render does after composing: drawing, fpdf's
// output, the font subsets and finish. The leaflet is composed once
// outside the loop, and the faces' subset caches are emptied before each
// write, as in a batch, where every leaflet draws a subset of its own.
func BenchmarkWrite(b *testing.B) {
	r := testRenderer(b)
	for name, doc := range fixtureDocs(b) {
		for _, print := range []bool{false, true} {
			b.Run(name+map[bool]string{false: "/digital", true: "/print"}[print], func(b *testing.B) {
				d := *doc
				d.Print = print
				l, err := compose.Compose(&d, r.setter)
				if err != nil {
					b.Fatal(err)
				}
				m := meta{Title: d.Title, Lang: d.Lang, Author: d.Municipality, Creator: "Infogeneratorn", Print: print, doc: &d}
				b.ReportAllocs()
				var size int
				cpu := processCPU(b)
				for b.Loop() {
					r.forgetSubsets()
					out, err := r.write(l, m)
					if err != nil {
						b.Fatal(err)
					}
					size = len(out)
				}
				b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(size), "bytes/pdf")
			})
		}
	}
}

// processCPU is the user and system CPU time the process has used, in
// nanoseconds, the garbage collector's included: a measure that holds
// on a machine busy with other work, where ns/op (wall time) does not.
func processCPU(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
