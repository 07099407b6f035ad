package resolve

import (
	"testing"

	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// BenchmarkResolve resolves the example request's leaflets warm: one
// operation is one leaflet, taken in turn from every structured topic in
// every language, as the CLI's batch and the varied server load make them.
func BenchmarkResolve(b *testing.B) {
	f := newFixture(b, locales.FS())
	r := f.resolver(Config{})
	req := exampleRequest(b)
	type leaflet struct {
		topic vocab.TopicID
		lang  string
	}
	var all []leaflet
	for _, topic := range vocab.Topics() {
		if _, ok := f.topics.Topic(topic); !ok {
			continue
		}
		for _, lang := range f.cat.Tags() {
			all = append(all, leaflet{topic, lang})
		}
	}
	for _, l := range all { // warm: every locale parsed, every template compiled
		if _, err := r.Resolve(req, l.topic, l.lang); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		l := all[i%len(all)]
		if _, err := r.Resolve(req, l.topic, l.lang); err != nil {
			b.Fatal(err)
		}
	}
}
