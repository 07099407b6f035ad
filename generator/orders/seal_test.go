package orders

import (
	"strings"
	"testing"
)

// TestSealPublic: the public link opens under the edit capability with
// the edit seal and under the print capability with the print seal, and
// under nothing else, not even as a print-link seal.
func TestSealPublic(t *testing.T) {
	edit, print, public := NewCapability(), NewCapability(), NewCapability()
	underEdit, underPrint := SealPublic(edit, print, public)
	tests := []struct {
		name   string
		open   func() (Capability, error)
		wantOK bool
	}{
		{"edit opens its seal", func() (Capability, error) { return OpenPublicByEdit(edit, underEdit) }, true},
		{"print opens its seal", func() (Capability, error) { return OpenPublicByPrint(print, underPrint) }, true},
		{"print on the edit seal", func() (Capability, error) { return OpenPublicByPrint(print, underEdit) }, false},
		{"edit on the print seal", func() (Capability, error) { return OpenPublicByEdit(edit, underPrint) }, false},
		{"edit with the print key derivation", func() (Capability, error) { return OpenPublicByPrint(edit, underEdit) }, false},
		{"the public seal read as a print-link seal", func() (Capability, error) { return OpenPrint(edit, underEdit) }, false},
		{"a print-link seal read as a public seal", func() (Capability, error) { return OpenPublicByEdit(edit, SealPrint(edit, public)) }, false},
		{"another edit capability", func() (Capability, error) { return OpenPublicByEdit(NewCapability(), underEdit) }, false},
		{"garbage", func() (Capability, error) { return OpenPublicByEdit(edit, "!!") }, false},
	}
	for _, tc := range tests {
		got, err := tc.open()
		if tc.wantOK && (err != nil || got != public) {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, public)
		}
		if !tc.wantOK && err == nil {
			t.Errorf("%s: opened to %q", tc.name, got)
		}
	}
	for _, s := range []string{underEdit, underPrint} {
		if strings.Contains(s, string(public)) {
			t.Error("a seal contains the public link in clear")
		}
	}
}
