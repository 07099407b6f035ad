package orders

import (
	"bytes"
	"testing"
)

func TestSealPrint(t *testing.T) {
	edit, print := NewCapability(), NewCapability()
	sealed := SealPrint(edit, print)
	if got, err := OpenPrint(edit, sealed); err != nil || got != print {
		t.Fatalf("OpenPrint = %q, %v; want %q", got, err, print)
	}
	if bytes.Contains([]byte(sealed), []byte(print)) {
		t.Error("the sealed print link contains the link")
	}
	if _, err := OpenPrint(NewCapability(), sealed); err == nil {
		t.Error("another edit capability opens the seal")
	}
}

func TestCapabilityShape(t *testing.T) {
	c := NewCapability()
	tests := []struct {
		c    Capability
		want bool
	}{
		{c, true},
		{c[:42], false},
		{c + "A", false},
		{Capability("!" + string(c[1:])), false},
		{"", false},
	}
	for _, tc := range tests {
		if got := tc.c.Valid(); got != tc.want {
			t.Errorf("Valid(%q) = %v", tc.c, got)
		}
	}
	if c == NewCapability() || len(c.Hash()) != 64 {
		t.Error("capabilities repeat or hash to the wrong length")
	}
}

// FuzzCapability: a capability comes from a URL; whatever it is, checking
// it and opening a seal with it never panics, and only a sealed link opens.
func FuzzCapability(f *testing.F) {
	edit := NewCapability()
	f.Add(string(edit), SealPrint(edit, NewCapability()))
	f.Add("", "")
	f.Add("../../etc/passwd", "AAAA")
	f.Fuzz(func(t *testing.T, c, sealed string) {
		cap := Capability(c)
		if cap.Valid() && len(c) != capabilityLen {
			t.Fatalf("%q is valid with %d characters", c, len(c))
		}
		if len(cap.Hash()) != 64 {
			t.Fatal("hash length")
		}
		if p, err := OpenPrint(cap, sealed); err == nil && !p.Valid() {
			t.Fatalf("OpenPrint gave %q, not a capability", p)
		}
		if p, err := OpenPublicByPrint(cap, sealed); err == nil && !p.Valid() {
			t.Fatalf("OpenPublicByPrint gave %q, not a capability", p)
		}
	})
}
