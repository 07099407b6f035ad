package catalog

import (
	"cmp"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"infogeneratorn/locales"
)

// goI18nMessages parses a file the long way, BurntSushi/toml and go-i18n,
// sorted by ID (go-i18n gives them in map order).
func goI18nMessages(file string, data []byte) ([]*i18n.Message, error) {
	mf, err := i18n.ParseMessageFileBytes(data, file, map[string]i18n.UnmarshalFunc{"toml": unmarshalTOML})
	if err != nil {
		return nil, err
	}
	msgs := slices.Clone(mf.Messages)
	slices.SortStableFunc(msgs, func(a, b *i18n.Message) int { return cmp.Compare(a.ID, b.ID) })
	return msgs, nil
}

func sortedByID(msgs []*i18n.Message) []*i18n.Message {
	msgs = slices.Clone(msgs)
	slices.SortStableFunc(msgs, func(a, b *i18n.Message) int { return cmp.Compare(a.ID, b.ID) })
	return msgs
}

// TestPlainParseOfShippedFiles wants every shipped message file read in
// the plain form, with go-i18n's messages; and any TOML file of the
// locales (metadata, approvals) either refused or read as go-i18n reads it.
func TestPlainParseOfShippedFiles(t *testing.T) {
	fsys := locales.FS()
	messageFiles := 0
	err := fs.WalkDir(fsys, ".", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(file) != ".toml" {
			return err
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		isMessageFile := file != "locales.toml" && (path.Dir(file) == "." || path.Dir(file) == "ui")
		got, ok := parsePlainMessages(data)
		want, wantErr := goI18nMessages(file, data)
		switch {
		case isMessageFile && !ok:
			t.Errorf("%s: not read in the plain form", file)
		case ok && wantErr != nil:
			t.Errorf("%s: read in the plain form, but go-i18n refuses it: %v", file, wantErr)
		case ok && len(got)+len(want) > 0 && !reflect.DeepEqual(sortedByID(got), want):
			t.Errorf("%s: the plain form's messages differ from go-i18n's", file)
		}
		if isMessageFile {
			messageFiles++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if messageFiles < 30 {
		t.Errorf("checked %d message files, want every shipped one", messageFiles)
	}
}

// TestPlainParse reads made-up files: those in the plain form must give
// go-i18n's messages, everything else must be left to go-i18n.
func TestPlainParse(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantPlain bool
	}{
		{"empty file", ``, true},
		{"comments only", "# a comment\n\n  # indented\n", true},
		{"one message", "[\"a.b\"]\nother = \"Hej\"\n", true},
		{"every form", "[\"n\"]\ndescription = \"d {{.Count}}\"\nzero = \"0\"\none = \"1\"\ntwo = \"2\"\nfew = \"f\"\nmany = \"m\"\nother = \"o\"\n", true},
		{"escapes", "[\"q\"]\nother = \"say \\\"hej\\\" \\\\ back\"\n", true},
		{"blanks and comments around", "[\"x\"]  # the header\n  other\t=   \"y\"   # the text\n", true},
		{"no blanks at the equals sign", "[\"x\"]\nother=\"y\"\n", true},
		{"empty text", "[\"x\"]\ndescription = \"d\"\nother = \"\"\n", true},
		{"hash and braces in text", "[\"x\"]\nother = \"# {{.A}} ] [\"\n", true},
		{"hash in the id", "[\"x#1\"]\nother = \"y\"\n", true},
		{"arabic", "[\"x\"]\nother = \"مرحبا {{.Municipality}}\"\n", true},
		{"no newline at the end", "[\"x\"]\nother = \"y\"", true},
		{"two messages", "[\"a\"]\nother = \"1\"\n\n[\"b\"]\none = \"2\"\nother = \"3\"\n", true},
		{"crlf", "[\"x\"]\r\nother = \"y\"\r\n", false},
		{"other escape", "[\"x\"]\nother = \"a\\tb\"\n", false},
		{"unicode escape", "[\"x\"]\nother = \"\\u00e5\"\n", false},
		{"escape in the id", "[\"a\\\"b\"]\nother = \"y\"\n", false},
		{"literal string", "[\"x\"]\nother = 'y'\n", false},
		{"multi-line string", "[\"x\"]\nother = \"\"\"\ny\"\"\"\n", false},
		{"bare header", "[x]\nother = \"y\"\n", false},
		{"dotted header", "[a.b]\nother = \"y\"\n", false},
		{"array of tables", "[[\"x\"]]\nother = \"y\"\n", false},
		{"indented header", "  [\"x\"]\nother = \"y\"\n", false},
		{"spaced header", "[ \"x\" ]\nother = \"y\"\n", false},
		{"key before any header", "other = \"y\"\n", false},
		{"repeated header", "[\"x\"]\nother = \"1\"\n[\"x\"]\nother = \"2\"\n", false},
		{"repeated key", "[\"x\"]\nother = \"1\"\nother = \"2\"\n", false},
		{"header without forms", "[\"x\"]\n[\"y\"]\nother = \"2\"\n", false},
		{"last header without forms", "[\"x\"]\nother = \"1\"\n[\"y\"]\n", false},
		{"capitalized key", "[\"x\"]\nOther = \"y\"\n", false},
		{"hash key", "[\"x\"]\nhash = \"h\"\nother = \"y\"\n", false},
		{"delimiter key", "[\"x\"]\nleftDelim = \"<<\"\nother = \"y\"\n", false},
		{"unknown key", "[\"x\"]\nnote = \"n\"\nother = \"y\"\n", false},
		{"reserved id", "[\"other\"]\nother = \"y\"\n", false},
		{"translation id", "[\"translation\"]\nother = \"y\"\n", false},
		{"number value", "[\"x\"]\nother = 1\n", false},
		{"text after the string", "[\"x\"]\nother = \"y\" z\n", false},
		{"unclosed string", "[\"x\"]\nother = \"y\n", false},
		{"control character", "[\"x\"]\nother = \"a\x01b\"\n", false},
		{"control character in a comment", "# \x7f\n[\"x\"]\nother = \"y\"\n", false},
		{"invalid utf-8", "[\"x\"]\nother = \"\xff\"\n", false},
		{"byte order mark", "\uFEFF[\"x\"]\nother = \"y\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parsePlainMessages([]byte(tt.file))
			if ok != tt.wantPlain {
				t.Fatalf("read in the plain form: %v, want %v", ok, tt.wantPlain)
			}
			want, err := goI18nMessages("sv.toml", []byte(tt.file))
			if ok && err != nil {
				t.Fatalf("read in the plain form, but go-i18n refuses it: %v", err)
			}
			if ok && len(got)+len(want) > 0 && !reflect.DeepEqual(sortedByID(got), want) {
				t.Errorf("plain form %+v, go-i18n %+v", got, want)
			}
			// Whatever the path, parseMessages gives go-i18n's messages or error.
			msgs, err2 := parseMessages("sv.toml", []byte(tt.file))
			if (err == nil) != (err2 == nil) {
				t.Fatalf("parseMessages error %v, go-i18n %v", err2, err)
			}
			if err == nil && len(msgs)+len(want) > 0 && !reflect.DeepEqual(sortedByID(msgs), want) {
				t.Errorf("parseMessages %+v, go-i18n %+v", msgs, want)
			}
			if err != nil && !strings.Contains(err2.Error(), err.Error()) {
				t.Errorf("parseMessages error %q, want go-i18n's %q", err2, err)
			}
		})
	}
}

// BenchmarkParseShipped parses every shipped leaflet message file, one
// operation all of them: the plain form and the long way.
func BenchmarkParseShipped(b *testing.B) {
	fsys := locales.FS()
	files, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		b.Fatal(err)
	}
	data := map[string][]byte{}
	for _, f := range slices.DeleteFunc(files, func(f string) bool { return f == "locales.toml" }) {
		if data[f], err = fs.ReadFile(fsys, f); err != nil {
			b.Fatal(err)
		}
	}
	for _, bm := range []struct {
		name  string
		parse func(string, []byte) ([]*i18n.Message, error)
	}{{"parseMessages", parseMessages}, {"go-i18n", goI18nMessages}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for f, d := range data {
					if _, err := bm.parse(f, d); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// FuzzPlainParse: a message file is outside input (a translator's, or one
// handed to --locales). Whatever the bytes, the plain reader must not
// panic, and a file it reads must be one go-i18n reads to the same
// messages; a file it refuses goes the long way, which words the error.
func FuzzPlainParse(f *testing.F) {
	f.Add([]byte("# c\n[\"a.b\"]\nother = \"x \\\"y\\\" \\\\ z\" # c\n"))
	f.Add([]byte("[\"n\"]\none = \"{{.N}} line\"\nother = \"{{.N}} lines\"\ndescription = \"d\"\n"))
	f.Add([]byte("[\"x\"]\n\n[\"y\"]\nother = \"\"\n"))
	f.Add([]byte("other = \"top\"\n"))
	f.Add([]byte("[\"id\"]\nother = \"\"\"\nmany\"\"\"\n"))
	f.Add([]byte("[\"common.helpline\"] # Arabic\nother = \"اتصل بـ {{.Phone}}\\\\\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := parsePlainMessages(data)
		if !ok {
			return
		}
		want, err := goI18nMessages("xx.toml", data)
		if err != nil {
			t.Fatalf("read in the plain form, but go-i18n refuses it: %v", err)
		}
		if len(got)+len(want) > 0 && !reflect.DeepEqual(sortedByID(got), want) {
			t.Fatalf("the plain form's messages differ from go-i18n's:\n%+v\n%+v", sortedByID(got), want)
		}
	})
}
