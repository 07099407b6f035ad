package review

import (
	"fmt"
	"io/fs"
	"path"
	"slices"

	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/sshsig"
)

// Reviewer is a person allowed to approve translations into some
// languages, and why (the qualification a municipality can check).
type Reviewer struct {
	Name          string   `toml:"name"`
	Langs         []string `toml:"langs"`
	Qualification string   `toml:"qualification"`
	// SSHKey is the public key the reviewer signs approvals with, in
	// authorized_keys form ("ssh-ed25519 AAAA… name"); without it no
	// approval of theirs counts.
	SSHKey string `toml:"ssh_key"`

	key sshsig.PublicKey
}

// Reviewers is the list in ReviewersFile.
type Reviewers struct {
	list []Reviewer
}

// Listed reports whether name may approve translations into lang.
func (rs Reviewers) Listed(name, lang string) bool {
	return slices.ContainsFunc(rs.list, func(r Reviewer) bool {
		return r.Name == name && slices.Contains(r.Langs, lang)
	})
}

// KeyListed reports whether key is the key listed for name, and name is
// listed for lang.
func (rs Reviewers) KeyListed(name, lang string, key sshsig.PublicKey) bool {
	return slices.ContainsFunc(rs.list, func(r Reviewer) bool {
		return r.Name == name && slices.Contains(r.Langs, lang) && r.key.Equal(key)
	})
}

// For returns the reviewers listed for lang.
func (rs Reviewers) For(lang string) []Reviewer {
	var out []Reviewer
	for _, r := range rs.list {
		if slices.Contains(r.Langs, lang) {
			out = append(out, r)
		}
	}
	return out
}

// readReviewers reads ReviewersFile. A missing or broken file lists no
// one: nothing is vetted rather than everything.
func readReviewers(fsys fs.FS, root string, known func(string) bool) (Reviewers, []lint.Diagnostic) {
	diag := func(format string, args ...any) []lint.Diagnostic {
		return []lint.Diagnostic{{File: path.Join(root, ReviewersFile), Line: 1, Col: 1, Severity: lint.Error,
			Rule: RuleReviewers, Text: fmt.Sprintf(format, args...)}}
	}
	var f struct {
		Reviewer []Reviewer `toml:"reviewer"`
	}
	if _, _, d := lint.DecodeFile(fsys, root, ReviewersFile, RuleReviewers, &f); d != nil {
		return Reviewers{}, []lint.Diagnostic{*d}
	}
	for i, r := range f.Reviewer {
		if r.SSHKey != "" {
			k, err := sshsig.ParsePublicKey(r.SSHKey)
			if err != nil {
				return Reviewers{}, diag("reviewer %q: ssh_key: %v", r.Name, err)
			}
			f.Reviewer[i].key = k
		}
		if r.Name == "" || len(r.Langs) == 0 || r.Qualification == "" {
			return Reviewers{}, diag("reviewer %q: name, langs and qualification are required", r.Name)
		}
		for _, l := range r.Langs {
			if !known(l) {
				return Reviewers{}, diag("reviewer %q: unknown language %q", r.Name, l)
			}
		}
	}
	return Reviewers{list: f.Reviewer}, nil
}
