package assemble

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"time"

	"infogeneratorn/generator/request"
)

// TestZipStoresPDFsAndDeflatesText: PDFs, compressed inside already, go in
// as they are; HTML and the manifest are deflated; every entry reads back
// as the file it came from, and the same set zips to the same bytes.
func TestZipStoresPDFsAndDeflatesText(t *testing.T) {
	b := newPDFBuilder(t)
	req := &request.Request{Municipality: request.Municipality{Code: "1380"}, Topics: []string{"vald"},
		Languages: []string{"sv", "ar"}, Formats: []string{"pdf", "html"}}
	files, err := b.Build(req)
	if err != nil {
		t.Fatal(err)
	}
	m := NewManifest(files, "test", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	data, err := Zip(files, m)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Zip(files, m); !bytes.Equal(again, data) {
		t.Error("the same set zips to different bytes")
	}
	a, err := NewArchive(files, m)
	if err != nil {
		t.Fatal(err)
	}
	var streamed bytes.Buffer
	if n, err := a.WriteTo(&streamed); err != nil || n != int64(len(data)) || !bytes.Equal(streamed.Bytes(), data) {
		t.Errorf("written to a stream: %d bytes (error %v), want the %d of Zip", n, err, len(data))
	}
	mj, _ := json.MarshalIndent(m, "", "  ")
	if bound := zipSize(files, len(mj)+1); len(data) > bound || cap(data) != bound {
		t.Errorf("the archive is %d bytes in a buffer of %d, want it within the %d bytes set aside for it", len(data), cap(data), bound)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range files {
		want[f.Name] = f.Data
	}
	methods := map[string]uint16{"manifest.json": zip.Deflate}
	for _, f := range files {
		methods[f.Name] = map[bool]uint16{true: zip.Store, false: zip.Deflate}[string(f.Format) == "pdf"]
	}
	if len(zr.File) != len(methods) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(methods))
	}
	for _, e := range zr.File {
		if e.Method != methods[e.Name] {
			t.Errorf("%s: method %d, want %d", e.Name, e.Method, methods[e.Name])
		}
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[e.Name]; ok && !bytes.Equal(got, w) {
			t.Errorf("%s reads back different", e.Name)
		}
	}
}
