package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/locales"
)

// TestLocalesExportImport: the commands as a translator runs them. An
// unchanged export imports as "no text changed"; a broken placeholder is
// refused with the unit and the line, exit 1, and nothing written.
func TestLocalesExportImport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "locales")
	if err := os.CopyFS(dir, locales.FS()); err != nil {
		t.Fatal(err)
	}
	xlf := filepath.Join(t.TempDir(), "so.xlf")
	code, out, errOut := runCLI(t, "", "locales", "export", "--lang", "so", "--topic", "vald", "--format", "xliff", "--out", xlf)
	if code != exitOK || !strings.Contains(out, "XLIFF 2.0, sv → so") {
		t.Fatalf("export: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "locales", "import", "--lang", "so", "--locales", dir, xlf)
	if code != exitOK || !strings.Contains(out, "no text changed") {
		t.Fatalf("import: exit %d: %s%s", code, out, errOut)
	}
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	const ph = `<ph id="1" dataRef="d1" disp="{{.Emergency}}" canDelete="no"/>`
	i := strings.Index(string(data), `<unit id="vald.danger">`)
	j := strings.Index(string(data)[i:], "<target>")
	k := strings.LastIndex(string(data)[:i+j+500], ph)
	if i < 0 || j < 0 || k < i+j {
		t.Fatal("no target with the emergency placeholder in vald.danger")
	}
	broken := string(data)[:k] + string(data)[k+len(ph):]
	if err := os.WriteFile(xlf, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "so.toml"))
	code, _, errOut = runCLI(t, "", "locales", "import", "--lang", "so", "--locales", dir, xlf)
	line := strings.Count(broken[:i+j], "\n") + 1
	if code != exitFailure || !strings.Contains(errOut, "unit vald.danger: missing <ph> for {{.Emergency}}") ||
		!strings.Contains(errOut, xlf+":line "+strconv.Itoa(line)+":") {
		t.Errorf("exit %d, stderr %q (want line %d)", code, errOut, line)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "so.toml"))
	if string(before) != string(after) {
		t.Error("so.toml changed by a refused import")
	}
}
