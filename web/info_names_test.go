package web

import (
	"testing"

	"infogeneratorn/generator/catalog"
)

// TestUINamesEveryLanguage: every UI locale but the source names every
// leaflet locale itself, so that no UI shows a language by its Swedish
// name (languageNames' fallback), and Swedish names come from
// locales.toml.
func TestUINamesEveryLanguage(t *testing.T) {
	cat := loadFixture(t).cat
	for _, ui := range cat.UITags() {
		l, err := cat.UI(ui)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range cat.Tags() {
			m, _ := cat.Meta(tag)
			if ui == catalog.SourceTag {
				if m.NameSwedish == "" {
					t.Errorf("%s has no Swedish name in locales.toml", tag)
				}
				continue
			}
			if name, _ := l.Text("language."+tag, nil); name == "" {
				t.Errorf("UI %s does not name %s (language.%s)", ui, tag, tag)
			}
		}
	}
}
