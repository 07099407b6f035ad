package assemble

import (
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/resolve"
)

// Data is the reference data compiled into the program: the topics'
// structures, the national help lines and Sweden's municipalities. It is
// read once and shared; only the locales change while a server runs.
type Data struct {
	Topics         *content.Set
	HelpLines      *helplines.Set
	Municipalities *municipality.List
}

// LoadData reads and checks the embedded reference data.
func LoadData() (*Data, error) {
	lines, err := helplines.Load()
	if err != nil {
		return nil, err
	}
	topics, err := content.Load(lines.Has)
	if err != nil {
		return nil, err
	}
	munis, err := municipality.Load()
	if err != nil {
		return nil, err
	}
	return &Data{Topics: topics, HelpLines: lines, Municipalities: munis}, nil
}

// ResolveConfig returns a resolver configuration for the catalog with the
// reference data filled in; the caller adds vetting, policy and clock.
func (d *Data) ResolveConfig(cat *catalog.Catalog) resolve.Config {
	return resolve.Config{Catalog: cat, Topics: d.Topics, HelpLines: d.HelpLines, Municipalities: d.Municipalities}
}
