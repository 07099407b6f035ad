package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// The drawer writes the pages' content itself, not through fpdf: fpdf
// would copy every byte four times (into a page buffer grown by doubling,
// into a string, into its file buffer grown by doubling, out to the
// caller), a third of a render's allocations. What the drawer writes
// between two things fpdf draws (a page's start, the logo, the crop marks)
// is one chunk, kept in contentChunks; fpdf's page gets a marker line
// instead, a PDF comment naming the chunk. finish compresses each content
// stream with every marker line replaced by its chunk: the same bytes as
// if fpdf had been given them, since RawWriteStr writes its string and a
// newline and nothing else.

// chunkMarker starts a marker line; the chunk's index follows. fpdf
// writes no comments into a content stream.
const chunkMarker = "%infogen-chunk "

// contentChunks is the content the drawer wrote: all chunks in one
// buffer, and where each ends.
type contentChunks struct {
	data []byte
	ends []int
}

func (c *contentChunks) reset() {
	c.data, c.ends = c.data[:0], c.ends[:0]
}

// add appends b and a newline to the open chunk, as RawWriteStr would
// to fpdf's page.
func (c *contentChunks) add(b []byte) {
	c.data = append(c.data, b...)
	c.data = append(c.data, '\n')
}

// flush closes the open chunk, if it holds anything, and writes its
// marker into fpdf's page.
func (c *contentChunks) flush(p *fpdf.Fpdf) {
	start := 0
	if n := len(c.ends); n > 0 {
		start = c.ends[n-1]
	}
	if len(c.data) == start {
		return
	}
	c.ends = append(c.ends, len(c.data))
	p.RawWriteStr(chunkMarker + strconv.Itoa(len(c.ends)-1))
}

// chunk returns chunk i.
func (c *contentChunks) chunk(i int) []byte {
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.data[start:c.ends[i]]
}

// writeContent writes data, a content stream of fpdf's, to w (a
// compressor, a digest: writes that do not fail) with each marker line
// replaced by its chunk; it counts the chunks in used.
func (c *contentChunks) writeContent(w io.Writer, data []byte, used *int) error {
	marker := []byte(chunkMarker)
	for {
		at := bytes.Index(data, marker)
		if at < 0 {
			w.Write(data)
			return nil
		}
		if at > 0 && data[at-1] != '\n' {
			return fmt.Errorf("a chunk marker inside a line")
		}
		w.Write(data[:at])
		rest := data[at+len(marker):]
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			return fmt.Errorf("a chunk marker without its newline")
		}
		i, err := strconv.Atoi(string(rest[:end]))
		if err != nil || i < 0 || i >= len(c.ends) {
			return fmt.Errorf("a chunk marker names no chunk: %q", rest[:end])
		}
		w.Write(c.chunk(i))
		*used++
		data = rest[end+1:]
	}
}
