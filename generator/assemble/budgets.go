package assemble

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"infogeneratorn/generator/vocab"
)

// Page budgets. A print shop orders one product per topic and paper: A4
// leaflets have 2 or 4 pages (one or two sheets printed on both sides),
// A5 leaflets 4 or 8 (one or two A4 sheets folded). Every language of a
// topic gets the same count: the smaller one where the longest language
// fits it at the sizes the floors allow, else the larger. budgets.json
// holds the counts, measured over all languages with the shipped example
// order (cmd/infogen/example-request.json); TestBudgets composes every
// leaflet again and fails when the table is stale or not minimal
// (go test -run TestBudgets -update rewrites it and testdata/budgets.md,
// the measurements behind it).
//
// An order whose own contacts push a language of a topic past the budget
// moves the whole topic up to the next count (all its languages), never
// past 4 A4 or 8 A5 pages; the manifest says so (ManifestFile.PageBudget
// is the table's count, Pages what the file has). A leaflet that does not
// fit the largest count is the composer's *compose.BudgetError, naming
// topic and language.
//
//go:embed budgets.json
var budgetsJSON []byte

// BudgetTable is budgets.json: per variant ("a4", "a5", "a4-large",
// "a5-large"), the page count of each topic.
type BudgetTable map[string]map[vocab.TopicID]int

// budgetCounts are the page counts a variant may have, smallest first.
// Large print on A4 takes one or two sheets more: 4 or 8 pages.
var budgetCounts = map[string][]int{"a4": {2, 4}, "a5": {4, 8}, "a4-large": {4, 8}, "a5-large": {8, 16}}

// Variant names a (paper, large print) pair in the budget table.
func Variant(paper vocab.Paper, large bool) string {
	if large {
		return string(paper) + "-large"
	}
	return string(paper)
}

// Counts returns the page counts a leaflet on paper may have, smallest first.
func Counts(paper vocab.Paper, large bool) []int {
	return slices.Clone(budgetCounts[Variant(paper, large)])
}

// LoadBudgets reads the embedded budget table and checks that every
// count is one a print shop can impose.
func LoadBudgets() (BudgetTable, error) {
	var t BudgetTable
	if err := json.Unmarshal(budgetsJSON, &t); err != nil {
		return nil, fmt.Errorf("budgets.json: %w", err)
	}
	for v, topics := range t {
		counts, ok := budgetCounts[v]
		if !ok {
			return nil, fmt.Errorf("budgets.json: unknown variant %q", v)
		}
		for topic, n := range topics {
			if !slices.Contains(counts, n) {
				return nil, fmt.Errorf("budgets.json: %s %s: %d pages cannot be imposed (want one of %v)",
					v, topic, n, counts)
			}
		}
	}
	return t, nil
}

// Budget returns the page count of a topic's leaflets on paper: the
// table's, or the smallest count for a topic the table does not list.
func (t BudgetTable) Budget(topic vocab.TopicID, paper vocab.Paper, large bool) int {
	if n, ok := t[Variant(paper, large)][topic]; ok {
		return n
	}
	return budgetCounts[Variant(paper, large)][0]
}

// next returns the count after n for the variant, or false at the largest.
func next(paper vocab.Paper, large bool, n int) (int, bool) {
	cs := budgetCounts[Variant(paper, large)]
	i := slices.Index(cs, n)
	if i < 0 || i == len(cs)-1 {
		return 0, false
	}
	return cs[i+1], true
}
