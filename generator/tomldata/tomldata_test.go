package tomldata

import (
	"reflect"
	"strings"
	"testing"
)

type line struct {
	ID    string   `toml:"id"`
	Also  []string `toml:"also"`
	Hours []struct {
		Days string `toml:"days"`
	} `toml:"schedule"`
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []line
		wantErr    string // a part of the error, "" for none
	}{
		{name: "values", text: "[[line]]\nid = \"a\"\nalso = [\"1\", \"2\"]\n[[line.schedule]]\ndays = \"mon-fri\"\n",
			want: []line{{ID: "a", Also: []string{"1", "2"}, Hours: []struct {
				Days string `toml:"days"`
			}{{Days: "mon-fri"}}}}},
		{name: "unknown key", text: "[[line]]\nid = \"a\"\nphone = \"1\"\n", wantErr: "data.toml: unknown key line.phone"},
		{name: "syntax", text: "[[line]\nid = \"a\"\n", wantErr: "data.toml: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f struct {
				Line []line `toml:"line"`
			}
			err := Decode("data.toml", tc.text, &f)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want one with %q", err, tc.wantErr)
			case tc.wantErr == "" && !reflect.DeepEqual(f.Line, tc.want):
				t.Errorf("decoded %+v, want %+v", f.Line, tc.want)
			}
		})
	}
}
