package web

import (
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
)

func TestLimiter(t *testing.T) {
	now := testDate
	l := newLimiter(Rate{PerSecond: 2, Burst: 3}, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d refused within the burst", i)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait <= 0 || wait > time.Second {
		t.Fatalf("4th request: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Error("another client was limited")
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Error("a token did not come back after 0.5 s at 2/s")
	}
	now = now.Add(2 * time.Minute)
	l.allow("c")
	if _, kept := l.buckets["b"]; kept {
		t.Error("a full, idle bucket was not swept")
	}
	if ok, _ := newLimiter(Rate{}, time.Now).allow("x"); !ok {
		t.Error("rate 0 limits")
	}
}

func TestTTLStore(t *testing.T) {
	now := testDate
	s := newTTLStore(time.Minute, 2, 10, func() time.Time { return now })
	a := s.put([]byte("aaaa"), "")
	b := s.put([]byte("bbbb"), "")
	if _, ok := s.get(a); !ok {
		t.Fatal("a lost")
	}
	c := s.put([]byte("cccc"), "") // over 2 items and 10 bytes: a goes
	if _, ok := s.get(a); ok {
		t.Error("oldest not evicted")
	}
	if _, ok := s.get(b); !ok {
		t.Error("b lost")
	}
	now = now.Add(2 * time.Minute)
	if _, ok := s.get(c); ok {
		t.Error("expired entry returned")
	}
	if !orders.ValidID(a) || orders.ValidID("zz") || orders.ValidID(strings.Repeat("g", 32)) {
		t.Error("ValidID")
	}
}

func TestFieldRef(t *testing.T) {
	st := stateFrom(formInput{
		Role:    []string{"womens_shelter", "social_services", "social_services"},
		Name:    []string{"K", "", "S"},
		HoursN:  []string{"0", "0", "2"},
		FromDay: []string{"", "mon"}, Open: []string{"", "08:00"}, Close: []string{"", "16:00"},
	})
	req, m := st.request()
	if len(req.Contacts) != 2 || req.Contacts[0].Name != "S" || len(req.Contacts[0].Hours) != 1 {
		t.Fatalf("request %+v", req.Contacts)
	}
	tests := []struct {
		field string
		code  request.Code
		want  fieldRef
	}{
		{"municipality.name", request.CodeRequired, fieldRef{"municipality", "municipality"}},
		{"municipality.name", request.CodeTooLong, fieldRef{"municipality_name", "municipality_name"}},
		{"topics", request.CodeRequired, fieldRef{"topics", "topic-vald"}},
		{"contacts[0].phone", request.CodeNeedsChannel, fieldRef{"c2-phone", "c2-phone"}},
		{"contacts[0].hours[0].from", request.CodeInvalidTime, fieldRef{"c2-h1-open", "c2-h1-open"}},
		{"contacts[0].hours[0].to", request.CodeInvalidTime, fieldRef{"c2-h1-close", "c2-h1-close"}},
		{"contacts[0].hours[0].days", request.CodeInvalidDays, fieldRef{"c2-h1-from-day", "c2-h1-from-day"}},
		{"contacts[1].name", request.CodeRequired, fieldRef{"c0-name", "c0-name"}},
		{"contacts[7].name", request.CodeRequired, fieldRef{"contacts", "contacts"}},
		{"contacts[x", request.CodeRequired, fieldRef{"contacts", "contacts"}},
		{"large_print", request.CodeLargePrintA4, fieldRef{"paper", "large-print"}},
		{"", codeRateLimited, fieldRef{"form", "main"}},
	}
	for _, tt := range tests {
		got := m.ref(request.FieldError{Field: tt.field, Code: tt.code}, anchors{topic: "topic-vald"})
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.field, got, tt.want)
		}
	}
}

// TestLargePrintChoice: the form's large-print checkbox reaches the order.
func TestLargePrintChoice(t *testing.T) {
	for _, in := range []struct {
		value string
		want  bool
	}{{"", false}, {"on", true}} {
		st := stateFrom(formInput{LargePrint: in.value, Paper: "a4"})
		req, _ := st.request()
		if req.LargePrint != in.want {
			t.Errorf("large_print=%q: request.LargePrint %v", in.value, req.LargePrint)
		}
	}
}

// FuzzFormState feeds arbitrary form lists through the form's state, its
// request and the mapping of every validation error back to a control.
func FuzzFormState(f *testing.F) {
	f.Add("social_services", "Namn", "035-13 70 00", "2", "mon", "fri", "08:00", "25:00", "remove:0")
	f.Add("x", "", "", "-1", "", "", "", "", "rmhours:0.9")
	f.Add("womens_shelter", "\u202e", "+4635", "99", "sun", "mon", "24:00", "00:00", "addhours:0")
	f.Fuzz(func(t *testing.T, role, name, phone, hours, from, to, open, close, action string) {
		in := formInput{Role: []string{role, "social_services"}, Name: []string{name}, Phone: []string{phone},
			HoursN: []string{hours, hours}, FromDay: []string{from}, ToDay: []string{to}, Open: []string{open}, Close: []string{close}}
		st := stateFrom(in)
		st.apply(action)
		st = st.withEmptyRows()
		req, m := st.request()
		for _, e := range req.Validate(request.Rules{}) {
			ref := m.ref(e, anchors{"t", "l", "f"})
			if ref.Key == "" || ref.Href == "" {
				t.Fatalf("%v maps to nothing", e)
			}
		}
	})
}

func FuzzDecodeLogo(f *testing.F) {
	f.Add(encodePNG(testImage(3, 3)))
	f.Add(pngHeaderOnly(50000, 50000))
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, ferr := decodeLogo(data)
		if ferr == nil && (l.Width < 1 || l.Width > storedLogoSide || l.Height < 1 || l.Height > storedLogoSide || len(l.Data) == 0) {
			t.Fatalf("accepted a logo of %d×%d", l.Width, l.Height)
		}
	})
}
