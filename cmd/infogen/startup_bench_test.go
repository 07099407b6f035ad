package main

import (
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
