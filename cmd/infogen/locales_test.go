package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// localesFixture copies generator/lint's clean fixture into a temporary
// directory.
func localesFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../generator/lint/testdata/base")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// overlay copies a case's files over dir (os.CopyFS refuses to overwrite).
func overlay(t *testing.T, dir, caseName string) {
	t.Helper()
	src := filepath.Join("../../generator/lint/testdata/cases", caseName)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLocalesCheck(t *testing.T) {
	tests := []struct {
		name     string
		overlay  string
		code     int
		wantLine string // a line of stdout, without the directory
	}{
		{"clean", "", exitOK, ""},
		{"bidi override typed in", "rlo", exitFailure,
			"/en.toml:6:34: error: a.intro: bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) typed in the text, and unbalanced; the layout sets direction itself: delete it [bidi]"},
		{"changed phone number", "phone", exitFailure,
			`/en.toml:9:15: error: a.call: phone number "020-50 50 51" is not the source's (the source has "020-50 50 50") [contact]`},
		{"broken TOML line", "parse", exitFailure, "/en.toml:6:63: error: does not parse: strings cannot contain newlines [parse]"},
		{"warnings only", "warnings", exitOK, "/en.toml:3:13: warning: a.title: double space [spaces]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := localesFixture(t)
			if tt.overlay != "" {
				overlay(t, dir, tt.overlay)
			}
			code, out, errOut := runCLI(t, "", "locales", "check", "--locales", dir)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if tt.wantLine != "" && !strings.Contains(out, filepath.ToSlash(dir)+tt.wantLine+"\n") {
				t.Errorf("stdout lacks %q:\n%s", tt.wantLine, out)
			}
			if tt.wantLine == "" && out != "" {
				t.Errorf("clean fixture printed:\n%s", out)
			}
		})
	}
}

// TestLocalesCheckShipped is what CI runs: the built-in locales pass.
func TestLocalesCheckShipped(t *testing.T) {
	code, out, errOut := runCLI(t, "", "locales", "check")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
}

func TestLocalesApproveAndStatus(t *testing.T) {
	dir := localesFixture(t)
	key := filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen (openssh-client): %v: %s", err, out)
	}
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	reviewers := "[[reviewer]]\nname = \"A Reviewer\"\nlangs = [\"en\"]\nqualification = \"a fixture\"\nssh_key = \"" + strings.TrimSpace(string(pub)) + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, "approvals", "reviewers.toml"), []byte(reviewers), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "locales", "approve", "--locales", dir, "--lang", "en", "--reviewer", "A Reviewer",
		"--key", key, "--message", "a.title", "--message", "a.intro", "--date", "2026-03-02")
	if code != exitOK || !strings.Contains(out, "approved and signed 2 message(s) of en by A Reviewer") {
		t.Fatalf("approve: exit %d\n%s%s", code, out, errOut)
	}
	// Anyone checks a record with stock OpenSSH: the command writes the
	// record's payload, its signature and the allowed signers.
	sigDir := t.TempDir()
	code, out, errOut = runCLI(t, "", "locales", "signature", "--locales", dir, "--lang", "en", "--message", "a.intro", "--out", sigDir)
	if code != exitOK || !strings.HasPrefix(out, "ssh-keygen -Y verify") {
		t.Fatalf("signature: exit %d\n%s%s", code, out, errOut)
	}
	verify := exec.Command("ssh-keygen", "-Y", "verify", "-f", filepath.Join(sigDir, "allowed_signers"), "-I", "A Reviewer",
		"-n", "infogeneratorn-approval", "-s", filepath.Join(sigDir, "record.sig"))
	record, _ := os.ReadFile(filepath.Join(sigDir, "record.txt"))
	verify.Stdin = strings.NewReader(string(record))
	if vout, err := verify.CombinedOutput(); err != nil || !strings.Contains(string(vout), "Good \"infogeneratorn-approval\" signature for A Reviewer") {
		t.Errorf("ssh-keygen -Y verify: %v: %s", err, vout)
	}

	// Through ssh-agent: --key names the public key, ssh-keygen -Y sign
	// asks the agent, which holds the private key.
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agent := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatalf("ssh-agent: %v", err)
	}
	t.Cleanup(func() { agent.Process.Kill(); agent.Wait() })
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Setenv("SSH_AUTH_SOCK", sock)
	if out, err := exec.Command("ssh-add", "-q", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v: %s", err, out)
	}
	code, out, errOut = runCLI(t, "", "locales", "approve", "--locales", dir, "--lang", "en", "--reviewer", "A Reviewer",
		"--key", key+".pub", "--message", "a.count", "--date", "2026-03-02")
	if code != exitOK || !strings.Contains(out, "approved and signed 1 message(s)") {
		t.Fatalf("approve through ssh-agent: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "locales", "approve", "--locales", dir, "--lang", "en", "--reviewer", "A Reviewer", "--all")
	if code != exitUsage || !strings.Contains(errOut, "--key") {
		t.Errorf("no key: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "locales", "approve", "--locales", dir, "--lang", "en", "--reviewer", "Someone Else", "--key", key, "--all")
	if code != exitFailure || !strings.Contains(errOut, `"Someone Else" is not listed for en`) {
		t.Errorf("unlisted reviewer: exit %d\n%s", code, errOut)
	}

	code, out, errOut = runCLI(t, "", "locales", "status", "--locales", dir, "--json")
	if code != exitOK {
		t.Fatalf("status: exit %d\n%s", code, errOut)
	}
	var rows []struct {
		Lang   string `json:"lang"`
		Vetted int    `json:"vetted"`
		Why    struct {
			NoRecord int `json:"no_record"`
		} `json:"why"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Lang == "en" && (r.Vetted != 3 || r.Why.NoRecord != 2) {
			t.Errorf("en: %+v, want 3 vetted and 2 without a record", r)
		}
	}

	code, out, _ = runCLI(t, "", "locales", "status", "--locales", dir)
	if code != exitOK || !strings.Contains(out, "no record 2") {
		t.Errorf("status table: exit %d\n%s", code, out)
	}
}

func TestLocalesUsage(t *testing.T) {
	for _, args := range [][]string{{"locales"}, {"locales", "nope"}, {"locales", "check", "extra"}} {
		if code, _, _ := runCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestLocalesProof: the proof sheet holds every message of the topic with
// its ID, the Swedish source, the translation and its review state, as
// text a translator can search (pdftotext).
func TestLocalesProof(t *testing.T) {
	out := filepath.Join(t.TempDir(), "proof.pdf")
	code, stdout, errOut := runCLI(t, "", "locales", "proof", "--lang", "ar", "--topic", "vald", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "messages of ar") {
		t.Errorf("stdout %q", stdout)
	}
	raw, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, installed by .ci/test): %v", err)
	}
	// poppler marks right-to-left lines with bidi controls of its own.
	text := strings.Map(func(r rune) rune {
		if r == '\u200E' || r == '\u200F' || (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') {
			return -1
		}
		return r
	}, string(raw))
	for _, want := range []string{"vald.intro · sv · source", "vald.intro · ar · unvetted: no record",
		"Ingen har rätt att slå dig", "112"} {
		if !strings.Contains(text, want) {
			t.Errorf("proof sheet lacks %q", want)
		}
	}
	if code, _, _ := runCLI(t, "", "locales", "proof", "--lang", "ar", "--topic", "nope", "--out", out); code != exitUsage {
		t.Errorf("unknown topic: exit %d, want %d", code, exitUsage)
	}
}
