package catalog

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// PluralExamples returns, for each plural form the locale uses, the first
// few whole numbers (up to n of them, from 0 to 1000) its rules give that
// form: what a translator needs to know which form is which
// ("few: 3, 4, 5, 6"). It asks go-i18n's rules as probePluralForms does.
func (l *Locale) PluralExamples(n int) map[Form][]int {
	b := i18n.NewBundle(l.ruleTag)
	probe := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(l.ruleTag, probe); err != nil {
		return nil
	}
	loc := i18n.NewLocalizer(b, l.ruleTag.String())
	out := map[Form][]int{}
	for k := 0; k <= 1000; k++ {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "probe", PluralCount: k})
		if err != nil {
			return nil
		}
		if f := Form(s); len(out[f]) < n {
			out[f] = append(out[f], k)
		}
	}
	return out
}
