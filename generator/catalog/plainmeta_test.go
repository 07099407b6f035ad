package catalog

import (
	"io/fs"
	"maps"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"

	"infogeneratorn/locales"
)

// tomlMeta decodes locales.toml as toml does.
func tomlMeta(data []byte) (map[string]Meta, error) {
	var f metaFile
	_, err := toml.Decode(string(data), &f)
	return f.Locale, err
}

// sameMeta reports whether two decodings hold the same locales (an empty
// map and nil alike).
func sameMeta(a, b map[string]Meta) bool {
	return len(a) == len(b) && maps.EqualFunc(a, b, func(x, y Meta) bool { return reflect.DeepEqual(x, y) })
}

// TestPlainMetaShipped: the shipped locales.toml is in the plain form, and
// reads as toml reads it.
func TestPlainMetaShipped(t *testing.T) {
	data, err := fs.ReadFile(locales.FS(), "locales.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := parsePlainMeta(data)
	if !ok {
		t.Fatal("the shipped locales.toml is not in the plain form")
	}
	want, err := tomlMeta(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 30 || !sameMeta(got.Locale, want) {
		t.Errorf("the plain form reads %d locales, toml %d, or other values", len(got.Locale), len(want))
	}
}

// TestPlainMetaForms: what the plain form takes it reads as toml does; what
// it does not take goes to toml, which reads it or says what is wrong.
func TestPlainMetaForms(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		plain bool // the plain form takes it
	}{
		{"one locale", "# c\n[locale.sv]\nname_sv = \"svenska\"\nsource = true\n", true},
		{"comments and blanks", "\n  # c\n[locale.ar] # Arabic\n  native = \"العربية\" # c\nsource = false\n\n", true},
		{"escapes", "[locale.fa-AF]\nnote = \"CLDR calls it \\\"persiska\\\" \\\\ dated\"\n", true},
		{"an empty table", "[locale.en]\n", true},
		{"nothing", "# only a comment\n", true},
		{"every key", "[locale.kmr]\nname_sv = \"a\"\nnative = \"b\"\nscript = \"Latn\"\ndirection = \"ltr\"\nfont = \"NotoSans\"\nplural_rules = \"ku\"\nplural_reason = \"r\"\nsample = \"s\"\nnote = \"n\"\nsource = true\n", true},
		{"a repeated header", "[locale.sv]\n[locale.sv]\n", false},
		{"a repeated key", "[locale.sv]\nfont = \"a\"\nfont = \"b\"\n", false},
		{"an unknown key", "[locale.sv]\ncolour = \"red\"\n", false},
		{"a key before any header", "font = \"a\"\n[locale.sv]\n", false},
		{"a quoted tag", "[locale.\"sv\"]\n", false},
		{"a dotted tag", "[locale.sv.x]\nfont = \"a\"\n", false},
		{"another table", "[other.sv]\n", false},
		{"source as a string", "[locale.sv]\nsource = \"true\"\n", false},
		{"a unicode escape", "[locale.sv]\nnative = \"\\u00e5\"\n", false},
		{"a literal string", "[locale.sv]\nnative = 'x'\n", false},
		{"a multi-line string", "[locale.sv]\nnote = \"\"\"\nx\"\"\"\n", false},
		{"a carriage return", "[locale.sv]\r\nfont = \"a\"\r\n", false},
		{"an unclosed string", "[locale.sv]\nfont = \"a\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parsePlainMeta([]byte(tt.data))
			if ok != tt.plain {
				t.Fatalf("taken by the plain form: %v, want %v", ok, tt.plain)
			}
			if !ok {
				return
			}
			want, err := tomlMeta([]byte(tt.data))
			if err != nil {
				t.Fatalf("read in the plain form, but toml refuses it: %v", err)
			}
			if !sameMeta(got.Locale, want) {
				t.Errorf("the plain form reads %+v, toml %+v", got.Locale, want)
			}
		})
	}
}

// FuzzPlainMeta: whatever the plain form reads, toml reads the same.
func FuzzPlainMeta(f *testing.F) {
	f.Add([]byte("[locale.sv]\nname_sv = \"svenska\"\nsource = true\n"))
	f.Add([]byte("[locale.ar] # c\nnative = \"العربية\"\ndirection = \"rtl\"\nsource = false # c\n"))
	f.Add([]byte("[locale.fa-AF]\nnote = \"a \\\"b\\\" \\\\ c\"\n\n[locale.en]\n"))
	f.Add([]byte("font = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := parsePlainMeta(data)
		if !ok {
			return
		}
		want, err := tomlMeta(data)
		if err != nil {
			t.Fatalf("read in the plain form, but toml refuses it: %v", err)
		}
		if !sameMeta(got.Locale, want) {
			t.Fatalf("the plain form reads %+v, toml %+v", got.Locale, want)
		}
	})
}
