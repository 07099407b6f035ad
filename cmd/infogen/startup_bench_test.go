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

// BenchmarkGenerateAll is the whole of `infogen generate --langs all
// --topics all --formats pdf` but the process start: start-up, 180
// leaflets, writing the files.
func BenchmarkGenerateAll(b *testing.B) {
	out := b.TempDir()
	for b.Loop() {
		if code := run([]string{"generate", "--example", "--langs", "all", "--topics", "all", "--formats", "pdf", "--out", out},
			nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkGenerateOne is `infogen generate --langs ar --topics vald
// --formats pdf` but the process start: start-up, one cold leaflet,
// writing it.
func BenchmarkGenerateOne(b *testing.B) {
	out := b.TempDir()
	for b.Loop() {
		if code := run([]string{"generate", "--example", "--langs", "ar", "--topics", "vald", "--formats", "pdf", "--out", out},
			nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
