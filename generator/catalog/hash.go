package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// Hash is a SHA-256 over every leaflet locale's messages as written
// (tag, ID, each plural form's text), in a fixed order: two catalogs
// with the same hash print the same texts. Orders record it to tell,
// later, whether their leaflets would now come out different.
//
// It reads every locale, so it loads those not yet loaded; a locale that
// fails to load counts by its error.
func (c *Catalog) Hash() string {
	h := sha256.New()
	for _, tag := range c.order {
		h.Write([]byte("locale\x00" + tag + "\x00"))
		l, err := c.Locale(tag)
		if err != nil {
			h.Write([]byte("error\x00" + err.Error() + "\x00"))
			continue
		}
		for _, id := range l.ids {
			m := l.messages[id]
			h.Write([]byte("msg\x00" + id + "\x00"))
			forms := make([]string, 0, len(m.Forms))
			for f := range m.Forms {
				forms = append(forms, string(f))
			}
			slices.Sort(forms)
			for _, f := range forms {
				h.Write([]byte(f + "\x00" + m.Forms[Form(f)] + "\x00"))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
