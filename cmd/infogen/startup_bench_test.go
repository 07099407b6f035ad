package main

import (
	"io"
	"testing"

	"infogeneratorn/generator/helplines"
)

// BenchmarkStartup is the command line's start-up: everything newApp
// builds before the first leaflet. Profile it with
//
//	go test -run '^$' -bench Startup -benchtime 20x -cpuprofile cpu.out ./cmd/infogen
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newApp(appOptions{Policy: helplines.Policy{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate is the whole of a generate command but the process
// start: start-up, the leaflets (one cold Arabic one; all 180), writing
// the files.
func BenchmarkGenerate(b *testing.B) {
	for _, bm := range []struct{ name, langs, topics string }{
		{"one", "ar", "vald"},
		{"all", "all", "all"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			out := b.TempDir()
			args := []string{"generate", "--example", "--langs", bm.langs, "--topics", bm.topics, "--formats", "pdf", "--out", out}
			for b.Loop() {
				if code := run(args, nil, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
