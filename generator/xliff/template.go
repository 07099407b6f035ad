package xliff

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// action is one Go template action: "{{.Municipality}}", "{{ .Count }}".
var action = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{.*?\}\}`) })

// TemplateContent turns message text into content: each template action
// becomes a <ph>, numbered from *next (which it advances, so that ids
// stay unique across a unit's segments), with the action as its disp and
// as the text of an originalData entry it refers to, appended to *data.
// A placeholder may not be deleted (canDelete="no") unless deletable says
// its code may be left out.
func TemplateContent(text string, next *int, data *[]Data, deletable func(code string) bool) Content {
	var out Content
	last := 0
	for _, loc := range action().FindAllStringIndex(text, -1) {
		if loc[0] > last {
			out = append(out, Run{Text: text[last:loc[0]]})
		}
		*next++
		id := strconv.Itoa(*next)
		code := text[loc[0]:loc[1]]
		*data = append(*data, Data{ID: "d" + id, Text: code})
		ph := &Ph{ID: id, DataRef: "d" + id, Disp: code, CanDelete: "no"}
		if deletable != nil && deletable(code) {
			ph.CanDelete = ""
		}
		out = append(out, Run{Ph: ph})
		last = loc[1]
	}
	if last < len(text) {
		out = append(out, Run{Text: text[last:]})
	}
	return out
}

// TargetContent turns a translation into content whose placeholders carry
// the ids of source's: each action takes the first placeholder of the
// source with the same code not taken yet. An action the source does not
// have (a translation the check would refuse) keeps its text, so that
// nothing is hidden from the translator.
func TargetContent(text string, source Content, data []Data) Content {
	codes := map[string]string{}
	for _, d := range data {
		codes[d.ID] = d.Text
	}
	taken := map[string]bool{}
	var out Content
	last := 0
	for _, loc := range action().FindAllStringIndex(text, -1) {
		code := text[loc[0]:loc[1]]
		var match *Ph
		for _, p := range source.Placeholders() {
			if !taken[p.ID] && codes[p.DataRef] == code {
				match = p
				break
			}
		}
		if match == nil {
			continue // stays in the text below
		}
		if loc[0] > last {
			out = append(out, Run{Text: text[last:loc[0]]})
		}
		taken[match.ID] = true
		ph := *match
		ph.Line = 0
		out = append(out, Run{Ph: &ph})
		last = loc[1]
	}
	if last < len(text) {
		out = append(out, Run{Text: text[last:]})
	}
	return out
}

// PlaceholderError is a target whose placeholders do not match its
// source's: each placeholder of the source exactly once, no other.
type PlaceholderError struct {
	Line    int
	Missing []string // codes of the source's placeholders the target lacks
	Extra   []string // ids of placeholders the source does not have, or repeated
}

func (e *PlaceholderError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, "missing <ph> for "+strings.Join(e.Missing, ", "))
	}
	if len(e.Extra) > 0 {
		parts = append(parts, "<ph> the source does not have: id "+strings.Join(e.Extra, ", "))
	}
	return strings.Join(parts, "; ")
}

// TemplateText turns a target back into message text: its text as it is,
// each <ph> replaced by the code of the source's placeholder with the
// same id, taken from data (the caller's own, never the file's). Every
// placeholder of source that may not be deleted must appear, none twice,
// and no other: otherwise a *PlaceholderError. Text in the target that looks like a template action
// is refused too, since only a <ph> may carry one.
func TemplateText(target, source Content, data []Data, line int) (string, error) {
	codes := map[string]string{}
	for _, d := range data {
		codes[d.ID] = d.Text
	}
	want := map[string]*Ph{}
	for _, p := range source.Placeholders() {
		want[p.ID] = p
	}
	used := map[string]bool{}
	perr := &PlaceholderError{Line: line}
	var b strings.Builder
	for _, r := range target {
		if r.Ph == nil {
			if strings.Contains(r.Text, "{{") || strings.Contains(r.Text, "}}") {
				return "", fmt.Errorf("line %d: template braces in the text: only a <ph> may carry a placeholder", line)
			}
			b.WriteString(r.Text)
			continue
		}
		p, ok := want[r.Ph.ID]
		if !ok || used[r.Ph.ID] {
			perr.Extra = append(perr.Extra, r.Ph.ID)
			continue
		}
		used[r.Ph.ID] = true
		b.WriteString(codes[p.DataRef])
	}
	for _, p := range source.Placeholders() {
		if !used[p.ID] && p.CanDelete == "no" {
			perr.Missing = append(perr.Missing, codes[p.DataRef])
		}
	}
	if len(perr.Missing) > 0 || len(perr.Extra) > 0 {
		return "", perr
	}
	return b.String(), nil
}
