// Package municipality knows Sweden's 290 municipalities: their four-digit
// codes (SCB's kommunkod), names and counties.
//
// The list is embedded from kommuner.csv (a public data file citing SCB,
// cross-checked against a second public list in November 2026). A request
// may name a municipality by code, which must be one of these, or give a
// free name for bodies that are not municipalities (a county council, a
// joint social-services board).
//
//	list, err := municipality.Load()
//	m, ok := list.ByCode("1380") // Halmstad, Hallands län
package municipality
