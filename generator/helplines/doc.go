// Package helplines holds the national help lines as data: number,
// audience, opening hours, whether the call is free, anonymous and off the
// phone bill, the source it was taken from with that source's date, the
// date the project last checked it, and a confidence for the number and for
// the hours.
//
// A number in a leaflet about violence must be exact; so the numbers live
// here, once, with their provenance, and never inside translated prose. A
// topic names the lines it prints (package content); Select applies the
// printing policy:
//
//   - a line for professionals (audience "professional") is never printed
//     for the public, whatever the configuration;
//   - a line is printed only if the confidence of its number reaches the
//     policy's minimum (high by default, medium at the lowest: a low or
//     unverified number is never printed);
//   - its hours are printed only if their own confidence reaches it too;
//     otherwise the leaflet prints the number without hours.
//
// A line may have more than one number (Kvinnofridslinjen: 116 016, the
// EU-harmonised number since April 2025, and 020-50 50 50, which still
// connects): Number is printed first, Also beside it on the same card, and
// number_source_url/number_source_date name the numbers' own source.
//
// Stale reports which lines were last verified longer ago than a given age,
// so that an administrator re-checks them against the live page before
// printing.
//
//	set, err := helplines.Load()
//	lines, skipped := set.Select([]string{"nodnummer", "kvinnofridslinjen"}, helplines.Policy{})
package helplines
