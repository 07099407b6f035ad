package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestProofCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		status int
		want   string // in pdftotext's output
	}{
		{"text", []string{"--lang", "ar", "--text", "اتصل بالرقم 112"}, exitOK, "112"},
		{"message", []string{"--lang", "sv", "--message", "vald.intro"}, exitOK, "vald.intro"},
		{"missing message", []string{"--lang", "sv", "--message", "no.such.message"}, exitUsage, ""},
		{"unknown locale", []string{"--lang", "xx", "--text", "a"}, exitUsage, ""},
		{"both", []string{"--lang", "sv", "--text", "a", "--message", "vald.intro"}, exitUsage, ""},
		{"neither", []string{"--lang", "sv"}, exitUsage, ""},
		{"no font", []string{"--lang", "sv", "--text", "字"}, exitFailure, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name+".pdf")
			var stdout, stderr bytes.Buffer
			status := run(append(append([]string{"proof"}, tt.args...), "--out", out), nil, &stdout, &stderr)
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr: %s", status, tt.status, stderr.String())
			}
			if tt.want == "" {
				return
			}
			text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), tt.want) {
				t.Errorf("pdftotext gave %q, want %q in it", text, tt.want)
			}
		})
	}
}
