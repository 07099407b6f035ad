package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/render/pdf"
)

const proofUsage = `Usage:
  infogen proof --lang L (--text T | --message ID) --out FILE.pdf [--locales DIR]

Typesets one string as a leaflet paragraph in the locale's font, direction
and size, for translators to check a string and for tests. A message's
placeholders are filled with sample values ({{.Municipality}}: Halmstads
kommun, {{.Count}}: 4); a character no font draws is an error naming it.
`

func runProof(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("proof", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, proofUsage) }
	lang := fl.String("lang", "", "locale `TAG`: its font, direction and size")
	text := fl.String("text", "", "the `TEXT` to set")
	msgID := fl.String("message", "", "a message `ID` of the locale to set")
	out := fl.String("out", "", "output `FILE.pdf`")
	localesDir := fl.String("locales", "", "read locale files from `DIR` instead of the embedded set")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	switch {
	case fl.NArg() > 0:
		fmt.Fprintf(stderr, "proof: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	case *lang == "" || *out == "":
		fmt.Fprint(stderr, "proof: --lang and --out are required\n"+proofUsage)
		return exitUsage
	case (*text == "") == (*msgID == ""):
		fmt.Fprint(stderr, "proof: give one of --text and --message\n"+proofUsage)
		return exitUsage
	}
	cat, err := catalog.Load(localesFS(*localesDir))
	if err != nil {
		fmt.Fprintf(stderr, "proof: locales: %v\n", err)
		return exitFailure
	}
	loc, err := cat.Locale(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "proof: %v\n", err)
		return exitUsage
	}
	row := pdf.ProofRow{Text: *text, Lang: loc.Tag(), Dir: loc.Meta().Direction, Font: loc.Meta().Font, Script: loc.Meta().Script}
	if *msgID != "" {
		row.Label = *msgID
		if row.Text, err = proofMessage(loc, *msgID); err != nil {
			fmt.Fprintf(stderr, "proof: %v\n", err)
			return exitUsage
		}
	}
	r, err := pdf.NewEmbedded()
	if err != nil {
		fmt.Fprintf(stderr, "infogen: %v\n", err)
		return exitFailure
	}
	data, err := r.Proof([]pdf.ProofRow{row})
	if err != nil {
		fmt.Fprintf(stderr, "proof: %v\n", err)
		return exitFailure
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "proof: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s (%d bytes)\n", *out, len(data))
	return exitOK
}

// proofMessage returns message id of loc with sample placeholder values;
// a message with plural forms gives its form for 4.
func proofMessage(loc *catalog.Locale, id string) (string, error) {
	m, ok := loc.Message(id)
	if !ok {
		return "", &catalog.MissingMessageError{Lang: loc.Tag(), ID: id}
	}
	// Sample values for every placeholder the leaflets fill; day names in
	// the locale's own words, so that a proof of an hours line reads true.
	day := func(id string) string {
		s, _ := loc.Text(id, nil)
		return s
	}
	sample := map[string]any{
		"Municipality": "Halmstads kommun", "Emergency": "112", "Number": "020-50 50 50",
		"Days": day("day.mon"), "From": "08:00", "To": "16:30",
	}
	if id == "hours.day_range" {
		sample["From"], sample["To"] = day("day.mon"), day("day.fri")
	}
	if len(m.Forms) > 1 {
		return loc.Plural(id, 4, sample)
	}
	s, err := loc.Text(id, sample)
	var te *catalog.TemplateError
	if errors.As(err, &te) {
		return "", fmt.Errorf("%w (a proof fills only the leaflets' placeholders)", err)
	}
	return s, err
}
