package assemble

import (
	"bytes"
	"infogeneratorn/generator/request"
	"runtime"
	"testing"
)

// TestBatchIsDeterministic: a batch rendered on several goroutines gives
// the same files, in the request's order, with the same bytes, as on one.
// The second build sets every leaflet from the renderer's fitting memo
// (compose.Memo), the first fits them: their bytes must not differ either.
func TestBatchIsDeterministic(t *testing.T) {
	b := newPDFBuilder(t)
	req := &request.Request{Municipality: request.Municipality{Code: "1380"},
		Topics: []string{"vald", "foraldraskapsstod"}, Languages: []string{"sv", "ar", "th", "ti"},
		Formats: []string{"pdf", "html"}}
	build := func(procs int) []File {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		files, err := b.Build(req)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	one, many := build(1), build(4)
	var want []string
	for _, topic := range req.Topics {
		for _, lang := range req.Languages {
			want = append(want, topic+"_"+lang+".pdf", topic+"_"+lang+".html")
		}
	}
	if len(one) != len(want) || len(many) != len(want) {
		t.Fatalf("%d and %d files, want %d", len(one), len(many), len(want))
	}
	for i, name := range want {
		if one[i].Name != name || many[i].Name != name {
			t.Errorf("file %d: %s on one goroutine, %s on four, want %s", i, one[i].Name, many[i].Name, name)
		}
		if !bytes.Equal(one[i].Data, many[i].Data) {
			t.Errorf("%s: the bytes differ between one goroutine and four", name)
		}
	}
}
