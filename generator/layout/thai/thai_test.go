package thai

import (
	"strings"
	"testing"
)

func TestThaiBoundaries(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want string }{
		{"greeting", "สวัสดีครับ", "สวัสดี|ครับ"},
		{"help line", "ศูนย์ช่วยเหลือสังคม", "ศูนย์|ช่วยเหลือ|สังคม"},
		{"repetition mark stays with its word", "ไปๆมาๆ", "ไปๆ|มาๆ"},
		{"unknown word stays whole", "กขฃคฅ", "กขฃคฅ"},
		{"leading vowel stays with its consonant", "เด็กและครอบครัว", "เด็ก|และ|ครอบครัว"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.text)
			var b strings.Builder
			prev := 0
			for _, i := range d.Boundaries(r) {
				b.WriteString(string(r[prev:i]) + "|")
				prev = i
			}
			b.WriteString(string(r[prev:]))
			if b.String() != tt.want {
				t.Errorf("got %s, want %s", b.String(), tt.want)
			}
		})
	}
}

// BenchmarkLoad builds the dictionary from the embedded list; B/op is what
// the first Thai paragraph costs a server's peak memory.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
