package assemble

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// BenchmarkZipAll is the web form's download of every leaflet: the PDFs
// of every language and topic for the Halmstad example (180 leaflets),
// built and zipped by one Builder, as the server does. "same" makes the
// same order again, whose leaflets the Builder has fitted before (see
// compose.Memo); "new" gives the first contact a new name each time, so
// that every leaflet is fitted again, drawing on what the layout
// engine's caches hold of the orders before it. Two orders are made
// before the timing starts: a server's first order of a kind is not
// what these measure. Besides the wall time it reports the CPU time an
// order takes (cpu-ms/op, all cores), the steadier figure on a shared
// machine, and the collections it took (gc/op).
//
// The server runs under a soft memory limit (infogen serve
// --memory-limit, 74 MiB by default), which makes the collector run far
// more often than in a test binary without one: give it as GOMEMLIMIT
// to measure an order as the server makes it.
//
//	go test -run '^$' -bench ZipAll -benchtime 20x ./generator/assemble
//	GOMEMLIMIT=74MiB go test -run '^$' -bench ZipAll -benchtime 20x ./generator/assemble
func BenchmarkZipAll(b *testing.B) {
	raw, err := os.ReadFile("../resolve/testdata/request.json")
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		b.Fatal(err)
	}
	for _, fresh := range []bool{false, true} {
		b.Run(map[bool]string{false: "same", true: "new"}[fresh], func(b *testing.B) {
			var req request.Request
			if err := json.Unmarshal(raw, &req); err != nil {
				b.Fatal(err)
			}
			req.Languages = cat.Tags()
			req.Topics = nil
			for _, t := range vocab.Topics() {
				req.Topics = append(req.Topics, string(t))
			}
			req.Formats = []string{"pdf"}
			builder := newPDFBuilder(b)
			name, n := req.Contacts[0].Name, 0
			order := func() {
				if fresh {
					n++
					req.Contacts[0].Name = fmt.Sprintf("%s %d", name, n)
				}
				files, err := builder.Build(&req)
				if err != nil {
					b.Fatal(err)
				}
				if len(files) != len(req.Languages)*len(req.Topics) {
					b.Fatalf("%d files, want %d", len(files), len(req.Languages)*len(req.Topics))
				}
				if _, err := Zip(files, NewManifest(files, "bench", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))); err != nil {
					b.Fatal(err)
				}
			}
			order()
			order()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			gcs := ms.NumGC
			start, ok := processCPU()
			for b.Loop() {
				order()
			}
			if end, ok2 := processCPU(); ok && ok2 {
				b.ReportMetric(float64((end-start).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
			}
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.NumGC-gcs)/float64(b.N), "gc/op")
		})
	}
}
