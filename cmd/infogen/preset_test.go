package main

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"infogeneratorn/generator/prepared"
	"infogeneratorn/generator/render/pdf"
)

// TestPresetCurrent: the shipped preset and fitting steps (package
// prepared) are the ones the program makes now from the locale files,
// fonts and engine, so that every paragraph the preset holds is the
// engine's analysis of it; and with them, a new process making every
// leaflet of an order prepares only the paragraphs the preset cannot
// hold, those of the order's own municipality, contacts and date, and
// fits every leaflet at the step it is fitted at without hints.
func TestPresetCurrent(t *testing.T) {
	rec, err := recordPresetOrders()
	if err != nil {
		t.Fatal(err)
	}
	want, shared, err := rec.preset()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("order 1 prepares %d paragraphs, order 2 %d; %d are in both", len(rec.orders[0]), len(rec.orders[1]), shared)
	if !bytes.Equal(prepared.Paragraphs(), want) {
		t.Fatalf("generator/prepared/paragraphs.bin (%d bytes) is not the preset the program makes now (%d bytes): run go generate ./generator/prepared",
			len(prepared.Paragraphs()), len(want))
	}

	steps, err := rec.steps()
	if err != nil {
		t.Fatal(err)
	}
	if got := steps.Append(nil); prepared.Steps() != string(got) {
		t.Fatalf("generator/prepared/steps.tsv (%d bytes) is not the steps the program fits at now (%d bytes): run go generate ./generator/prepared",
			len(prepared.Steps()), len(got))
	}
	t.Logf("%d fitting steps", steps.Len())

	reqs, dates, err := presetOrders()
	if err != nil {
		t.Fatal(err)
	}
	a, err := newPresetApp(dates[0], pdf.EmbeddedOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	reqs[0].Languages = a.catalog.Tags()
	if _, err := a.builder.Build(reqs[0]); err != nil {
		t.Fatal(err)
	}
	if fitted, want := a.fitted.Append(nil), rec.firstSteps.Append(nil); !bytes.Equal(fitted, want) {
		t.Errorf("with the hints, the order's leaflets are fitted at other steps than without:\n%s", lineDiff(want, fitted))
	}
	got := a.prepared
	var own []string
	for key := range rec.orders[0] {
		if _, ok := rec.orders[1][key]; !ok {
			own = append(own, key)
		}
	}
	slices.Sort(own)
	if keys := slices.Sorted(maps.Keys(got())); !slices.Equal(keys, own) {
		t.Errorf("with the preset, the order prepared %d paragraphs, want the %d of its own", len(keys), len(own))
	}
	// What is left names the order: Halmstad's name, addresses,
	// contacts and hours, or the date.
	for _, key := range own {
		if !slices.ContainsFunc([]string{"almstad", "035-", "Socialjouren", "Kvinnojouren", "Andersberg",
			"08:00", "16:30", "2026"}, func(s string) bool { return strings.Contains(key, s) }) {
			t.Errorf("prepared with the preset, though it names nothing of the order: %q", key)
		}
	}
	t.Logf("with the preset, the order prepares the %d paragraphs of its own", len(own))
}

// lineDiff lists the lines of a and b that the other lacks.
func lineDiff(a, b []byte) string {
	var out []string
	as, bs := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for _, l := range as {
		if !slices.Contains(bs, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bs {
		if !slices.Contains(as, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
