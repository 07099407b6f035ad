package web

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogsHoldNoContactDetails makes leaflets through the form and the API,
// with and without errors, and reads every log line for the contacts. The
// lines' time and duration are left out: their digits (a time at .035 s)
// are not contact details, and would make the search for "035" fail by
// chance.
func TestLogsHoldNoContactDetails(t *testing.T) {
	var logs syncBuffer
	clockless := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey || a.Key == "duration" {
			return slog.Attr{}
		}
		return a
	}}
	h := newTestApp(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, clockless)) })
	s := newSession(t, h)
	s.post(with(validForm(), "action", "download"))
	s.post(with(validForm(), "action", "preview"))
	bad := validForm()
	bad["c_phone"] = []string{"035-13 70 0x", "035-12 12 12"}
	s.post(with(bad, "action", "download"))
	jsonPost(h, validJSON)
	jsonPost(h, strings.Replace(validJSON, "035-12 12 12", "035-12 12 1x", 1))
	out := logs.String()
	if !strings.Contains(out, "msg=generated") || !strings.Contains(out, "route=/api/v1/leaflets") {
		t.Fatalf("expected request and generation lines, got:\n%s", out)
	}
	for _, secret := range []string{"035", "Socialtjänsten", "Kvinnojouren", "halmstad.se", "Stationsgatan"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
}
