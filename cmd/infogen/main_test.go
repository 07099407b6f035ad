package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestGenerateExample(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "", "generate", "--example", "--formats", "html", "--out", dir, "--date", "2026-11-25")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, name := range []string{"vald_sv.html", "vald_en.html", "vald_ar.html", "foraldraskapsstod_sv.html", "foraldraskapsstod_en.html", "foraldraskapsstod_ar.html"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s not written: %v", name, err)
			continue
		}
		if !strings.Contains(out, name) {
			t.Errorf("stdout does not list %s", name)
		}
		if strings.HasSuffix(name, "_ar.html") && !bytes.Contains(data, []byte(`<html lang="ar" dir="rtl">`)) {
			t.Errorf("%s is not marked lang=ar dir=rtl", name)
		}
	}
	if !strings.Contains(out, "NOT VETTED") {
		t.Error("stdout does not say which leaflets are not vetted")
	}
}

// TestGenerateFlagsOverrideRequest: --langs and --topics replace the
// request's; --langs all is every language the catalog holds, which
// runGenerate learns only once the app is read.
func TestGenerateFlagsOverrideRequest(t *testing.T) {
	locales, err := filepath.Glob("../../locales/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var everyLang []string
	for _, l := range locales {
		if name := strings.TrimSuffix(filepath.Base(l), ".toml"); name != "locales" {
			everyLang = append(everyLang, "vald_"+name+".html")
		}
	}
	tests := []struct {
		langs string
		want  []string
	}{
		{"ar", []string{"vald_ar.html"}},
		{"all", everyLang},
	}
	for _, tt := range tests {
		t.Run(tt.langs, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := runCLI(t, "", "generate", "--example", "--formats", "html", "--langs", tt.langs, "--topics", "vald", "--out", dir)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrote %d files %v,\nwant %d: %v", len(got), got, len(tt.want), tt.want)
			}
			if n := strings.Count(out, "\n"); n != len(tt.want) {
				t.Errorf("stdout lists %d files, want %d", n, len(tt.want))
			}
		})
	}
}

func TestGenerateFromStdin(t *testing.T) {
	dir := t.TempDir()
	req := `{"municipality":{"code":"2584"},"topics":["vald"],"languages":["sv"],"formats":["html"]}`
	code, _, errOut := runCLI(t, req, "generate", "--request", "-", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "vald_sv.html"))
	if err != nil || !bytes.Contains(data, []byte("Kiruna")) {
		t.Errorf("leaflet for code 2584 does not name Kiruna: %v", err)
	}
}

func TestGenerateInvalidRequest(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		wants       []string
	}{
		{"field errors named in Swedish and English",
			`{"municipality":{"name":"X"},"topics":["vald","nope"],"languages":["sv"],"formats":["html"],
			  "contacts":[{"role":"social_services","name":"Soc","phone":"035-13\u202e70 00"}]}`,
			nil, exitUsage,
			[]string{"topics[1]", "contacts[0].phone", "U+202E", "osynligt tecken", "invisible character"}},
		{"syntax error names file, line and column", "{\n  \"topics\": [\"vald\",]\n}", nil, exitUsage,
			[]string{"<stdin>:2:21:"}},
		{"unknown key", `{"langauges":["sv"]}`, nil, exitUsage, []string{"<stdin>:1:2:", "langauges"}},
		{"unknown format", `{"municipality":{"name":"X"},"topics":["vald"],"languages":["sv"]}`,
			[]string{"--formats", "docx"}, exitUsage, []string{"formats[0]", "docx"}},
		{"unknown flag", "", []string{"--nope"}, exitUsage, []string{"nope"}},
		{"a character no font draws", `{"municipality":{"name":"X"},"topics":["vald"],"languages":["sv"],"formats":["html"],
			"contacts":[{"role":"social_services","name":"Soc 😀","phone":"035-13 70 00"}]}`, nil, exitUsage,
			[]string{"contacts[0].name", "U+1F600"}},
		{"logo too costly to decode", `{"municipality":{"name":"X"},"topics":["vald"],"languages":["sv"],"formats":["html"]}`,
			[]string{"--logo", "../../generator/logo/testdata/cmyk-progressive-4000.jpg"}, exitUsage,
			[]string{"4000 × 4000 progressive CMYK JPEG", "megapixels"}},
		{"logo in the request not an image", `{"municipality":{"name":"X"},"topics":["vald"],"languages":["sv"],"formats":["html"],
			"logo":"data:image/png;base64,aGVsbG8="}`, nil, exitUsage, []string{"logo", "not a PNG or JPEG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"generate", "--request", "-", "--out", t.TempDir()}, tt.args...)
			code, _, errOut := runCLI(t, tt.stdin, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			for _, w := range tt.wants {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

func TestGenerateMissingFile(t *testing.T) {
	code, _, errOut := runCLI(t, "", "generate", "--request", filepath.Join(t.TempDir(), "none.json"))
	if code != exitUsage || !strings.Contains(errOut, "none.json") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestBrokenLocalesDirFails(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(t, "", "generate", "--example", "--formats", "html", "--locales", dir, "--out", t.TempDir())
	if code != exitFailure || !strings.Contains(errOut, "locales") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestHelpLinesCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "helplines", "--max-age", "100000")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"nch-stodtelefon", "no: for professionals only", "terrafem", "116 016, 020-50 50 50", "2025-04",
		"brottsofferjouren", "yes, without hours", "0 last verified more than 100000 days ago"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "", "helplines", "--max-age", "0")
	if code != exitOK || !strings.Contains(out, "STALE") {
		t.Errorf("--max-age 0: every entry is stale; got exit %d:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "", "helplines", "--min-confidence", "low"); code != exitUsage {
		t.Errorf("--min-confidence low: exit %d, want %d (low never prints)", code, exitUsage)
	}
}

// TestHelpLinesPolicyFlag: medium-confidence lines print only when asked.
func TestHelpLinesPolicyFlag(t *testing.T) {
	for _, tt := range []struct {
		min  string
		want bool
	}{{"high", false}, {"medium", true}} {
		dir := t.TempDir()
		code, _, errOut := runCLI(t, "", "generate", "--example", "--formats", "html", "--langs", "sv", "--topics", "vald",
			"--helplines-min", tt.min, "--out", dir)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		data, err := os.ReadFile(filepath.Join(dir, "vald_sv.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(data, []byte("020-80\u00a080\u00a080")); got != tt.want {
			t.Errorf("--helplines-min %s: Stödlinjen för män printed = %v, want %v", tt.min, got, tt.want)
		}
	}
}

// TestGenerateWithLogo: --logo FILE prints the logo, re-encoded, on the
// leaflet.
func TestGenerateWithLogo(t *testing.T) {
	dir := t.TempDir()
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	path := filepath.Join(dir, "logo.png")
	os.WriteFile(path, b.Bytes(), 0o600)
	out := filepath.Join(dir, "out")
	code, _, errOut := runCLI(t, `{"municipality":{"name":"X"},"topics":["vald"],"languages":["sv"],"formats":["html"]}`,
		"generate", "--request", "-", "--out", out, "--logo", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	page, err := os.ReadFile(filepath.Join(out, "vald_sv.html"))
	if err != nil || !bytes.Contains(page, []byte("data:image/png;base64,")) {
		t.Errorf("the leaflet shows no logo: %v", err)
	}
}
