package catalog

import (
	"crypto/sha256"
	"encoding/hex"
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
		for k := range l.messages {
			m := &l.messages[k]
			h.Write([]byte("msg\x00" + m.id + "\x00"))
			for _, f := range formsByName() {
				i, _ := formIndex(f)
				if s := m.form(i); s != "" {
					h.Write([]byte(string(f) + "\x00" + s + "\x00"))
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// formsByName returns the plural forms in the order of their names, the
// order the hash has written them in from the start.
func formsByName() [6]Form { return [...]Form{Few, Many, One, Other, Two, Zero} }
