package review

import (
	"regexp"
	"strings"
	"testing"
)

// TestRecordFormats: isHash and isDate accept what the regular
// expressions they replace accepted, and nothing else.
func TestRecordFormats(t *testing.T) {
	hashRE := regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	dateRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	hex64 := strings.Repeat("0123456789abcdef", 4)
	for _, s := range []string{
		"sha256:" + hex64, "sha256:" + strings.ToUpper(hex64), "sha256:" + hex64[1:], "sha256:" + hex64 + "0",
		"sha256:" + hex64 + "\n", "SHA256:" + hex64, "sha512:" + hex64, "sha256:" + hex64[:63] + "g", "", "sha256:",
		"sha256:" + strings.Repeat("٣", 64), " sha256:" + hex64[1:],
	} {
		if got, want := isHash(s), hashRE.MatchString(s); got != want {
			t.Errorf("isHash(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{
		"2026-12-04", "0000-00-00", "2026-1-04", "2026-12-4", "2026/12/04", "2026-12-04\n", " 2026-12-04",
		"20261-2-04", "2026-12-0x", "٢٠٢٦-١٢-٠٤", "2026-12-04T00", "", "----------",
	} {
		if got, want := isDate(s), dateRE.MatchString(s); got != want {
			t.Errorf("isDate(%q) = %v, want %v", s, got, want)
		}
	}
}
