package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/logo"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

//go:embed example-request.json
var exampleRequest []byte

// The collector's settings for a generate run (see runGenerate): GOGC
// 800, or 200 for a batch of more than batchLeaflets leaflets, under a
// soft limit; the heap in huge pages (hugeHeapBytes).
const (
	generateGCPercent   = 800
	batchGCPercent      = 200
	batchLeaflets       = 24
	generateMemoryLimit = 192 << 20
)

// hugeHeapBytes is how much of the heap a run of n leaflets gives huge
// pages (heapInHugePages): about what it grows to. Against none, medians
// of wall time over 20-30 interleaved runs: one leaflet 17.7 -> 16.1 ms
// with 16 MiB (32 MiB: 16.5, 96: 17.0, whose mapping costs what the
// faults saved); 6 leaflets 25.7 -> 22.6 ms with 32 MiB; 12 leaflets
// 35.6 -> 30.5 ms (32) or 31.5 (64); 24 leaflets 68.9 -> 60.3 (32) or
// 56.0 ms (64); all 180 see runGenerate. Peak RSS grows by the huge
// pages' rounding: one leaflet 33 -> 38 MiB.
func hugeHeapBytes(n int) int {
	switch {
	case n <= 1:
		return 16 << 20
	case n <= 12:
		return 32 << 20
	case n <= batchLeaflets:
		return 64 << 20
	}
	return 96 << 20 // what the batch of all 180 grows its heap to, and some
}

func runGenerate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("generate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	reqPath := fl.String("request", "", "request `FILE` (JSON); - reads standard input")
	example := fl.Bool("example", false, "use the shipped example request (Halmstad, vald and föräldraskapsstöd, sv/en/ar)")
	out := fl.String("out", "out", "output `DIR`")
	formats := fl.String("formats", "", "comma-separated formats: html,pdf (default: the request's, else pdf)")
	langs := fl.String("langs", "", "comma-separated languages, or all (default: the request's)")
	topics := fl.String("topics", "", "comma-separated topics, or all (default: the request's)")
	paper := fl.String("paper", "", "paper: a4 or a5 (default: the request's, else a4)")
	print := fl.Bool("print", false, "print-ready PDF: 3 mm bleed, crop marks")
	largePrint := fl.Bool("large-print", false, "large print: body text 16 pt or more")
	qr := fl.Bool("qr", false, "a QR code on each leaflet, to --qr-url or the municipality's page (its first contact's web address)")
	qrURL := fl.String("qr-url", "", "the `URL` the QR code leads to (implies --qr)")
	localesDir := fl.String("locales", "", "read locale files from `DIR` instead of the embedded set")
	requireVetted := fl.Bool("require-vetted", false, "refuse leaflets that would print unvetted text")
	minConfidence := fl.String("helplines-min", "high", "print national help lines whose facts are at least `high` or medium confidence (see infogen helplines)")
	logoPath := fl.String("logo", "", "the municipality's logo, a PNG or JPEG `FILE` of at most 2 MB (instead of the request's \"logo\")")
	date := fl.String("date", "", "date printed in metadata, YYYY-MM-DD (default: today)")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "generate: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	// A generate run is short and its memory goes with the process: let
	// the heap grow to nine times what is live before collecting rather
	// than twice, under a soft limit that bounds the larger batches. One
	// leaflet (about 20 MB allocated) then finishes before the first
	// collection, whose goal starts at 4 MB x GOGC/100: measured 34 -> 29
	// ms of CPU, some 550 fewer page faults, against GOGC 400, whose
	// collection came at 16 MB. All 180 leaflets run at the soft limit
	// either way (the same CPU and peak RSS); 30 take the same CPU and
	// about 40 MB more peak RSS. GOGC or GOMEMLIMIT, if set, win.
	// A larger batch goes back to GOGC 200 before it is built (below).
	gcDefaults := os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == ""
	if gcDefaults {
		defer debug.SetGCPercent(debug.SetGCPercent(generateGCPercent))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(generateMemoryLimit))
	}
	now := time.Now
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			fmt.Fprintf(stderr, "generate: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
		now = func() time.Time { return d }
	}

	name, data, err := readRequest(*reqPath, *example, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitUsage
	}
	policy, ok := parsePolicy(*minConfidence)
	if !ok {
		fmt.Fprintf(stderr, "%s: --helplines-min %q: want high or medium\n", fl.Name(), *minConfidence)
		return exitUsage
	}
	req, err := request.Parse(bytes.NewReader(data))
	if err != nil {
		var se *request.SyntaxError
		if errors.As(err, &se) && se.Line > 0 {
			fmt.Fprintf(stderr, "%s:%d:%d: %v\n", name, se.Line, se.Column, se.Err)
		} else {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
		}
		return exitUsage
	}
	if *formats != "" {
		req.Formats = splitList(*formats)
	}
	allLangs := *langs == "all" // the catalog's languages, known once it is read
	if *langs != "" && !allLangs {
		req.Languages = splitList(*langs)
	}
	if *topics != "" {
		req.Topics = splitList(*topics)
		if *topics == "all" {
			req.Topics = nil
			for _, t := range vocab.Topics() {
				req.Topics = append(req.Topics, string(t))
			}
		}
	}
	if *paper != "" {
		req.Paper = *paper
	}
	if *print {
		req.Print = true
	}
	if *qr || *qrURL != "" {
		req.QR = true
	}
	if *qrURL != "" {
		req.QRURL = *qrURL
	}
	if code := takeLogo(req, *logoPath, stderr); code != exitOK {
		return code
	}
	if *largePrint {
		req.LargePrint = true
	}

	// The heap is given huge pages first, before the app is read, so
	// that the app's heap lands in them too (see hugeHeapBytes). "all"
	// languages count as a batch: 30 ship. A kernel without huge pages
	// refuses the advice: the run is then only slower, not wrong, and
	// nothing is said.
	//
	// A batch (more than batchLeaflets leaflets) runs with GOGC 200, not
	// 800: at 800 all 180 leaflets grew the heap to 175 MiB of pages the
	// kernel faulted in fresh, 36,000 minor faults and some 165 ms of
	// system time; at 200 the collector reuses them: 21,000 faults,
	// system time 91 ms, and CPU 948 -> 823 ms, wall 549 -> 490 ms
	// (medians of 20 interleaved runs). At 12 leaflets 200 cost 11 % more
	// CPU, at 24 the same, at 30 6 % less. Its heap then grows to some 90
	// MiB: in 4 KiB pages 19,500 minor faults and 80-100 ms of system
	// time; in 96 MiB of huge pages given once the app was read, 3,700
	// faults and 45 ms, CPU 625 -> 577 ms, wall 355 -> 326 ms (30
	// interleaved runs; 64 MiB left a third of the faults, 128 did no
	// better than 96); given before the app is read, 3,660 -> 2,930
	// faults for the same CPU (40 interleaved runs).
	leaflets := len(req.Topics) * len(req.Languages)
	if allLangs && len(req.Topics) > 0 {
		leaflets = max(leaflets, batchLeaflets+1)
	}
	if gcDefaults {
		_ = heapInHugePages(hugeHeapBytes(leaflets))
	}
	// Each leaflet is made once: no stream cache (pdf.EmbeddedOptions).
	a, err := newApp(appOptions{LocalesDir: *localesDir, RequireVetted: *requireVetted, Policy: policy, Now: now,
		Embedded: pdf.EmbeddedOptions{Once: true}})
	if err != nil {
		fmt.Fprintf(stderr, "infogen: %v\n", err)
		return exitFailure
	}
	if allLangs {
		req.Languages = a.catalog.Tags()
		leaflets = len(req.Topics) * len(req.Languages)
	}
	if gcDefaults && leaflets > batchLeaflets {
		debug.SetGCPercent(batchGCPercent)
	}
	a.prefetchFonts(req)
	files, err := a.builder.Build(req)
	var ferrs request.FieldErrors
	var unavailable *assemble.FormatUnavailableError
	switch {
	case errors.As(err, &ferrs):
		a.printFieldErrors(stderr, name, ferrs)
		return exitUsage
	case errors.As(err, &unavailable):
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitFailure
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "generate: %v\n", err)
		return exitFailure
	}
	for _, f := range files {
		path := filepath.Join(*out, f.Name)
		if err := writeOver(path, f.Data, 0o644); err != nil {
			fmt.Fprintf(stderr, "generate: %v\n", err)
			return exitFailure
		}
		state := "vetted"
		if !f.Review.Vetted {
			state = fmt.Sprintf("NOT VETTED (%d messages)", len(f.Review.Unvetted))
		}
		fmt.Fprintf(stdout, "%s\t%d bytes\t%s\n", path, len(f.Data), state)
		for _, w := range f.Warnings {
			fmt.Fprintf(stderr, "generate: %s: warning: %s\n", f.Name, assemble.WarningText(w))
		}
	}
	return exitOK
}

func readRequest(path string, example bool, stdin io.Reader) (name string, data []byte, err error) {
	switch {
	case example && path != "":
		return "", nil, errors.New("give --request or --example, not both")
	case example:
		return "example-request.json", exampleRequest, nil
	case path == "":
		return "", nil, errors.New("--request FILE (or - for standard input) is required")
	case path == "-":
		data, err = io.ReadAll(io.LimitReader(stdin, request.MaxBodyBytes+1))
		return "<stdin>", data, err
	}
	data, err = os.ReadFile(path)
	return path, data, err
}

// printFieldErrors names every bad field, in Swedish and in English.
func (a *app) printFieldErrors(w io.Writer, name string, errs request.FieldErrors) {
	fmt.Fprintf(w, "%s: ogiltig beställning / invalid request (%d):\n", name, len(errs))
	for _, e := range errs {
		var msgs []string
		for _, tag := range a.catalog.UITags() {
			ui, err := a.catalog.UI(tag)
			if err != nil {
				continue
			}
			m, err := e.Message(ui)
			if err != nil {
				m = e.Error()
			}
			msgs = append(msgs, m)
		}
		fmt.Fprintf(w, "  %s: %s\n", e.Field, strings.Join(msgs, " / "))
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// takeLogo decodes the logo of --logo FILE, or else of the request's
// "logo" data: URL, with the same checks as the web form, and puts the
// re-encoded PNG or JPEG on the request.
func takeLogo(req *request.Request, path string, stderr io.Writer) int {
	d := logo.NewDecoder(logo.Limits{})
	var l logo.Logo
	var err error
	switch {
	case path != "":
		var data []byte
		if data, err = readLimited(path, int64(d.Limits().MaxBytes)); err == nil {
			l, err = d.Decode(context.Background(), data)
		}
	case req.LogoData != "" && request.ValidLogoData(req.LogoData):
		path = "logo"
		l, err = d.DecodeDataURL(context.Background(), req.LogoData)
	default:
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "generate: %s: %v\n", path, err)
		return exitUsage
	}
	req.Logo, req.LogoData = l.Data, ""
	return exitOK
}

// readLimited reads a file, refusing one over n bytes without reading it all.
func readLimited(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, n+1))
	if err == nil && int64(len(data)) > n {
		err = &logo.Error{Kind: logo.KindTooLarge, Max: int(n)}
	}
	return data, err
}

// writeOver writes data to the file path as os.WriteFile does, but
// writes over what an existing file holds instead of truncating it first
// and then cuts it to data's length. A run again into the same directory
// is the common case, and there freeing the old file's blocks is what
// costs: on this machine's ext4, 180 leaflets took 48-62 ms truncated and
// written, 3.8 ms written over. Neither way is atomic: a write that
// fails leaves the file broken, and generate says so and fails.
func writeOver(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
