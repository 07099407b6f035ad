package fonts

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestFSHasEveryFont holds the embedded list to the *.ttf files in this
// directory: each is in FS, byte for byte, and Bytes gives the same bytes.
func TestFSHasEveryFont(t *testing.T) {
	disk, err := filepath.Glob("*.ttf")
	if err != nil || len(disk) == 0 {
		t.Fatalf("no *.ttf beside the package: %v", err)
	}
	fsys := FS()
	embedded, err := fs.Glob(fsys, "*.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) != len(disk) {
		t.Fatalf("FS has %d fonts %v, the directory %d %v", len(embedded), embedded, len(disk), disk)
	}
	shared := fsys.(interface{ Bytes(string) ([]byte, bool) })
	for _, name := range disk {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fs.ReadFile(fsys, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("fs.ReadFile(%s): %d bytes, err %v; want the file's %d", name, len(got), err, len(want))
		}
		inPlace, ok := shared.Bytes(name)
		if !ok || !bytes.Equal(inPlace, want) {
			t.Errorf("Bytes(%s): %d bytes, ok %v; want the file's %d", name, len(inPlace), ok, len(want))
		}
	}
	if _, ok := shared.Bytes("OFL.txt"); ok {
		t.Error("Bytes(OFL.txt) answered: only fonts are handed out in place")
	}
}

// TestFSConforms runs the standard library's checks of an fs.FS: opening,
// reading, seeking, listing and globbing every file.
func TestFSConforms(t *testing.T) {
	disk, _ := filepath.Glob("*.ttf")
	if err := fstest.TestFS(FS(), append(disk, "OFL.txt")...); err != nil {
		t.Fatal(err)
	}
}
