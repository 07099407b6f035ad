package municipality

import "strings"

// irregular are the municipalities whose official name does not follow
// the genitive rule below: Falun's is the old genitive "Falu", Kalmar and
// Orust take no -s, and Gotland's municipality is also its region and
// calls itself so.
var irregular = map[string]string{
	"Falun":   "Falu kommun",
	"Kalmar":  "Kalmar kommun",
	"Orust":   "Orust kommun",
	"Gotland": "Region Gotland",
}

// official returns the municipality's name as its issuer: the place name
// in the genitive and "kommun". Swedish adds -s to the place name unless
// it already ends in a vowel or in s, x or z (Kungsbacka kommun, Alingsås
// kommun, Halmstads kommun). Municipalities that call themselves "stad"
// (Stockholms stad) are legally kommuner too; the leaflet uses the legal
// form, and an order may give the name it prefers instead.
func official(name string) string {
	if o, ok := irregular[name]; ok {
		return o
	}
	r := []rune(strings.ToLower(name))
	if len(r) == 0 {
		return name
	}
	if strings.ContainsRune("aeiouyåäösxz", r[len(r)-1]) {
		return name + " kommun"
	}
	return name + "s kommun"
}
