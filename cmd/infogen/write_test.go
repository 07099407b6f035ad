package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/assemble"
)

// TestWriteFiles writes files on several goroutines: each lands whole
// under its own name, and each error stays with its file.
func TestWriteFiles(t *testing.T) {
	tests := []struct {
		name    string
		files   int
		blocked []int // files whose path is taken by a directory
	}{
		{"none", 0, nil},
		{"one", 1, nil},
		{"many", 50, nil},
		{"first blocked", 5, []int{0}},
		{"some blocked", 20, []int{3, 17}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []assemble.File
			for i := range tt.files {
				files = append(files, assemble.File{
					Name: "f" + strconv.Itoa(i) + ".pdf",
					Data: bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i*37),
				})
			}
			blocked := map[int]bool{}
			for _, i := range tt.blocked {
				blocked[i] = true
				if err := os.Mkdir(filepath.Join(dir, files[i].Name), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			errs := writeFiles(dir, files)
			if len(errs) != len(files) {
				t.Fatalf("%d errors for %d files", len(errs), len(files))
			}
			for i, f := range files {
				if blocked[i] {
					if errs[i] == nil || !strings.Contains(errs[i].Error(), f.Name) {
						t.Errorf("%s: error %v, want one naming the file", f.Name, errs[i])
					}
					continue
				}
				if errs[i] != nil {
					t.Errorf("%s: %v", f.Name, errs[i])
					continue
				}
				got, err := os.ReadFile(filepath.Join(dir, f.Name))
				if err != nil || !bytes.Equal(got, f.Data) {
					t.Errorf("%s: read back %d bytes (%v), want %d", f.Name, len(got), err, len(f.Data))
				}
			}
		})
	}
}

// TestGenerateReportsWriteError: a file that cannot be written fails the
// run with its path, and the files listed before it are on disk.
func TestGenerateReportsWriteError(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "vald_en.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "generate", "--example", "--formats", "html", "--topics", "vald", "--langs", "sv,en,ar", "--out", dir)
	if code != exitFailure || !strings.Contains(errOut, "vald_en.html") {
		t.Fatalf("exit %d, stderr %q: want a failure naming vald_en.html", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], filepath.Join(dir, "vald_sv.html")+"\t") {
		t.Fatalf("stdout %q: want only vald_sv.html, listed before the failure", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "vald_sv.html")); err != nil {
		t.Error(err)
	}
}
