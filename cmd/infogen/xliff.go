package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"infogeneratorn/fonts"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/exchange"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/generator/xliff"
)

// runLocalesExport writes a locale as XLIFF 2 for a translator's CAT tool.
func runLocalesExport(args []string, stdout, stderr io.Writer) error {
	fl, dir := newLocalesFlags("export", stderr)
	lang := fl.String("lang", "", "the locale `L` to export (a tag such as ar or fa-AF)")
	topic := fl.String("topic", "", "only the messages of `TOPIC` (default: every message)")
	format := fl.String("format", "xliff", "the exchange `FORMAT`: xliff (XLIFF 2.0)")
	out := fl.String("out", "", "output `FILE.xlf`")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *lang == "" || *out == "" || *format != "xliff" {
		return usagef("--lang and --out are required; --format is xliff")
	}
	var t vocab.TopicID
	if *topic != "" {
		var err error
		if t, err = parseTopic(*topic); err != nil {
			return err
		}
	}
	snap, err := loadLocales(*dir)
	if err != nil {
		return err
	}
	topics, err := loadTopics()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := exchange.WriteExport(&b, exchange.Locales{Snap: snap, Topics: topics}, *lang, t); err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: XLIFF 2.0, sv → %s (%d bytes)\n", *out, *lang, b.Len())
	return nil
}

// runLocalesImport writes the translations of an XLIFF file into the
// locale's TOML file, all or nothing.
func runLocalesImport(args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("locales import", stderr)
	dir := fl.String("locales", "locales", "the locales `DIR` to write into")
	lang := fl.String("lang", "", "the locale `L` the file translates into")
	if err := fl.Parse(args); err != nil {
		return reportedError{usage: true}
	}
	if *lang == "" || fl.NArg() != 1 {
		return usagef("usage: infogen locales import --lang L [--locales DIR] FILE.xlf")
	}
	name := fl.Arg(0)
	file, err := os.Open(name)
	if err != nil {
		return err
	}
	defer file.Close()
	cov, err := lint.LoadCoverage(fonts.FS())
	if err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	res, err := exchange.Import(exchange.ImportConfig{Dir: *dir, Fonts: cov, Lang: *lang, Name: name, Limits: xliff.DefaultLimits}, file)
	var re *exchange.RefusedError
	if errors.As(err, &re) {
		for _, p := range re.Problems {
			fmt.Fprintf(stderr, "%s:%s\n", name, p)
		}
		return fmt.Errorf("refused, nothing written (%d problem(s))", len(re.Problems))
	}
	if err != nil {
		return err
	}
	target := filepath.Join(*dir, *lang+".toml")
	if !res.Written {
		fmt.Fprintf(stdout, "%s: %d units, no text changed; %s left as it was\n", name, res.Units, target)
		return nil
	}
	fmt.Fprintf(stdout, "%s: %d units, %d message(s) changed in %s (their approvals, if any, no longer hold)\n",
		name, res.Units, len(res.Changed), target)
	return nil
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

func loadTopics() (*content.Set, error) {
	lines, err := helplines.Load()
	if err != nil {
		return nil, err
	}
	return content.Load(lines.Has)
}
