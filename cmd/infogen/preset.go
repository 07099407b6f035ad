package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// runLocalesPreset writes the shipped paragraphs prepared ahead of time
// and the shipped leaflets' fitting steps (package prepared):
// `infogen locales preset --out FILE --steps FILE`.
func runLocalesPreset(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("locales preset", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "", "write the preset to `FILE`")
	stepsOut := fl.String("steps", "", "write the fitting steps to `FILE`")
	if err := fl.Parse(args); err != nil {
		return reportedError{usage: true}
	}
	if *out == "" || *stepsOut == "" || fl.NArg() > 0 {
		return usagef("want --out FILE --steps FILE and no arguments")
	}
	rec, err := recordPresetOrders()
	if err != nil {
		return err
	}
	data, n, err := rec.preset()
	if err != nil {
		return err
	}
	steps, err := rec.steps()
	if err != nil {
		return err
	}
	if err := writeOver(*out, data, 0o644); err != nil {
		return err
	}
	if err := writeOver(*stepsOut, steps.Append(nil), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\t%d paragraphs\t%d bytes\n%s\t%d steps\n", *out, n, len(data), *stepsOut, steps.Len())
	return nil
}

// presetOrders are the two orders the preset is made from: every
// language and topic, for municipalities, contacts and dates that share
// nothing. A paragraph both set names none of an order's own data.
func presetOrders() ([2]*request.Request, [2]time.Time, error) {
	var reqs [2]*request.Request
	for i := range reqs {
		var err error
		if reqs[i], err = request.Parse(bytes.NewReader(exampleRequest)); err != nil {
			return reqs, [2]time.Time{}, err
		}
		reqs[i].Formats = []string{string(vocab.PDF)}
		reqs[i].Topics = nil
		for _, t := range vocab.Topics() {
			reqs[i].Topics = append(reqs[i].Topics, string(t))
		}
	}
	other := reqs[1]
	other.Municipality = request.Municipality{Code: "2584", Name: "Kiruna kommun"}
	other.Contacts = []request.Contact{
		{Role: "social_services", Name: "Individ- och familjeomsorgen", Phone: "0980-700 00", Email: "ifo@kiruna.example",
			Web: "https://kiruna.example/hjalp", Address: "Box 1, Kiruna",
			Hours: []request.Hours{{Days: "mon-fri", From: "09:00", To: "15:00"}}},
		{Role: "social_emergency", Name: "Jouren i Norrbotten", Phone: "0920-100 00",
			Hours: []request.Hours{{Days: "sat-sun", From: "00:00", To: "23:59"}}},
		{Role: "womens_shelter", Name: "Tjejjouren Kiruna", Phone: "0980-111 11"},
		{Role: "parenting_support", Name: "Öppna förskolan", Phone: "0980-222 22"},
	}
	return reqs, [2]time.Time{time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), time.Date(2027, 11, 2, 0, 0, 0, 0, time.UTC)}, nil
}

// presetRecord is what the engine prepared for each of presetOrders, by
// layout.PresetKey, the steps fitting's search found for the first
// order's leaflets without hints, what the second order's leaflets
// measured, and the app that made the second.
type presetRecord struct {
	orders     [2]map[string]layout.Paragraph
	firstSteps *compose.Hints
	measures   []layout.PresetMeasure
	fonts      *fonts.Set
	second     *presetApp
}

// recordPresetOrders makes the leaflets of both presetOrders, each in an
// app of its own without a preset, and records the paragraphs each
// prepared: all of its paragraphs, once each.
func recordPresetOrders() (*presetRecord, error) {
	reqs, dates, err := presetOrders()
	if err != nil {
		return nil, err
	}
	rec := new(presetRecord)
	for i, req := range reqs {
		pa, err := newPresetApp(dates[i], pdf.EmbeddedOptions{NoPreset: true, NoHints: true}, i == 1)
		if err != nil {
			return nil, err
		}
		req.Languages = pa.catalog.Tags()
		if _, err := pa.builder.Build(req); err != nil {
			return nil, fmt.Errorf("the order for %s: %w", req.Municipality.Name, err)
		}
		rec.orders[i], rec.fonts = pa.prepared(), pa.fonts
		if i == 0 {
			rec.firstSteps = pa.fitted
		} else {
			rec.second, pa.order = pa, req // steps makes more with it
			rec.measures = pa.measured()
		}
	}
	return rec, nil
}

// presetApp is an app of generate's defaults that records what its
// engine prepares and the steps its leaflets are fitted at.
type presetApp struct {
	*app
	mu       sync.Mutex
	seen     map[string]layout.Paragraph
	measures []layout.PresetMeasure
	fitted   *compose.Hints
	order    *request.Request // the order it made
}

// newPresetApp is the app of generate's defaults on day, with opt's
// preset and hints or without; with measure, it records what its engine
// is asked to measure (and then caches no lines: see layout.Options).
func newPresetApp(day time.Time, opt pdf.EmbeddedOptions, measure bool) (*presetApp, error) {
	pa := &presetApp{seen: map[string]layout.Paragraph{}, fitted: compose.NewHints()}
	opt.Fitted = pa.fitted
	opt.Prepared = func(p layout.Paragraph) {
		key := layout.PresetKey(p)
		pa.mu.Lock()
		pa.seen[key] = p
		pa.mu.Unlock()
	}
	if measure {
		opt.Measured = func(p layout.Paragraph, width float64) {
			pa.mu.Lock()
			pa.measures = append(pa.measures, layout.PresetMeasure{Para: p, Width: width})
			pa.mu.Unlock()
		}
	}
	policy, _ := parsePolicy("high") // generate's default
	var err error
	pa.app, err = newApp(appOptions{Policy: policy, Now: func() time.Time { return day }, Embedded: opt})
	return pa, err
}

// prepared returns the paragraphs the app's engine has prepared so far.
func (pa *presetApp) prepared() map[string]layout.Paragraph {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	return maps.Clone(pa.seen)
}

// measured returns what the app's engine has been asked to measure so
// far.
func (pa *presetApp) measured() []layout.PresetMeasure {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	return slices.Clone(pa.measures)
}

// steps returns the step fitting's search found for every leaflet of the
// second of presetOrders, on each paper and, on A4, in large print: the
// hints (compose.Hints) for the leaflets of any order. They are the
// second order's, not the first's, which is generate's example: fitting
// the example starts from another municipality's steps, as any order's
// does.
func (r *presetRecord) steps() (*compose.Hints, error) {
	pa := r.second
	made, _ := vocab.ParsePaper(pa.order.Paper)
	if made == "" {
		made = vocab.A4
	}
	for _, v := range []struct {
		paper vocab.Paper
		large bool
	}{{vocab.A4, false}, {vocab.A5, false}, {vocab.A4, true}} { // large print is A4 only (request.CodeLargePrintA4)
		if v.paper == made && v.large == pa.order.LargePrint {
			continue // made by recordPresetOrders
		}
		req := *pa.order
		req.Paper, req.LargePrint = string(v.paper), v.large
		if _, err := pa.builder.Build(&req); err != nil {
			return nil, fmt.Errorf("the order for %s on %s: %w", req.Municipality.Name, v.paper, err)
		}
	}
	return pa.fitted, nil
}

// preset writes the paragraphs both orders prepared as a preset, with
// the lines the second order's leaflets measured of them on its paper,
// and returns it and the number of paragraphs in it. The measurements
// are the second order's, not the first's, for the reason steps gives.
func (r *presetRecord) preset() ([]byte, int, error) {
	shared := r.shared()
	if len(shared) == 0 {
		return nil, 0, errors.New("the two orders share no paragraph")
	}
	eng, err := layout.New(r.fonts)
	if err != nil {
		return nil, 0, err
	}
	data, err := eng.WritePreset(shared, r.measures)
	return data, len(shared), err
}

// shared returns the paragraphs both orders prepared, sorted by key.
func (r *presetRecord) shared() []layout.Paragraph {
	var out []layout.Paragraph
	for _, key := range slices.Sorted(maps.Keys(r.orders[0])) {
		if _, ok := r.orders[1][key]; ok {
			out = append(out, r.orders[0][key])
		}
	}
	return out
}
