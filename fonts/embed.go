// Package fonts embeds the print fonts: Noto faces from Debian's
// fonts-noto-core 20201225-1 (TrueType outlines), under the SIL Open Font
// License 1.1 (OFL.txt beside them). They are embedded in the binary so
// that no leaflet or page ever fetches a font from another host.
//
// Callers receive them as an fs.FS and build a font set once at start-up
// (package generator/fonts). The file system also hands out each font's
// bytes in place (Bytes), so that a set need not copy a file to the heap:
// the embedded bytes are pages of the binary, which the kernel reads in
// as they are used and may drop again.
package fonts

import (
	"bytes"
	"cmp"
	"embed"
	"io"
	"io/fs"
	"maps"
	"slices"
	"time"
)

// licence is the licence file; the fonts are the byte slices below, which
// the compiler lays out in the binary's data with no copy on the heap
// (embed.FS's ReadFile copies a file). TestFSHasEveryFont keeps the list
// in step with the *.ttf files beside this one.
//
//go:embed OFL.txt
var licence embed.FS

//go:embed NotoLoopedThai-Bold.ttf
var notoLoopedThaiBold []byte

//go:embed NotoLoopedThai-Regular.ttf
var notoLoopedThaiRegular []byte

//go:embed NotoNaskhArabic-Bold.ttf
var notoNaskhArabicBold []byte

//go:embed NotoNaskhArabic-Regular.ttf
var notoNaskhArabicRegular []byte

//go:embed NotoNastaliqUrdu-Bold.ttf
var notoNastaliqUrduBold []byte

//go:embed NotoNastaliqUrdu-Regular.ttf
var notoNastaliqUrduRegular []byte

//go:embed NotoSans-Bold.ttf
var notoSansBold []byte

//go:embed NotoSans-Regular.ttf
var notoSansRegular []byte

//go:embed NotoSansEthiopic-Bold.ttf
var notoSansEthiopicBold []byte

//go:embed NotoSansEthiopic-Regular.ttf
var notoSansEthiopicRegular []byte

//go:embed NotoSansHebrew-Bold.ttf
var notoSansHebrewBold []byte

//go:embed NotoSansHebrew-Regular.ttf
var notoSansHebrewRegular []byte

//go:embed NotoSansSymbols-Regular.ttf
var notoSansSymbolsRegular []byte

//go:embed NotoSansSymbols2-Regular.ttf
var notoSansSymbols2Regular []byte

// fontFiles returns the embedded fonts by file name.
func fontFiles() map[string][]byte {
	return map[string][]byte{
		"NotoLoopedThai-Bold.ttf":      notoLoopedThaiBold,
		"NotoLoopedThai-Regular.ttf":   notoLoopedThaiRegular,
		"NotoNaskhArabic-Bold.ttf":     notoNaskhArabicBold,
		"NotoNaskhArabic-Regular.ttf":  notoNaskhArabicRegular,
		"NotoNastaliqUrdu-Bold.ttf":    notoNastaliqUrduBold,
		"NotoNastaliqUrdu-Regular.ttf": notoNastaliqUrduRegular,
		"NotoSans-Bold.ttf":            notoSansBold,
		"NotoSans-Regular.ttf":         notoSansRegular,
		"NotoSansEthiopic-Bold.ttf":    notoSansEthiopicBold,
		"NotoSansEthiopic-Regular.ttf": notoSansEthiopicRegular,
		"NotoSansHebrew-Bold.ttf":      notoSansHebrewBold,
		"NotoSansHebrew-Regular.ttf":   notoSansHebrewRegular,
		"NotoSansSymbols-Regular.ttf":  notoSansSymbolsRegular,
		"NotoSansSymbols2-Regular.ttf": notoSansSymbols2Regular,
	}
}

// FS returns the embedded font files and their licence, all at the root.
// Besides fs.FS it has the method Bytes(name string) ([]byte, bool): a
// font file's bytes in place, which no one may modify (generator/fonts
// uses them).
func FS() fs.FS { return embedded{fonts: fontFiles()} }

// embedded is the fonts and the licence as one read-only file system.
type embedded struct {
	fonts map[string][]byte
}

// Bytes returns the font file name's bytes without copying them; callers
// must not modify them. ok is false for a name that is no embedded font.
func (e embedded) Bytes(name string) (data []byte, ok bool) {
	data, ok = e.fonts[name]
	return data, ok
}

// Open implements fs.FS.
func (e embedded) Open(name string) (fs.File, error) {
	if data, ok := e.fonts[name]; ok {
		return &fontFile{Reader: bytes.NewReader(data), info: fontInfo{name: name, size: int64(len(data))}}, nil
	}
	if name != "." {
		return licence.Open(name)
	}
	entries, err := e.ReadDir(".")
	if err != nil {
		return nil, err
	}
	return &rootDir{entries: entries}, nil
}

// ReadFile implements fs.ReadFileFS: a copy, which the caller may modify.
func (e embedded) ReadFile(name string) ([]byte, error) {
	if data, ok := e.fonts[name]; ok {
		return bytes.Clone(data), nil
	}
	return licence.ReadFile(name)
}

// ReadDir implements fs.ReadDirFS: the root holds the fonts and the
// licence, sorted by name.
func (e embedded) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := licence.ReadDir(name)
	if err != nil || name != "." {
		return entries, err
	}
	for _, n := range slices.Sorted(maps.Keys(e.fonts)) {
		entries = append(entries, fs.FileInfoToDirEntry(fontInfo{name: n, size: int64(len(e.fonts[n]))}))
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return cmp.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// fontFile is an open font: a reader of its bytes in place.
type fontFile struct {
	*bytes.Reader
	info fontInfo
}

func (f *fontFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *fontFile) Close() error               { return nil }

// fontInfo describes a font file: read-only, dated like embedded files
// (the zero time).
type fontInfo struct {
	name string
	size int64
}

func (i fontInfo) Name() string       { return i.name }
func (i fontInfo) Size() int64        { return i.size }
func (i fontInfo) Mode() fs.FileMode  { return 0o444 }
func (i fontInfo) ModTime() time.Time { return time.Time{} }
func (i fontInfo) IsDir() bool        { return false }
func (i fontInfo) Sys() any           { return nil }

// rootDir is the open root directory.
type rootDir struct {
	entries []fs.DirEntry
	offset  int
}

func (d *rootDir) Stat() (fs.FileInfo, error) { return rootInfo{}, nil }
func (d *rootDir) Close() error               { return nil }
func (d *rootDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}

// ReadDir implements fs.ReadDirFile.
func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	d.offset += len(rest)
	return slices.Clone(rest), nil
}

// rootInfo describes the root directory.
type rootInfo struct{}

func (rootInfo) Name() string       { return "." }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }
