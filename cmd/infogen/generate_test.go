package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// writeOver leaves exactly the new bytes, whatever the file held before,
// and fails where os.WriteFile fails.
func TestWriteOver(t *testing.T) {
	long := bytes.Repeat([]byte("old leaflet "), 10000)
	tests := []struct {
		name    string
		before  []byte // nil: no file
		data    []byte
		wantErr bool
	}{
		{"new file", nil, []byte("%PDF-1.6 new"), false},
		{"over a longer file", long, []byte("%PDF-1.6 short"), false},
		{"over a shorter file", []byte("old"), long, false},
		{"same length", []byte("abcdef"), []byte("ghijkl"), false},
		{"empty data", long, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "vald_ar_a4.pdf")
			if tt.before != nil {
				if err := os.WriteFile(path, tt.before, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeOver(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.data) {
				t.Errorf("file holds %d bytes (%.20q…), want the %d written", len(got), got, len(tt.data))
			}
			if tt.before == nil {
				if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
					t.Errorf("new file's mode %v (%v), want 0644", fi.Mode(), err)
				}
			}
		})
	}
	dir := t.TempDir()
	for name, path := range map[string]string{
		"a directory":         dir,
		"a missing directory": filepath.Join(dir, "missing", "x.pdf"),
	} {
		if err := writeOver(path, []byte("x"), 0o644); err == nil {
			t.Errorf("writing over %s: no error", name)
		}
	}
}
