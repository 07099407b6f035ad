package review

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
)

// The review files inside the locales directory. The catalog reads only
// the directory's top level and ui/, so nothing here reaches go-i18n.
const (
	ApprovalsDir  = "approvals"
	ReviewersFile = "approvals/reviewers.toml"
)

// ApprovalsFile is the file that holds lang's approvals.
func ApprovalsFile(lang string) string { return path.Join(ApprovalsDir, lang+".toml") }

// Rules of the review files' own diagnostics.
const (
	RuleApproval  lint.Rule = "approval"
	RuleReviewers lint.Rule = "reviewers"
)

// Record is one approval: a reviewer vouched, on Date, for the exact
// translation of one message against the exact source. It holds hashes,
// not flags, so that any later edit on either side shows.
type Record struct {
	ID          string `toml:"id"`
	Source      string `toml:"source"`      // SourceHash at approval
	Translation string `toml:"translation"` // TranslationHash at approval
	Reviewer    string `toml:"reviewer"`
	Date        string `toml:"date"` // YYYY-MM-DD
	// Signature is the reviewer's SSH signature (armoured, namespace
	// Namespace) over Payload; a record without one is read but never
	// counts.
	Signature string `toml:"signature,omitempty"`
}

type recordsFile struct {
	Approval []Record `toml:"approval"`
}

// hashVersion starts every hashed text, so that a change of the encoding
// can never make an old record match by accident.
const hashVersion = "infogeneratorn approval v1"

// SourceHash is the hash of the source side of an approval: the source
// message's ID, description and every plural form, bound to both language
// tags (an approval for fa cannot be copied to fa-AF).
func SourceHash(sourceTag, lang string, src catalog.Message) string {
	return messageHash("source", sourceTag, lang, src)
}

// TranslationHash is the hash of the translated side: the translation's
// ID, description and every plural form (also those a leaflet never
// prints), bound to both language tags.
func TranslationHash(sourceTag, lang string, tr catalog.Message) string {
	return messageHash("translation", sourceTag, lang, tr)
}

func messageHash(side, sourceTag, lang string, m catalog.Message) string {
	h := sha256.New()
	field := func(s string) {
		// Length-prefixed, so that no two messages encode the same.
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	for _, s := range []string{hashVersion, side, sourceTag, lang, m.ID, m.Description} {
		field(s)
	}
	for _, f := range catalog.Forms() {
		if s, ok := m.Forms[f]; ok {
			field(string(f))
			field(s)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// isHash reports whether s is "sha256:" and 64 lower-case hexadecimal
// digits, as messageHash writes it. (Not a regular expression: one
// compiled when the package starts costs every run of the program.)
func isHash(s string) bool {
	h, ok := strings.CutPrefix(s, "sha256:")
	return ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// isDate reports whether s is YYYY-MM-DD in ASCII digits.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// readRecords reads lang's approvals. A missing file is no records; a
// broken file is error diagnostics and no records, and broken records are
// left out one by one.
func readRecords(fsys fs.FS, root, lang string) (map[string]Record, []lint.Diagnostic) {
	file := ApprovalsFile(lang)
	var f recordsFile
	data, _, d := lint.DecodeFile(fsys, root, file, RuleApproval, &f)
	if d != nil {
		d.Lang = lang
		return map[string]Record{}, []lint.Diagnostic{*d}
	}
	diag := func(line int, format string, args ...any) lint.Diagnostic {
		return lint.Diagnostic{File: path.Join(root, file), Line: line, Col: 1, Severity: lint.Error,
			Rule: RuleApproval, Lang: lang, Text: fmt.Sprintf(format, args...)}
	}
	var ds []lint.Diagnostic
	lines := recordLines(data)
	out := map[string]Record{}
	for i, r := range f.Approval {
		line := 1
		if i < len(lines) {
			line = lines[i]
		}
		switch {
		case r.ID == "" || r.Reviewer == "":
			ds = append(ds, diag(line, "record without id or reviewer"))
		case !isHash(r.Source) || !isHash(r.Translation):
			ds = append(ds, diag(line, "%s: hashes must be sha256:<64 hex digits>; approvals are written by `infogen locales approve`, never by hand", r.ID))
		case !isDate(r.Date):
			ds = append(ds, diag(line, "%s: date %q: want YYYY-MM-DD", r.ID, r.Date))
		case strings.ContainsAny(r.Reviewer, "\n\r"):
			ds = append(ds, diag(line, "%s: a reviewer's name is one line", r.ID))
		default:
			if _, dup := out[r.ID]; dup {
				ds = append(ds, diag(line, "%s: approved twice; keep one record", r.ID))
				continue
			}
			out[r.ID] = r
		}
	}
	return out, ds
}

// recordLines returns the line of each [[approval]] header, in order.
func recordLines(data []byte) []int {
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "[[approval]]" {
			out = append(out, i+1)
		}
	}
	return out
}

const recordsHeader = `# Approvals of %s translations, written by "infogen locales approve".
# Never edit by hand: each record holds hashes of the exact source and
# translation it vouches for, and any edit of either makes it stale.
`

// writeRecords replaces lang's approvals file in dir with recs, sorted by
// ID, through a temporary file so that a reader never sees half a file.
func writeRecords(dir, lang string, recs map[string]Record) error {
	list := make([]Record, 0, len(recs))
	for _, r := range recs {
		list = append(list, r)
	}
	slices.SortFunc(list, func(a, b Record) int { return cmp.Compare(a.ID, b.ID) })
	var b strings.Builder
	fmt.Fprintf(&b, recordsHeader, lang)
	for _, r := range list {
		b.WriteString("\n[[approval]]\n")
		if err := toml.NewEncoder(&b).Encode(r); err != nil {
			return err
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(ApprovalsFile(lang)))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+lang+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(b.String()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), file)
}
