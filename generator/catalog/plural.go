package catalog

// PluralExamples returns, for each plural form the locale uses, the first
// few whole numbers (up to n of them, from 0 to 1000) its rules give that
// form: what a translator needs to know which form is which
// ("few: 3, 4, 5, 6"). It asks go-i18n's rules as probePluralForms does.
func (l *Locale) PluralExamples(n int) map[Form][]int {
	forms, err := formsOfCounts(l.ruleTag, 1001)
	if err != nil {
		return nil
	}
	out := map[Form][]int{}
	for k, f := range forms {
		if len(out[f]) < n {
			out[f] = append(out[f], k)
		}
	}
	return out
}
