package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"infogeneratorn/generator/helplines"
)

// runHelpLines lists the national help lines for an administrator: what
// each line is, how sure the project is of it, whether leaflets print it,
// and which entries were last checked so long ago that they must be
// checked against the live page before printing.
func runHelpLines(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("helplines", flag.ContinueOnError)
	fl.SetOutput(stderr)
	maxAge := fl.Int("max-age", 180, "flag entries last verified more than `DAYS` days ago")
	min := fl.String("min-confidence", "high", "the printing policy to show: high or medium")
	asJSON := fl.Bool("json", false, "write JSON")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	policy, ok := parsePolicy(*min)
	if !ok || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "helplines: --min-confidence is high or medium; no arguments")
		return exitUsage
	}
	set, err := helplines.Load()
	if err != nil {
		fmt.Fprintf(stderr, "infogen: %v\n", err)
		return exitFailure
	}
	now := time.Now()
	stale := map[string]bool{}
	for _, l := range set.Stale(now, time.Duration(*maxAge)*24*time.Hour) {
		stale[l.ID] = true
	}
	type row struct {
		helplines.Line
		Printed      bool   `json:"printed"`
		PrintedHours bool   `json:"printed_hours"`
		Why          string `json:"why_not_printed,omitempty"`
		Stale        bool   `json:"stale"`
	}
	var rows []row
	for _, l := range set.All() {
		r := row{Line: l, Stale: stale[l.ID]}
		printed, skipped := set.Select([]string{l.ID}, policy)
		if len(printed) == 1 {
			r.Printed, r.PrintedHours = true, printed[0].ShowHours
		} else if len(skipped) == 1 {
			r.Why = skipped[0].Reason
		}
		rows = append(rows, r)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return exitFailure
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNUMBER\tAUDIENCE\tCONFIDENCE\tHOURS\tVERIFIED\tSOURCE DATE\tPRINTED\t")
	for _, r := range rows {
		printed := "yes"
		switch {
		case !r.Printed:
			printed = "no: " + r.Why
		case !r.PrintedHours:
			printed = "yes, without hours"
		}
		verified := r.Verified
		if r.Stale {
			verified += " STALE: check the source"
		}
		sourceDate := r.SourceDate
		if r.NumberSourceDate != "" {
			sourceDate = r.NumberSourceDate + " (numbers); " + sourceDate
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.ID, strings.Join(r.Numbers(), ", "), r.Audience, r.Confidence,
			r.HoursConfidence, verified, sourceDate, printed)
	}
	if err := tw.Flush(); err != nil {
		return exitFailure
	}
	fmt.Fprintf(stdout, "\n%d lines; %d last verified more than %d days ago.\n", len(rows), len(stale), *maxAge)
	return exitOK
}

// parsePolicy reads a printing policy: "high" (the default) or "medium".
// Low and unverified numbers are never printed, so they are not offered.
func parsePolicy(s string) (helplines.Policy, bool) {
	switch helplines.Confidence(s) {
	case helplines.High, "":
		return helplines.Policy{MinConfidence: helplines.High}, true
	case helplines.Medium:
		return helplines.Policy{MinConfidence: helplines.Medium}, true
	}
	return helplines.Policy{}, false
}
