package catalog

import (
	"maps"
	"strings"
	"text/template"
	"text/template/parse"
)

// Most messages are filled without go-i18n, because its result is known
// without running it:
//
//   - a form with no "{{" is its own text: go-i18n's text parser hands it
//     back as it stands, whatever the data;
//   - a form of literal text and {{.Key}} actions only, filled from a
//     map whose values for those keys are strings, is the literal text
//     with each value in place of its action, as text/template prints it.
//
// Without a count the form is "other"; with one, the form go-i18n's rules
// select for it (probed once per locale for the small counts leaflets
// print). Everything else goes through go-i18n as before: larger counts,
// a form the message lacks, messages with their own delimiters, templates
// with pipelines, functions or conditions, data without a key the
// template uses (the *TemplateError keeps go-i18n's wording) and values
// that are not strings.

// defaultLeftDelim is go-i18n's left delimiter when a message names none.
const defaultLeftDelim = "{{"

// fieldTemplate is a template of literal text and {{.Key}} actions only:
// lits[0] keys[0] lits[1] … keys[n-1] lits[n].
type fieldTemplate struct {
	lits []string
	keys []string
}

// compileFields returns src as a fieldTemplate, parsed as go-i18n's text
// parser parses it, or false when it is anything else (or does not parse).
func compileFields(src string) (*fieldTemplate, bool) {
	tmpl, err := template.New("").Option("missingkey=error").Parse(src)
	if err != nil || tmpl.Tree == nil || tmpl.Tree.Root == nil {
		return nil, false
	}
	ft := &fieldTemplate{lits: []string{""}}
	for _, n := range tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			ft.lits[len(ft.lits)-1] += string(n.Text)
		case *parse.ActionNode:
			key, ok := fieldKey(n.Pipe)
			if !ok {
				return nil, false
			}
			ft.keys = append(ft.keys, key)
			ft.lits = append(ft.lits, "")
		default:
			return nil, false
		}
	}
	return ft, true
}

// fieldKey returns Key of a pipeline that is exactly ".Key".
func fieldKey(p *parse.PipeNode) (string, bool) {
	if p == nil || p.IsAssign || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return f.Ident[0], true
}

// layers is template data in maps, the first map with a key giving its
// value: the data without copying it into one map first.
type layers []map[string]any

func (ls layers) get(key string) any {
	for _, m := range ls {
		if v, ok := m[key]; ok {
			return v
		}
	}
	return nil
}

// merged returns the data in one map, as go-i18n takes it.
func (ls layers) merged() map[string]any {
	out := map[string]any{}
	for i := len(ls) - 1; i >= 0; i-- {
		maps.Copy(out, ls[i])
	}
	return out
}

// fill returns the template filled with data, or false when a key is
// missing or its value is not a string: go-i18n then says what is wrong.
func (ft *fieldTemplate) fill(data layers) (string, bool) {
	n := 0
	for _, l := range ft.lits {
		n += len(l)
	}
	vals := make([]string, len(ft.keys))
	for i, k := range ft.keys {
		s, ok := data.get(k).(string)
		if !ok {
			return "", false
		}
		vals[i] = s
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(ft.lits[0])
	for i, v := range vals {
		b.WriteString(v)
		b.WriteString(ft.lits[i+1])
	}
	return b.String(), true
}

// formKey names one plural form of one message.
type formKey struct {
	id   string
	form Form
}

// templatesOf returns, for every form go-i18n would run as a template,
// that form as a fieldTemplate, or nil where it must stay with go-i18n. A
// form not in the map is a fixed text. msgs has one message per ID.
func templatesOf(msgs []written) map[formKey]*fieldTemplate {
	var out map[formKey]*fieldTemplate
	for k := range msgs {
		m := &msgs[k]
		custom := m.customDelims()
		for i, form := range Forms() {
			key := formKey{m.id, form}
			text := m.form(i)
			if text == "" || (!custom && !strings.Contains(text, defaultLeftDelim)) {
				continue
			}
			if out == nil {
				out = map[formKey]*fieldTemplate{}
			}
			out[key] = nil
			if !custom {
				if ft, ok := compileFields(text); ok {
					out[key] = ft
				}
			}
		}
	}
	return out
}
