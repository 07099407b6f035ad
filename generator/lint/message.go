package lint

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"infogeneratorn/generator/catalog"
)

// messageCheck runs the rules of one message of one file.
type messageCheck struct {
	c   *checker
	f   *localeFile
	m   catalog.Message
	src *catalog.Message // the source's message; nil when f is a source
}

// at is the position of decoded byte off of form's text.
func (mc *messageCheck) at(form catalog.Form, off int) pos {
	if v := mc.f.ix.field(mc.m.ID, string(form)); v != nil {
		return mc.f.ix.src.at(v.offset(off))
	}
	return mc.f.messagePos(mc.m.ID)
}

func (mc *messageCheck) report(sev Severity, rule Rule, p pos, format string, args ...any) {
	mc.c.report(mc.f.file, p, sev, rule, mc.f.diagLang(), mc.m.ID, format, args...)
}

// srcText is the source's text for form: the same form, or other.
func (mc *messageCheck) srcText(form catalog.Form) string {
	if s, ok := mc.src.Forms[form]; ok {
		return s
	}
	return mc.src.Forms[catalog.Other]
}

func (mc *messageCheck) run() {
	forms := mc.m.FormsOf()
	if !slices.ContainsFunc(forms, func(f catalog.Form) bool { return strings.TrimSpace(mc.m.Forms[f]) != "" }) {
		mc.report(Error, RuleEmpty, mc.at(catalog.Other, 0), "empty translation")
		return
	}
	for _, form := range forms {
		text := mc.m.Forms[form]
		cs := plain(text)
		mc.template(form, text)
		mc.bidi(form, cs)
		mc.invisible(form, cs)
		if !mc.f.ui {
			mc.font(form, cs)
			mc.script(form, cs)
		}
		mc.spaces(form, text)
		mc.nfc(form, text)
		if mc.src != nil && !mc.f.ui {
			mc.contacts(form, text)
			mc.length(form, cs)
			mc.punctuation(form, cs)
		}
	}
	if mc.src != nil {
		mc.placeholders()
		mc.plural()
		if !mc.f.ui {
			mc.identical()
		}
	}
}

var templateErrRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^template: [^:]*:(\d+):(?:\d+:)? ?`) })

func (mc *messageCheck) template(form catalog.Form, text string) {
	_, err := template.New(mc.m.ID).Parse(text)
	if err == nil {
		return
	}
	msg, off := err.Error(), 0
	if m := templateErrRE().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		for i := 1; i < line; i++ {
			if j := strings.IndexByte(text[off:], '\n'); j >= 0 {
				off += j + 1
			}
		}
		msg = msg[len(m[0]):]
	}
	mc.report(Error, RuleTemplate, mc.at(form, off), "%s form: the template does not parse: %s", form, msg)
}

func (mc *messageCheck) bidi(form catalog.Form, cs []char) {
	bad := map[int]bool{}
	for _, c := range unbalanced(cs) {
		bad[c.off] = true
	}
	var srcCs []char
	if mc.src != nil {
		srcCs = plain(mc.srcText(form))
	}
	for _, c := range cs {
		if !isBidiControl(c.r) {
			continue
		}
		typed := !slices.ContainsFunc(srcCs, func(s char) bool { return s.r == c.r })
		switch {
		case typed && bad[c.off]:
			mc.report(Error, RuleBidi, mc.at(form, c.off), "bidi control %s typed in the text, and unbalanced; the layout sets direction itself: delete it", runeName(c.r))
		case typed:
			mc.report(Error, RuleBidi, mc.at(form, c.off), "bidi control %s typed in the text; the layout sets direction itself: delete it", runeName(c.r))
		case bad[c.off]:
			mc.report(Error, RuleBidi, mc.at(form, c.off), "unbalanced bidi control %s", runeName(c.r))
		}
	}
}

func (mc *messageCheck) invisible(form catalog.Form, cs []char) {
	for _, c := range cs {
		if !isInvisible(c.r) {
			continue
		}
		if c.r == 0x200C || c.r == 0x200D {
			if allowsJoiners(mc.f.lang) {
				continue
			}
			mc.report(Error, RuleInvisible, mc.at(form, c.off), "invisible character %s: only Persian, Dari, Pashto, Sorani and Urdu spelling needs it", runeName(c.r))
			continue
		}
		mc.report(Error, RuleInvisible, mc.at(form, c.off), "invisible character %s: delete it", runeName(c.r))
	}
}

func (mc *messageCheck) font(form catalog.Form, cs []char) {
	fc := mc.c.cfg.Fonts
	if fc == nil || !fc.Has(mc.f.meta.Font) {
		return
	}
	seen := map[rune]bool{}
	for _, c := range cs {
		if seen[c.r] || c.r == '\n' || isInvisible(c.r) || isBidiControl(c.r) {
			continue
		}
		seen[c.r] = true
		if fc.Covers(mc.f.meta.Font, c.r) || fc.Covers(FallbackFamily, c.r) {
			continue
		}
		fonts := mc.f.meta.Font
		if fonts != FallbackFamily {
			fonts += " nor " + FallbackFamily
		}
		mc.report(Error, RuleFont, mc.at(form, c.off), "%s cannot be printed: neither %s draws it", runeName(c.r), fonts)
	}
}

func (mc *messageCheck) script(form catalog.Form, cs []char) {
	table := scriptTable(mc.f.meta.Script)
	if table == nil {
		return
	}
	// A word of another script is fine when the source has it too: a
	// proper name kept as written (Kvinnofridslinjen, Bris).
	var source string
	if mc.src != nil {
		for _, f := range mc.src.FormsOf() {
			source += " " + strings.ToLower(plainString(plain(mc.src.Forms[f])))
		}
	}
	// Consecutive foreign words are one finding: "call this line".
	type run struct {
		text    string
		off     int
		foreign rune
	}
	var runs []run
	prevForeign := false
	for _, w := range words(cs) {
		i := slices.IndexFunc([]rune(w.text), func(r rune) bool {
			return unicode.IsLetter(r) && !unicode.Is(table, r) && !unicode.In(r, unicode.Common, unicode.Inherited)
		})
		allowed := (source != "" && strings.Contains(source, strings.ToLower(w.text))) || mc.c.keep.AllowsWord(mc.f.lang, w.text)
		if i < 0 || allowed {
			prevForeign = false
			continue
		}
		if prevForeign {
			last := &runs[len(runs)-1]
			last.text = plainString(plain(mc.m.Forms[form][last.off : w.off+len(w.text)]))
			continue
		}
		runs = append(runs, run{w.text, w.off, []rune(w.text)[i]})
		prevForeign = true
	}
	for _, r := range runs {
		mc.report(Error, RuleScript, mc.at(form, r.off), "%s letters in %q: this locale is written in %s (%s)",
			scriptOf(r.foreign), r.text, scriptName(mc.f.meta.Script), mc.f.meta.Script)
	}
}

func scriptName(code string) string {
	for name, t := range unicode.Scripts {
		if t == scriptTable(code) {
			return name
		}
	}
	return code
}

func (mc *messageCheck) spaces(form catalog.Form, text string) {
	if i := strings.Index(text, "  "); i >= 0 {
		mc.report(Warning, RuleSpaces, mc.at(form, i), "double space")
	}
	if t := strings.TrimLeftFunc(text, unicode.IsSpace); t != text {
		mc.report(Warning, RuleSpaces, mc.at(form, 0), "leading space")
	}
	if t := strings.TrimRightFunc(text, unicode.IsSpace); t != text && strings.TrimSpace(t) != "" {
		mc.report(Warning, RuleSpaces, mc.at(form, len(t)), "trailing space")
	}
}

func (mc *messageCheck) nfc(form catalog.Form, text string) {
	if norm.NFC.IsNormalString(text) {
		return
	}
	i := norm.NFC.QuickSpanString(text)
	// Step back to the start of the sequence that composes differently.
	for i > 0 && !norm.NFC.PropertiesString(text[i:]).BoundaryBefore() {
		_, n := lastRune(text[:i])
		i -= n
	}
	mc.report(Warning, RuleNFC, mc.at(form, i), "not in Unicode NFC: save the file normalised (NFC)")
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			r := []rune(s[i:])
			return r[0], len(s) - i
		}
	}
	return 0, 1
}

func (mc *messageCheck) contacts(form catalog.Form, text string) {
	want := contacts(mc.srcText(form))
	have := contacts(text)
	left := slices.Clone(want)
	for _, h := range have {
		i := slices.IndexFunc(left, func(w contact) bool { return w.kind == h.kind && w.key == h.key })
		if i >= 0 {
			left = slices.Delete(left, i, i+1)
			continue
		}
		mc.report(Error, RuleContact, mc.at(form, h.off), "%s %q is not the source's%s", h.kind, h.text, listContacts(want, h.kind))
	}
	for _, w := range left {
		mc.report(Error, RuleContact, mc.at(form, 0), "the source's %s %q is missing or changed", w.kind, w.text)
	}
}

func listContacts(cs []contact, kind string) string {
	var out []string
	for _, c := range cs {
		if c.kind == kind {
			out = append(out, strconv.Quote(c.text))
		}
	}
	if len(out) == 0 {
		return " (the source has none)"
	}
	return " (the source has " + strings.Join(out, ", ") + ")"
}

// lengthFactor and lengthSlack bound how much longer than the source a
// text may be before a translator is asked to look again: twice as long,
// and 20 characters more for short labels.
const (
	lengthFactor = 2
	lengthSlack  = 20
)

func (mc *messageCheck) length(form catalog.Form, cs []char) {
	src := visibleLength(plain(mc.srcText(form)))
	if n := visibleLength(cs); n > lengthFactor*src+lengthSlack {
		mc.report(Warning, RuleLength, mc.at(form, 0), "%s form is %d characters, the source %d: much longer than the leaflet's layout expects", form, n, src)
	}
}

func (mc *messageCheck) punctuation(form catalog.Form, cs []char) {
	want, have := ending(plain(mc.srcText(form)), mc.f.lang), ending(cs, mc.f.lang)
	if want == have || len(cs) == 0 {
		return
	}
	p := mc.at(form, cs[len(cs)-1].off)
	switch {
	case want == "":
		mc.report(Warning, RulePunctuation, p, "ends with %q, the source with no punctuation", have)
	case have == "":
		mc.report(Warning, RulePunctuation, p, "ends with no punctuation, the source with %q", want)
	default:
		mc.report(Warning, RulePunctuation, p, "ends with %q, the source with %q", have, want)
	}
}

// placeholders compares the template fields with the source's: every
// field of the source's form is needed, except {{.Count}}, which a plural
// form may leave out ("one line" needs no digit) but other may not; no
// field the source lacks is allowed.
func (mc *messageCheck) placeholders() {
	srcForms := mc.src.FormsOf()
	allowed := map[string]bool{}
	common := map[string]int{}
	srcLogic := map[string]bool{}
	for _, f := range srcForms {
		fs, logic := fields(mc.src.Forms[f])
		for name := range fs {
			allowed[name] = true
			common[name]++
		}
		for l := range logic {
			srcLogic[l] = true
		}
	}
	for _, form := range mc.m.FormsOf() {
		text := mc.m.Forms[form]
		if _, err := template.New("").Parse(text); err != nil {
			continue // the template rule reports it
		}
		have, logic := fields(text)
		var need []string
		for name, n := range common {
			if n == len(srcForms) && name != ".Count" {
				need = append(need, name)
			}
		}
		if form == catalog.Other {
			srcOther, _ := fields(mc.src.Forms[catalog.Other])
			for name := range srcOther {
				need = append(need, name)
			}
		}
		slices.Sort(need)
		for _, name := range slices.Compact(need) {
			if _, ok := have[name]; !ok {
				mc.report(Error, RulePlaceholder, mc.at(form, 0), "%s form: placeholder {{%s}} of the source is missing", form, name)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(have)) {
			if allowed[name] {
				continue
			}
			hint := ""
			if near := nearest(name, slices.Sorted(maps.Keys(allowed))); near != "" {
				hint = fmt.Sprintf(" (did you mean {{%s}}?)", near)
			}
			mc.report(Error, RulePlaceholder, mc.at(form, have[name]), "%s form: placeholder {{%s}} is not in the source%s", form, name, hint)
		}
		for _, l := range slices.Sorted(maps.Keys(logic)) {
			if !srcLogic[l] {
				mc.report(Error, RulePlaceholder, mc.at(form, logic[l]), "%s form: template action %s is not in the source", form, l)
			}
		}
	}
}

// fields returns the template fields of s ({{.Municipality}} as
// ".Municipality") and its other actions (if, range, function calls), each
// with the offset of its first use. A template that does not parse has
// none (the template rule reports it).
func fields(s string) (map[string]int, map[string]int) {
	names, logic := map[string]int{}, map[string]int{}
	t, err := template.New("").Parse(s)
	if err != nil || t.Tree == nil {
		return names, logic
	}
	add := func(m map[string]int, k string, p parse.Pos) {
		if _, ok := m[k]; !ok {
			m[k] = int(p)
		}
	}
	var walk func(n parse.Node)
	branch := func(kind string, b *parse.BranchNode) {
		add(logic, kind, b.Position())
		walk(b.Pipe)
		walk(b.List)
		walk(b.ElseList)
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			if len(n.Decl) > 0 {
				add(logic, "variable", n.Position())
			}
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.FieldNode:
			// The field's offset: the action's text starts with "." here.
			add(names, "."+strings.Join(n.Ident, "."), n.Position())
		case *parse.IdentifierNode:
			add(logic, n.Ident, n.Position())
		case *parse.IfNode:
			branch("if", &n.BranchNode)
		case *parse.RangeNode:
			branch("range", &n.BranchNode)
		case *parse.WithNode:
			branch("with", &n.BranchNode)
		case *parse.TemplateNode:
			add(logic, "template", n.Position())
		case *parse.VariableNode, *parse.ChainNode:
			add(logic, "variable", n.Position())
		}
	}
	walk(t.Tree.Root)
	return names, logic
}

// nearest returns the candidate within two edits of name, if any: a
// misspelled placeholder.
func nearest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func (mc *messageCheck) plural() {
	srcForms := mc.src.FormsOf()
	forms := mc.m.FormsOf()
	if len(srcForms) == 1 {
		if extra := slices.DeleteFunc(slices.Clone(forms), func(f catalog.Form) bool { return f == catalog.Other }); len(extra) > 0 {
			mc.report(Warning, RulePlural, mc.f.messagePos(mc.m.ID), "the source has no count: plural forms %s are never printed", joinForms(extra))
		}
		return
	}
	if mc.f.loc == nil {
		return
	}
	need := mc.f.loc.PluralForms()
	for _, f := range need {
		if !slices.Contains(forms, f) {
			mc.report(Error, RulePlural, mc.f.messagePos(mc.m.ID), "plural form %q is missing: %s needs %s", f, mc.f.lang, joinForms(need))
		}
	}
	for _, f := range forms {
		// other is kept even where whole numbers never select it
		// (Russian uses it for fractions only); go-i18n expects it.
		if f != catalog.Other && !slices.Contains(need, f) {
			mc.report(Warning, RulePlural, mc.at(f, 0), "plural form %q is never used by %s's rules (%s)", f, mc.f.lang, joinForms(need))
		}
	}
}

func joinForms(fs []catalog.Form) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

func (mc *messageCheck) identical() {
	if mc.c.keep.Allows(mc.f.lang, mc.m.ID) {
		return
	}
	letters := false
	for _, f := range mc.m.FormsOf() {
		text := mc.m.Forms[f]
		if text != mc.srcText(f) {
			return
		}
		letters = letters || hasLetter(plain(text))
	}
	if letters {
		mc.report(Error, RuleIdentical, mc.at(catalog.Other, 0),
			"identical to the source: translate it, or, if it is a name kept as written, list it in %s", KeepFile)
	}
}
