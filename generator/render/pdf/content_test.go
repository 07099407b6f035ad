package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// TestContentChunks checks that a content stream with chunk markers
// decompresses to the stream fpdf would have written had it been given
// the chunks (RawWriteStr: the string and a newline), and that a marker
// that names no chunk, or stands inside a line, is an error.
func TestContentChunks(t *testing.T) {
	var c contentChunks
	c.add([]byte("q BT"))
	c.add([]byte("ET Q"))
	c.ends = append(c.ends, len(c.data)) // chunk 0, as flush closes it
	c.add([]byte("EMC"))
	c.ends = append(c.ends, len(c.data)) // chunk 1
	tests := []struct {
		name, stream, want, err string
		used                    int
	}{
		{"none", "0 g\n", "0 g\n", "", 0},
		{"both", "2 J\n" + chunkMarker + "0\n/I0 Do\n" + chunkMarker + "1\n0.25 w\n", "2 J\nq BT\nET Q\n/I0 Do\nEMC\n0.25 w\n", "", 2},
		{"first line", chunkMarker + "1\n", "EMC\n", "", 1},
		{"unknown chunk", chunkMarker + "2\n", "", "names no chunk", 0},
		{"inside a line", "0 g " + chunkMarker + "0\n", "", "inside a line", 0},
		{"no newline", chunkMarker + "0", "", "without its newline", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := zlib.NewWriter(&out)
			used := 0
			err := c.writeContent(w, []byte(tc.stream), &used)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w.Close()
			r, err := zlib.NewReader(&out)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || used != tc.used {
				t.Errorf("got %q (%d chunks), want %q (%d)", got, used, tc.want, tc.used)
			}
		})
	}
}
