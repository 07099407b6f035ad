package xliff

import (
	"fmt"
	"regexp"
	"sync"
)

// Problem is a rule of XLIFF 2 core that a document breaks.
type Problem struct {
	Line int
	Unit string // the unit's id, if the problem is inside one
	Msg  string
}

func (p Problem) String() string {
	if p.Unit != "" {
		return fmt.Sprintf("line %d: unit %s: %s", p.Line, p.Unit, p.Msg)
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// nmtoken is XML's NMTOKEN, restricted to the ASCII name characters and
// the letters and digits above them, compiled when first used: its
// Unicode classes would cost every command's start-up.
var nmtoken = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\p{L}\p{N}._:\-\x{B7}\p{Mn}\p{Mc}]+$`) })

// Check returns the constraints of XLIFF 2 core that doc breaks beyond
// the structure Decode already enforces: identifiers are NMTOKENs and
// unique where the specification says (files in the document, units in
// a file, segments and inline codes in a unit, data in originalData), a
// placeholder's dataRef names data of its unit, a target's placeholders
// correspond to the source's of the same unit, a target needs trgLang,
// and states are the four of the core.
func Check(doc *Document) []Problem {
	var out []Problem
	add := func(line int, unit, format string, args ...any) {
		out = append(out, Problem{Line: line, Unit: unit, Msg: fmt.Sprintf(format, args...)})
	}
	if doc.Version != "2.0" && doc.Version != "2.1" {
		add(1, "", "version %q: want 2.0 or 2.1", doc.Version)
	}
	if doc.SrcLang == "" {
		add(1, "", "srcLang is required")
	}
	if len(doc.Files) == 0 {
		add(1, "", "no <file>")
	}
	files := map[string]bool{}
	for _, f := range doc.Files {
		if !nmtoken().MatchString(f.ID) {
			add(f.Line, "", "file id %q is not an NMTOKEN", f.ID)
		}
		if files[f.ID] {
			add(f.Line, "", "file id %q twice", f.ID)
		}
		files[f.ID] = true
		if len(f.Units) == 0 {
			add(f.Line, "", "file %q has no unit", f.ID)
		}
		units := map[string]bool{}
		for _, u := range f.Units {
			if !nmtoken().MatchString(u.ID) {
				add(u.Line, u.ID, "unit id is not an NMTOKEN")
			}
			if units[u.ID] {
				add(u.Line, u.ID, "unit id twice in file %q", f.ID)
			}
			units[u.ID] = true
			checkUnit(doc, u, add)
		}
	}
	return out
}

func checkUnit(doc *Document, u Unit, add func(int, string, string, ...any)) {
	data := map[string]bool{}
	for _, d := range u.Data {
		if !nmtoken().MatchString(d.ID) || data[d.ID] {
			add(u.Line, u.ID, "data id %q is not an NMTOKEN or used twice", d.ID)
		}
		data[d.ID] = true
	}
	if len(u.Segments) == 0 {
		add(u.Line, u.ID, "no <segment>")
	}
	ids := map[string]bool{} // segment and source-side inline ids share one space
	source := map[string]bool{}
	for _, s := range u.Segments {
		if s.ID != "" {
			if !nmtoken().MatchString(s.ID) || ids[s.ID] {
				add(s.Line, u.ID, "segment id %q is not an NMTOKEN or not unique in the unit", s.ID)
			}
			ids[s.ID] = true
		}
		if !s.State.Valid() {
			add(s.Line, u.ID, "state %q: want initial, translated, reviewed or final", s.State)
		}
		for _, p := range s.Source.Placeholders() {
			if !nmtoken().MatchString(p.ID) || ids[p.ID] {
				add(p.Line, u.ID, "<ph> id %q is not an NMTOKEN or not unique in the unit", p.ID)
			}
			ids[p.ID] = true
			source[p.ID] = true
			if p.DataRef != "" && !data[p.DataRef] {
				add(p.Line, u.ID, "<ph id=%q> dataRef %q names no <data> of the unit", p.ID, p.DataRef)
			}
		}
	}
	for _, s := range u.Segments {
		if s.Target == nil {
			continue
		}
		if doc.TrgLang == "" {
			add(s.TargetLine, u.ID, "a <target> needs trgLang on <xliff>")
		}
		seen := map[string]bool{}
		for _, p := range s.Target.Placeholders() {
			if !source[p.ID] {
				add(p.Line, u.ID, "<ph id=%q> in the target matches no <ph> of the source", p.ID)
			}
			if seen[p.ID] {
				add(p.Line, u.ID, "<ph id=%q> twice in one target", p.ID)
			}
			seen[p.ID] = true
			if p.DataRef != "" && !data[p.DataRef] {
				add(p.Line, u.ID, "<ph id=%q> dataRef %q names no <data> of the unit", p.ID, p.DataRef)
			}
		}
	}
}
