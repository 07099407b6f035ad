package request

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Phone is a validated phone number: the text as the municipality wrote it
// (printed as given, with its digit groups kept together) and the number
// to dial from a link.
type Phone struct {
	Display string // as given, spaces turned into no-break spaces
	Dial    string // for tel: links: E.164 ("+4635137000") or a short national number ("112")
}

// ErrPhone is returned for a number that is neither a Swedish number
// (0 followed by 6–9 digits, groups separated by spaces and at most one
// hyphen after the area code), a national short number (3–6 digits, such
// as 112, 114 14, 1177, 116 006) nor E.164 (+ and 7–15 digits).
var ErrPhone = errors.New("not a Swedish or E.164 phone number")

// ParsePhone checks s and returns its display and dial forms.
func ParsePhone(s string) (Phone, error) {
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return Phone{}, ErrPhone
	}
	var digits strings.Builder
	hyphens := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ':
		case r == '-':
			hyphens++
			if hyphens > 1 || i == 0 || strings.HasPrefix(s, "+") {
				return Phone{}, ErrPhone
			}
		case r == '+' && i == 0:
		default:
			return Phone{}, ErrPhone
		}
	}
	d := digits.String()
	display := strings.ReplaceAll(s, " ", "\u00A0")
	switch {
	case strings.HasPrefix(s, "+"):
		if len(d) < 7 || len(d) > 15 || d[0] == '0' {
			return Phone{}, ErrPhone
		}
		return Phone{Display: display, Dial: "+" + d}, nil
	case strings.HasPrefix(d, "0"):
		if len(d) < 7 || len(d) > 10 || strings.HasPrefix(d, "00") {
			return Phone{}, ErrPhone
		}
		return Phone{Display: display, Dial: "+46" + d[1:]}, nil
	case len(d) >= 3 && len(d) <= 6 && hyphens == 0:
		return Phone{Display: display, Dial: d}, nil
	}
	return Phone{}, ErrPhone
}

// Weekdays in ISO order, as written in requests.
var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Weekdays returns the day keys in ISO order ("mon" … "sun").
func Weekdays() []string { return slices.Clone(weekdays) }

// ParseDays parses "mon" or "mon-fri" into ISO weekday indexes (0 = Monday).
func ParseDays(s string) (from, to int, err error) {
	a, b, isRange := strings.Cut(s, "-")
	from = slices.Index(weekdays, a)
	to = from
	if isRange {
		to = slices.Index(weekdays, b)
	}
	if from < 0 || to < 0 || (isRange && to <= from) {
		return 0, 0, fmt.Errorf("days %q: want mon…sun or a range such as mon-fri", s)
	}
	return from, to, nil
}

// Clock is a time of day in minutes after midnight; 24:00 is allowed as
// the end of a day.
type Clock int

// ParseClock parses "HH:MM" (24-hour).
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("time %q: want HH:MM", s)
	}
	h, m := atoi2(s[:2]), atoi2(s[3:])
	if h < 0 || m < 0 || h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time %q: want HH:MM between 00:00 and 24:00", s)
	}
	return Clock(h*60 + m), nil
}

func atoi2(s string) int {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return -1
	}
	return int(s[0]-'0')*10 + int(s[1]-'0')
}

// Hour and Minute split a Clock.
func (c Clock) Hour() int   { return int(c) / 60 }
func (c Clock) Minute() int { return int(c) % 60 }
