package review

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"infogeneratorn/fonts"
	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// The leaflet's resolve step asks a Snapshot, or the server's Watcher,
// which messages are unvetted.
var (
	_ resolve.Vetting = (*Snapshot)(nil)
	_ resolve.Vetting = (*Watcher)(nil)
)

var fontCoverage = sync.OnceValues(func() (*lint.FontCoverage, error) { return lint.LoadCoverage(fonts.FS()) })

func coverage(t testing.TB) *lint.FontCoverage {
	t.Helper()
	c, err := fontCoverage()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// copyFixture copies testdata/locales into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := os.CopyFS(dir, os.DirFS("testdata/locales"))
	if err != nil {
		t.Fatal(err)
	}
	listKeys(t, dir)
	return dir
}

func load(t *testing.T, dir string) *Snapshot {
	t.Helper()
	s, err := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t)})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// edit replaces old by new in file and fails if old is not there once.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(data), old) != 1 {
		t.Fatalf("%s: %q is not there exactly once", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

var day = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func approveAll(t *testing.T, dir string, langs ...string) {
	t.Helper()
	for _, lang := range langs {
		ids, err := Approve(ApproveRequest{Dir: dir, Fonts: coverage(t), Lang: lang, Reviewer: "Test Reviewer", All: true, Date: day,
			Sign: key(t, "test").signer(t)})
		if err != nil {
			t.Fatalf("approve %s: %v", lang, err)
		}
		if len(ids) != 3 {
			t.Fatalf("approve %s: %v", lang, ids)
		}
	}
}

func states(s *Snapshot, lang string) map[string]string {
	out := map[string]string{}
	for _, id := range s.sourceIDs {
		m, _ := s.Message(lang, id)
		out[id] = string(m.State)
		for _, r := range m.Reasons {
			out[id] += ": " + string(r)
		}
	}
	return out
}

func TestApprovalGoesStale(t *testing.T) {
	vetted := map[string]string{"a.title": "vetted", "a.intro": "vetted", "a.count": "vetted"}
	with := func(id, state string) map[string]string {
		m := map[string]string{}
		for k, v := range vetted {
			m[k] = v
		}
		m[id] = state
		return m
	}
	tests := []struct {
		name             string
		file, old, new   string
		lang             string
		want             map[string]string
		wantErr, wantRun bool
	}{
		{name: "nothing changed", lang: "en", want: vetted},
		{name: "translation edited by one character", file: "en.toml", old: "not alone", new: "not alone!", lang: "en",
			want: with("a.title", "unvetted: translation edited")},
		{name: "source changed by one character", file: "sv.toml", old: "inte ensam", new: "inte ensam!", lang: "en",
			want: with("a.title", "unvetted: source changed")},
		{name: "source and translation both changed", file: "sv.toml", old: "slå dig", new: "slå dig,", lang: "en",
			want: with("a.intro", "unvetted: source changed")},
		// A leaflet with six help lines prints only the "other" form; an
		// edit of "one" must still unvet the message.
		{name: "plural form the leaflet does not print", file: "en.toml", old: "this line.", new: "this line!", lang: "en",
			want: with("a.count", "unvetted: translation edited")},
		// Russian whole numbers never select "other"; it is hashed too.
		{name: "Russian other form, never printed for a count", file: "ru.toml", old: "можете звонить", new: "можете всегда звонить", lang: "ru",
			want: with("a.count", "unvetted: translation edited")},
		{name: "source's plural form the leaflet does not print", file: "sv.toml", old: "den här linjen.", new: "den här linjen!", lang: "ru",
			want: with("a.count", "unvetted: source changed")},
		{name: "description edited", file: "en.toml", old: `description = "Title."`, new: `description = "Title!"`, lang: "en",
			want: with("a.title", "unvetted: translation edited")},
		{name: "source description edited", file: "sv.toml", old: `description = "Title."`, new: `description = "Title!"`, lang: "en",
			want: with("a.title", "unvetted: source changed")},
		{name: "unrelated message in another locale", file: "ru.toml", old: "Вы не одни", new: "Вы не один", lang: "en", want: vetted},
		{name: "reviewer no longer listed", file: "approvals/reviewers.toml", old: `langs = ["en", "ru"]`, new: `langs = ["ru"]`, lang: "en",
			want: map[string]string{"a.title": "unvetted: reviewer not listed for this language",
				"a.intro": "unvetted: reviewer not listed for this language", "a.count": "unvetted: reviewer not listed for this language"}},
		{name: "record deleted", file: "approvals/en.toml", old: "[[approval]]\nid = \"a.intro\"", new: "[[approval]]\nid = \"a.introx\"", lang: "en",
			want: with("a.intro", "unvetted: no record")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			approveAll(t, dir, "en", "ru")
			if tt.file != "" {
				edit(t, dir, tt.file, tt.old, tt.new)
			}
			got := states(load(t, dir), tt.lang)
			for id, want := range tt.want {
				if got[id] != want {
					t.Errorf("%s: %q, want %q", id, got[id], want)
				}
			}
		})
	}
}

// A message that fails the check is not vetted, whatever its record says;
// the set as a whole is then refused (CheckError) but still has states.
func TestFailsCheckIsNotVetted(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	edit(t, dir, "en.toml", "the right to hit", "the right to \u202Ehit")
	s, err := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t)})
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *CheckError", err)
	}
	if got := states(s, "en")["a.intro"]; got != "unvetted: translation edited: fails check" {
		t.Errorf("a.intro: %q", got)
	}
}

func TestApproveRefuses(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(t *testing.T, dir string)
		req       ApproveRequest
		wantIDs   []string
		wantInErr string
	}{
		{name: "reviewer not listed for the language",
			req: ApproveRequest{Lang: "en", Reviewer: "Other Reviewer", All: true}, wantInErr: `"Other Reviewer" is not listed for en`},
		{name: "unknown reviewer",
			req: ApproveRequest{Lang: "en", Reviewer: "Nobody", IDs: []string{"a.title"}}, wantInErr: "not listed"},
		{name: "the source", req: ApproveRequest{Lang: "sv", Reviewer: "Test Reviewer", All: true}, wantInErr: "source"},
		{name: "no such message", req: ApproveRequest{Lang: "en", Reviewer: "Test Reviewer", IDs: []string{"a.nope"}},
			wantIDs: []string{"a.nope"}, wantInErr: "no such message"},
		{name: "neither ids nor all", req: ApproveRequest{Lang: "en", Reviewer: "Test Reviewer"}, wantInErr: "--message"},
		{name: "not signed", req: ApproveRequest{Lang: "en", Reviewer: "Test Reviewer", All: true, Sign: func([]byte) ([]byte, error) { return nil, nil }},
			wantInErr: string(Unsigned)},
		{name: "a message fails the check",
			setup: func(t *testing.T, dir string) { edit(t, dir, "en.toml", "{{.Municipality}}", "{{.Municipalty}}") },
			req:   ApproveRequest{Lang: "en", Reviewer: "Test Reviewer", All: true}, wantIDs: []string{"a.intro"}, wantInErr: "fail the check"},
		{name: "untranslated",
			setup: func(t *testing.T, dir string) {
				edit(t, dir, "en.toml", "other = \"You are not alone\"", "other = \"\"")
			},
			req: ApproveRequest{Lang: "en", Reviewer: "Test Reviewer", IDs: []string{"a.title"}}, wantIDs: []string{"a.title"}, wantInErr: "not translated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			tt.req.Dir, tt.req.Fonts, tt.req.Date = dir, coverage(t), day
			if tt.req.Sign == nil {
				tt.req.Sign = key(t, "test").signer(t)
			}
			_, err := Approve(tt.req)
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RefusedError", err)
			}
			if !strings.Contains(err.Error(), tt.wantInErr) || !slices.Equal(re.IDs, tt.wantIDs) {
				t.Errorf("err = %v (ids %v), want %q and ids %v", err, re.IDs, tt.wantInErr, tt.wantIDs)
			}
			if _, err := os.Stat(filepath.Join(dir, "approvals", tt.req.Lang+".toml")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a refused approval wrote a file (%v)", err)
			}
		})
	}
}

func TestApproveSomeIDsAndRecordFile(t *testing.T) {
	dir := copyFixture(t)
	ids, err := Approve(ApproveRequest{Dir: dir, Fonts: coverage(t), Lang: "en", Reviewer: "Test Reviewer",
		IDs: []string{"a.title", "a.count"}, Date: day, Sign: key(t, "test").signer(t)})
	if err != nil || !slices.Equal(ids, []string{"a.title", "a.count"}) {
		t.Fatalf("approve: %v %v", ids, err)
	}
	s := load(t, dir)
	want := map[string]string{"a.title": "vetted", "a.count": "vetted", "a.intro": "unvetted: no record"}
	if got := states(s, "en"); !mapsEqual(got, want) {
		t.Errorf("states %v, want %v", got, want)
	}
	if got := s.Unvetted("en", []string{"a.title", "a.intro", "a.count"}); !slices.Equal(got, []string{"a.intro"}) {
		t.Errorf("Unvetted = %v", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, "approvals", "en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"id = \"a.count\"", "reviewer = \"Test Reviewer\"", "date = \"2026-03-02\"", "source = \"sha256:", "-----BEGIN SSH SIGNATURE-----"} {
		if !strings.Contains(text, want) {
			t.Errorf("approvals file lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "a.count") > strings.Index(text, "a.title") {
		t.Errorf("records are not sorted by ID:\n%s", text)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestUnvetted(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	s := load(t, dir)
	ids := []string{"a.title", "a.intro", "a.count"}
	tests := []struct {
		lang string
		want []string
	}{
		{"sv", nil}, // the source is the text itself
		{"en", nil},
		{"ru", ids}, // translated, never approved
		{"xx", ids}, // no such locale: nothing is vetted
	}
	for _, tt := range tests {
		if got := s.Unvetted(tt.lang, ids); !slices.Equal(got, tt.want) {
			t.Errorf("Unvetted(%s) = %v, want %v", tt.lang, got, tt.want)
		}
	}
}

func TestStatus(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	edit(t, dir, "en.toml", "not alone", "not alone!")
	rows := load(t, dir).Status()
	byLang := map[string]LocaleStatus{}
	var order []string
	for _, r := range rows {
		byLang[r.Lang] = r
		order = append(order, r.Lang)
	}
	if !slices.Equal(order, []string{"sv", "en", "ru"}) {
		t.Errorf("order %v: want the source first, then by Swedish name", order)
	}
	en := byLang["en"]
	if en.Messages != 3 || en.Translated != 3 || en.Vetted != 2 || en.Stale != 1 || en.Why.TranslationEdited != 1 {
		t.Errorf("en: %+v", en)
	}
	ru := byLang["ru"]
	if ru.Vetted != 0 || ru.Stale != 0 || ru.Why.NoRecord != 3 {
		t.Errorf("ru: %+v", ru)
	}
	if !byLang["sv"].Source || byLang["sv"].Vetted != 0 {
		t.Errorf("sv: %+v", byLang["sv"])
	}
	var b bytes.Buffer
	if err := WriteStatus(&b, rows); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"source", "translation edited 1", "no record 3"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestWatcherKeepsLastGoodSet breaks a locale file on disk, checks that
// the last good set stays in service and that the log names the file and
// line, then fixes the file and checks that the fix is picked up.
func TestWatcherKeepsLastGoodSet(t *testing.T) {
	dir := copyFixture(t)
	var logs bytes.Buffer
	w, err := NewWatcher(dir, coverage(t), slog.New(slog.NewTextHandler(&logs, nil)), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	good := w.Current()
	title := func() string {
		en, err := w.Current().Catalog.Locale("en")
		if err != nil {
			t.Fatal(err)
		}
		s, err := en.Text("a.title", nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if w.Poll() {
		t.Fatal("nothing changed, but the watcher swapped")
	}

	edit(t, dir, "en.toml", `other = "You are not alone"`, `other = "You are not alone`)
	if w.Poll() {
		t.Fatal("swapped in a set with a broken file")
	}
	if w.Current() != good || title() != "You are not alone" {
		t.Fatal("the last good set is not in service")
	}
	if !strings.Contains(logs.String(), "pos="+filepath.ToSlash(dir)+"/en.toml:3:") {
		t.Errorf("the log does not name en.toml:3:\n%s", logs.String())
	}

	edit(t, dir, "en.toml", `other = "You are not alone`, `other = "You are never alone"`)
	if !w.Poll() {
		t.Fatalf("the fixed file was not picked up:\n%s", logs.String())
	}
	if title() != "You are never alone" {
		t.Errorf("title %q after the fix", title())
	}

	// A set that parses but fails the check is refused too.
	edit(t, dir, "en.toml", "{{.Municipality}}", "{{.Municipalty}}")
	if w.Poll() || title() != "You are never alone" {
		t.Error("swapped in a set that fails the check")
	}
}

func TestNewWatcherRefusesABrokenFirstSet(t *testing.T) {
	dir := copyFixture(t)
	edit(t, dir, "ru.toml", `other = "Вы не одни"`, `other = Вы не одни`)
	_, err := NewWatcher(dir, coverage(t), nil, 0)
	var ce *CheckError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "ru.toml:2:") {
		t.Errorf("err = %v", err)
	}
}

// TestShippedLocales checks the locales built into the program: they pass
// the check, and since no reviewer is listed, no translation is vetted.
func TestShippedLocales(t *testing.T) {
	s, err := Load(Config{Locales: locales.FS(), Root: "locales", Fonts: coverage(t)})
	if err != nil {
		t.Fatalf("the shipped locales fail: %v", err)
	}
	// The program starts on the seal instead of the check: it must be the
	// seal of these files and of this check's report.
	seal, err := s.Seal()
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := ReadSeal(locales.Seal())
	if err != nil || !bytes.Equal(shipped.Marshal(), seal.Marshal()) {
		t.Fatalf("locales/sealed.json is not the seal of the embedded locales (%v): run `go generate ./locales`", err)
	}
	sealed, err := Load(Config{Locales: locales.FS(), Root: "locales", Seal: shipped})
	if err != nil || !sealed.Sealed {
		t.Fatalf("the shipped seal was not taken: sealed %v, %v", sealed.Sealed, err)
	}
	if !reflect.DeepEqual(sealed.Status(), s.Status()) {
		t.Error("the status of the sealed set differs from the checked one's")
	}
	for _, row := range s.Status() {
		if row.Source {
			continue
		}
		if row.Vetted != 0 || len(row.Reviewers) != 0 {
			t.Errorf("%s: %d vetted by %v, but no reviewer is listed", row.Lang, row.Vetted, row.Reviewers)
		}
	}
}

func TestHashesBindEverything(t *testing.T) {
	s := load(t, "testdata/locales")
	m := s.messages("en")["a.count"]
	base := TranslationHash("sv", "en", m)
	swapped := catalog.Message{ID: m.ID, Description: m.Description,
		Forms: map[catalog.Form]string{catalog.One: m.Forms[catalog.Other], catalog.Other: m.Forms[catalog.One]}}
	described := catalog.Message{ID: m.ID, Description: "x", Forms: m.Forms}
	joined := catalog.Message{ID: m.ID, Forms: map[catalog.Form]string{catalog.Other: m.Forms[catalog.One] + m.Forms[catalog.Other]}}
	variants := map[string]string{
		"another tag":     TranslationHash("sv", "en-GB", m),
		"the source side": SourceHash("sv", "en", m),
		"forms swapped":   TranslationHash("sv", "en", swapped),
		"description":     TranslationHash("sv", "en", described),
		"forms joined":    TranslationHash("sv", "en", joined),
	}
	for name, h := range variants {
		if h == base {
			t.Errorf("%s: same hash", name)
		}
	}
	if TranslationHash("sv", "en", m) != base {
		t.Error("the hash is not deterministic")
	}
}

func TestFollowBuildsOncePerSnapshot(t *testing.T) {
	dir := copyFixture(t)
	w, err := NewWatcher(dir, coverage(t), nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	builds := 0
	fail := false
	get, err := Follow(w, func(s *Snapshot) (string, error) {
		builds++
		if fail {
			return "", errors.New("no")
		}
		en, err := s.Catalog.Locale("en")
		if err != nil {
			return "", err
		}
		return en.Text("a.title", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if get() != "You are not alone" || get() != "You are not alone" || builds != 1 {
		t.Fatalf("builds %d", builds)
	}
	edit(t, dir, "en.toml", "not alone", "never alone")
	w.Poll()
	if got := get(); got != "You are never alone" || builds != 2 {
		t.Fatalf("after reload: %q, builds %d", got, builds)
	}
	fail = true
	edit(t, dir, "en.toml", "never alone", "not ever alone")
	w.Poll()
	if got := get(); got != "You are never alone" || builds != 3 {
		t.Fatalf("after a failed build: %q, builds %d", got, builds)
	}
	get()
	if builds != 3 {
		t.Errorf("a failed build is retried on every call: %d", builds)
	}
}

// TestLeafletWithOneUnvettedMessage goes the whole way with real
// approvals: every English message of the shipped locales approved, then
// one character of vald.intro edited. The leaflet names that one message,
// carries the notice in its footer, and is refused under RequireVetted.
func TestLeafletWithOneUnvettedMessage(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, locales.FS()); err != nil {
		t.Fatal(err)
	}
	reviewers := "[[reviewer]]\nname = \"Test Reviewer\"\nlangs = [\"en\"]\nqualification = \"a test\"\nssh_key = \"" + key(t, "test").pub + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, ReviewersFile), []byte(reviewers), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Approve(ApproveRequest{Dir: dir, Fonts: coverage(t), Lang: "en", Reviewer: "Test Reviewer", All: true, Date: day,
		Sign: key(t, "test").signer(t)}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "en.toml"))
	i := strings.Index(string(data), "[\"vald.intro\"]")
	j := i + strings.Index(string(data[i:]), "other = \"") + len("other = \"")
	data = append(data[:j:j], append([]byte("So: "), data[j:]...)...)
	if err := os.WriteFile(filepath.Join(dir, "en.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	snap, err := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t)})
	if snap.Catalog == nil || len(snap.Report.For("en", "")) > 0 {
		t.Fatalf("load: %v", err)
	}
	refdata, err := assemble.LoadData()
	if err != nil {
		t.Fatal(err)
	}
	req, err := request.Parse(strings.NewReader(`{"municipality": {"code": "1380"}, "topics": ["vald"], "languages": ["en"]}`))
	if err != nil {
		t.Fatal(err)
	}
	cfg := refdata.ResolveConfig(snap.Catalog)
	cfg.Vetting = snap
	doc, err := resolve.New(cfg).Resolve(req, vocab.TopicViolence, "en")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Review.Vetted || !slices.Equal(doc.Review.Unvetted, []string{"vald.intro"}) {
		t.Errorf("review %+v, want only vald.intro unvetted", doc.Review)
	}
	var footer []string
	for _, l := range doc.Footer {
		footer = append(footer, l.Text.Bare())
	}
	if !slices.Contains(footer, "This translation has not yet been checked by a qualified translator.") ||
		!slices.Contains(footer, "Den här översättningen har ännu inte granskats av en kvalificerad översättare.") {
		t.Errorf("footer %q lacks the notice in English and Swedish", footer)
	}
	cfg.RequireVetted = true
	_, err = resolve.New(cfg).Resolve(req, vocab.TopicViolence, "en")
	var ue *resolve.UnvettedError
	if !errors.As(err, &ue) || !slices.Equal(ue.IDs, []string{"vald.intro"}) {
		t.Errorf("RequireVetted: %v", err)
	}
}

// A seal stands for the check only for the exact files it was made of.
func TestSealStandsForTheCheck(t *testing.T) {
	dir := copyFixture(t)
	full := load(t, dir)
	seal, err := full.Seal()
	if err != nil {
		t.Fatal(err)
	}
	// A finding the check would not make shows that the check did not run.
	marked := *seal
	marked.Diagnostics = append(slices.Clone(seal.Diagnostics), lint.Diagnostic{File: "locales/en.toml", Line: 1, Col: 1,
		Severity: lint.Warning, Rule: lint.RuleSpaces, Lang: "en", Text: "from the seal"})
	cfg := Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t), Seal: &marked}
	s, err := Load(cfg)
	if err != nil || !s.Sealed || len(s.Report.For("en", "")) != len(full.Report.For("en", ""))+1 {
		t.Fatalf("sealed load: sealed %v, %d findings for en, %v; want the seal's report", s.Sealed, len(s.Report.For("en", "")), err)
	}
	if !reflect.DeepEqual(states(s, "en"), states(full, "en")) {
		t.Errorf("sealed states %v, checked %v", states(s, "en"), states(full, "en"))
	}
	if _, err := s.Catalog.Locale("ru"); err != nil {
		t.Errorf("sealed catalog: %v", err)
	}

	other := cfg
	other.Root = "elsewhere"
	if s, _ := Load(other); s.Sealed {
		t.Error("a seal made for another root was taken")
	}
	edit(t, dir, "en.toml", "the right to hit", "the right to \u202Ehit")
	s, err = Load(cfg)
	var ce *CheckError
	if s.Sealed || !errors.As(err, &ce) {
		t.Fatalf("edited files: sealed %v, err %v; want the full check and its error", s.Sealed, err)
	}
	if _, err := s.Seal(); !errors.Is(err, ErrNotSealable) {
		t.Errorf("Seal of a set with errors: %v", err)
	}
	if _, err := ReadSeal([]byte(`{"root": "locales"}`)); err == nil {
		t.Error("ReadSeal took a seal without a hash")
	}
}

// A seal with every file's digest lets Load compare only names and sizes
// at once: a file's content is compared when it is read, so an edit that
// keeps a file's size is refused when that file is read, and one that
// changes the list or a size gets the full check.
func TestSealVerifiesEachFileWhenRead(t *testing.T) {
	for _, tc := range []struct {
		name       string
		change     func(t *testing.T, dir string)
		wantSealed bool
		unreadable string // a locale whose file must no longer read
	}{
		{name: "unchanged", change: func(*testing.T, string) {}, wantSealed: true},
		{name: "same size, other content", wantSealed: true, unreadable: "en",
			change: func(t *testing.T, dir string) { edit(t, dir, "en.toml", "right to hit", "right to hug") }},
		{name: "size changed", change: func(t *testing.T, dir string) { edit(t, dir, "en.toml", "right to hit", "right to strike") }},
		{name: "file added", change: func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "ui", "fi.toml"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "file removed", change: func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "ui", "en.toml")); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyFixture(t)
			seal, err := load(t, dir).Seal()
			if err != nil {
				t.Fatal(err)
			}
			if len(seal.Files) == 0 || seal.Files["en.toml"].Size == 0 {
				t.Fatalf("the seal records no file digests: %v", seal.Files)
			}
			tc.change(t, dir)
			s, _ := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t), Seal: seal})
			if s.Sealed != tc.wantSealed {
				t.Fatalf("sealed %v, want %v", s.Sealed, tc.wantSealed)
			}
			if !s.Sealed {
				return
			}
			for _, lang := range []string{"sv", "en", "ru"} {
				_, err := s.Catalog.Locale(lang)
				switch {
				case lang == tc.unreadable && !errors.Is(err, ErrSealMismatch):
					t.Errorf("%s, edited after sealing: %v, want ErrSealMismatch", lang, err)
				case lang != tc.unreadable && err != nil:
					t.Errorf("%s: %v", lang, err)
				}
			}
			if tc.unreadable != "" {
				return
			}
			again, err := s.Seal()
			if err != nil || !bytes.Equal(again.Marshal(), seal.Marshal()) {
				t.Errorf("the seal of the sealed load differs from the checked one's (%v)", err)
			}
		})
	}
}
