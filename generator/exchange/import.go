package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/xliff"
)

// ImportConfig is the input of Import.
type ImportConfig struct {
	Dir    string        // the locales directory on disk, written into
	Fonts  lint.Coverage // for the check
	Lang   string
	Name   string // how the XLIFF file is named in problems
	Limits xliff.Limits
}

// Problem is one reason an import is refused: the unit (message) and the
// line of the XLIFF file it is about, or the locale file's place for a
// finding of the check outside any unit.
type Problem struct {
	Unit string `json:"unit,omitempty"`
	Line int    `json:"line"`
	Rule string `json:"rule,omitempty"` // the check's rule, when it is the check
	Text string `json:"text"`
}

func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d: ", p.Line)
	if p.Unit != "" {
		fmt.Fprintf(&b, "unit %s: ", p.Unit)
	}
	b.WriteString(p.Text)
	if p.Rule != "" {
		fmt.Fprintf(&b, " [%s]", p.Rule)
	}
	return b.String()
}

// RefusedError is an import refused as a whole: nothing was written.
type RefusedError struct {
	File     string
	Problems []Problem
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: import refused, nothing written: %d problem(s)", e.File, len(e.Problems))
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n%s:%s", e.File, p)
	}
	return b.String()
}

// Result says what an import changed.
type Result struct {
	Units   int      // units read
	Changed []string // messages whose text changed
	Written bool     // whether the locale file was written
}

// Import reads an XLIFF file of cfg.Lang and writes its targets into the
// locale's TOML file, replacing each changed value where it stands so
// that comments, order and every other byte stay. It first builds the
// new file in memory and runs the whole check (package lint) over the
// locales with it; if the file is not XLIFF, names another language or
// unknown messages, breaks a placeholder, or the check finds an error in
// the locale, nothing is written and a *RefusedError lists every problem
// by unit and line. A segment without a target, or with an empty one,
// changes nothing; a file whose targets equal the locale's texts writes
// nothing.
func Import(cfg ImportConfig, r io.Reader) (Result, error) {
	var res Result
	refuse := func(ps ...Problem) (Result, error) { return res, &RefusedError{File: cfg.Name, Problems: ps} }
	doc, err := xliff.Decode(r, cfg.Limits)
	if err != nil {
		var se *xliff.SyntaxError
		if errors.As(err, &se) {
			return refuse(Problem{Line: se.Line, Text: se.Msg})
		}
		return refuse(Problem{Line: 1, Text: err.Error()})
	}
	var ps []Problem
	for _, p := range xliff.Check(doc) {
		ps = append(ps, Problem{Unit: p.Unit, Line: p.Line, Text: p.Msg})
	}
	if len(ps) > 0 {
		return refuse(ps...)
	}
	if doc.SrcLang != catalog.SourceTag || doc.TrgLang != cfg.Lang {
		return refuse(Problem{Line: 1, Text: fmt.Sprintf("srcLang %q, trgLang %q: want %q and %q", doc.SrcLang, doc.TrgLang, catalog.SourceTag, cfg.Lang)})
	}
	if cfg.Lang == catalog.SourceTag {
		return refuse(Problem{Line: 1, Text: "Swedish is the source: import a translation"})
	}
	fsys := os.DirFS(cfg.Dir)
	metas, err := catalog.LoadMeta(fsys)
	if err != nil {
		return res, fmt.Errorf("locales: %w", err)
	}
	meta, ok := metas[cfg.Lang]
	if !ok {
		return refuse(Problem{Line: 1, Text: fmt.Sprintf("no locale %q in locales.toml", cfg.Lang)})
	}
	srcData, err := fs.ReadFile(fsys, catalog.SourceTag+".toml")
	if err != nil {
		return res, err
	}
	srcMsgs, err := catalog.ParseFile(catalog.SourceTag+".toml", srcData)
	if err != nil {
		return res, fmt.Errorf("the source does not parse: %w", err)
	}
	file := cfg.Lang + ".toml"
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return res, err
	}
	trMsgs, err := catalog.ParseFile(file, data)
	if err != nil {
		return refuse(Problem{Line: 1, Text: fmt.Sprintf("%s does not parse; fix it first: %v", file, err)})
	}
	tr, err := catalog.NewLocale(meta, file, data)
	if err != nil {
		return refuse(Problem{Line: 1, Text: fmt.Sprintf("%s does not load; fix it first: %v", file, err)})
	}
	tf, err := parseTOML(data)
	if err != nil {
		return res, err
	}
	src, cur := byID(srcMsgs), byID(trMsgs)

	var edits []edit
	lines := map[string]int{} // unit -> the line problems of the check are reported at
	seen := map[string]bool{}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			res.Units++
			lines[u.ID] = u.Line
			sm, ok := src[u.ID]
			switch {
			case !ok:
				ps = append(ps, Problem{Unit: u.ID, Line: u.Line, Text: "the Swedish source has no such message"})
				continue
			case seen[u.ID]:
				ps = append(ps, Problem{Unit: u.ID, Line: u.Line, Text: "the message is in the file twice"})
				continue
			}
			seen[u.ID] = true
			want := sourceUnit(sm, tr)
			for _, s := range u.Segments {
				k := slices.IndexFunc(want.Segments, func(w xliff.Segment) bool { return w.ID == s.ID })
				if k < 0 {
					ps = append(ps, Problem{Unit: u.ID, Line: s.Line, Text: fmt.Sprintf("segment %q is no plural form this message has in %s", s.ID, cfg.Lang)})
					continue
				}
				ws := want.Segments[k]
				if s.Source.PlainText() != ws.Source.PlainText() {
					ps = append(ps, Problem{Unit: u.ID, Line: s.Line, Text: "the Swedish source differs from the current one: export the file again"})
					continue
				}
				if s.Target == nil || len(*s.Target) == 0 {
					continue
				}
				line := s.TargetLine
				lines[u.ID] = line
				text, err := xliff.TemplateText(*s.Target, ws.Source, want.Data, line)
				if err != nil {
					ps = append(ps, Problem{Unit: u.ID, Line: line, Rule: string(lint.RulePlaceholder), Text: err.Error()})
					continue
				}
				if old, ok := cur[u.ID].Forms[catalog.Form(s.ID)]; ok && old == text {
					continue
				}
				edits = append(edits, edit{id: u.ID, form: s.ID, text: text, description: sm.Description})
				if !slices.Contains(res.Changed, u.ID) {
					res.Changed = append(res.Changed, u.ID)
				}
			}
		}
	}
	if len(ps) > 0 {
		return refuse(ps...)
	}
	if len(edits) == 0 {
		return res, nil // nothing to write, nothing to check
	}
	updated := tf.apply(edits)

	// The whole check, every rule, over the locale with the new file in
	// place: its findings depend only on the files the overlay shows (the
	// metadata, the keep-list, the source and the locale), so the other
	// locales are left out rather than checked and ignored.
	rep := lint.Check(lint.Config{Locales: overlay{fsys, file, updated}, Root: filepath.ToSlash(cfg.Dir), Fonts: cfg.Fonts})
	for _, d := range rep.Diagnostics {
		if d.Severity != lint.Error || d.Lang != cfg.Lang {
			continue
		}
		if line, ok := lines[d.ID]; ok && d.ID != "" {
			ps = append(ps, Problem{Unit: d.ID, Line: line, Rule: string(d.Rule), Text: d.Text})
			continue
		}
		ps = append(ps, Problem{Unit: d.ID, Line: 0, Rule: string(d.Rule), Text: fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Text)})
	}
	if len(ps) > 0 {
		return refuse(ps...)
	}
	if bytes.Equal(updated, data) {
		return res, nil
	}
	if err := writeFile(filepath.Join(cfg.Dir, file), updated); err != nil {
		return res, err
	}
	res.Written = true
	return res, nil
}

func byID(ms []catalog.Message) map[string]catalog.Message {
	out := map[string]catalog.Message{}
	for _, m := range ms {
		out[m.ID] = m
	}
	return out
}

// writeFile replaces a file through a temporary file beside it, keeping
// its permissions, so that a reader never sees half a file.
func writeFile(name string, data []byte) error {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), mode)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// overlay is what the import's check reads: a locales directory showing
// only the files one locale's check needs (locales.toml, the keep-list,
// the source and the locale), the locale's with new bytes.
type overlay struct {
	base fs.FS
	name string
	data []byte
}

func (o overlay) shows(name string) bool {
	switch name {
	case ".", "locales.toml", catalog.SourceTag + ".toml", o.name, path.Dir(lint.KeepFile), lint.KeepFile:
		return true
	}
	return false
}

func (o overlay) Open(name string) (fs.File, error) {
	name = path.Clean(name)
	switch {
	case !o.shows(name):
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case name == o.name:
		return &memFile{Reader: bytes.NewReader(o.data), name: o.name, size: int64(len(o.data))}, nil
	}
	f, err := o.base.Open(name)
	if err != nil {
		return nil, err
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return &filteredDir{ReadDirFile: d, o: o, dir: name}, nil
	}
	return f, nil
}

// filteredDir lists only the entries the overlay shows.
type filteredDir struct {
	fs.ReadDirFile
	o       overlay
	dir     string
	read    bool
	pending []fs.DirEntry
}

func (d *filteredDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		d.read = true
		all, err := d.ReadDirFile.ReadDir(-1)
		if err != nil {
			return nil, err
		}
		for _, e := range all {
			if d.o.shows(path.Join(d.dir, e.Name())) {
				d.pending = append(d.pending, e)
			}
		}
	}
	if n <= 0 {
		out := d.pending
		d.pending = nil
		return out, nil
	}
	if len(d.pending) == 0 {
		return nil, io.EOF
	}
	k := min(n, len(d.pending))
	out := d.pending[:k]
	d.pending = d.pending[k:]
	return out, nil
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return path.Base(i.name) }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
