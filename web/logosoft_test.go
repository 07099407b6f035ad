package web

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"
)

// TestFormWarnsOfSoftLogo: a logo that would print below 150 dpi on the
// chosen paper gets a warning beside it in the form, naming the
// resolution; a large one does not.
func TestFormWarnsOfSoftLogo(t *testing.T) {
	h := newTestApp(t, nil)
	soft := regexp.MustCompile(`<p class="logo-soft" role="status">I tryck på (A4|A5) blir logotypen bara omkring (\d+) dpi`)
	tests := []struct {
		name  string
		w, h  int
		paper string
		want  bool
	}{
		{"80 × 40 on A4", 80, 40, "a4", true},
		{"80 × 40 on A5", 80, 40, "a5", true},
		{"1200 × 480 on A4", 1200, 480, "a4", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, h)
			w := s.post(with(validForm(), "action", "update", "paper", tc.paper), formFile{"logo", "logo.png", encodePNG(testImage(tc.w, tc.h))})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			m := soft.FindStringSubmatch(w.Body.String())
			if (m != nil) != tc.want {
				t.Fatalf("warning shown: %v, want %v", m != nil, tc.want)
			}
			if m == nil {
				return
			}
			if dpi, _ := strconv.Atoi(m[2]); m[1] != map[string]string{"a4": "A4", "a5": "A5"}[tc.paper] || dpi <= 0 || dpi >= 150 {
				t.Errorf("warning %q", m[0])
			}
		})
	}
}
