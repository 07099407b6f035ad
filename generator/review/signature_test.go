package review

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"infogeneratorn/generator/sshsig"
)

// testKey is a reviewer's key pair made by stock ssh-keygen
// (openssh-client, installed by the test command).
type testKey struct {
	path string // the private key file; path + ".pub" the public key
	pub  string // authorized_keys form
}

// keys are made once for the test binary: "test" for Test Reviewer,
// "other" for Other Reviewer, "stranger" listed for no one.
var keys = sync.OnceValues(func() (map[string]testKey, error) {
	dir, err := os.MkdirTemp("", "review-keys")
	if err != nil {
		return nil, err
	}
	out := map[string]testKey{}
	for _, name := range []string{"test", "other", "stranger"} {
		path := filepath.Join(dir, name)
		if msg, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
			return nil, &exec.Error{Name: "ssh-keygen (openssh-client): " + string(msg), Err: err}
		}
		pub, err := os.ReadFile(path + ".pub")
		if err != nil {
			return nil, err
		}
		out[name] = testKey{path: path, pub: strings.TrimSpace(string(pub))}
	}
	return out, nil
})

func key(t testing.TB, name string) testKey {
	t.Helper()
	ks, err := keys()
	if err != nil {
		t.Fatal(err)
	}
	return ks[name]
}

// signer signs payloads with the key through this program.
func (k testKey) signer(t testing.TB) func([]byte) ([]byte, error) {
	t.Helper()
	pem, err := os.ReadFile(k.path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sshsig.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	return func(p []byte) ([]byte, error) { return sshsig.Sign(s, Namespace, p) }
}

// sshKeygenSigner signs payloads with stock ssh-keygen -Y sign.
func (k testKey) sshKeygenSigner(t testing.TB) func([]byte) ([]byte, error) {
	return func(p []byte) ([]byte, error) {
		cmd := exec.Command("ssh-keygen", "-Y", "sign", "-q", "-f", k.path, "-n", Namespace)
		cmd.Stdin = bytes.NewReader(p)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Errorf("ssh-keygen -Y sign: %v: %s", err, errOut.String())
			return nil, err
		}
		return out.Bytes(), nil
	}
}

// listKeys writes the test keys into the fixture's reviewers.toml.
func listKeys(t *testing.T, dir string) {
	t.Helper()
	edit(t, dir, ReviewersFile, `name = "Test Reviewer"`, `name = "Test Reviewer"`+"\nssh_key = \""+key(t, "test").pub+"\"")
	edit(t, dir, ReviewersFile, `name = "Other Reviewer"`, `name = "Other Reviewer"`+"\nssh_key = \""+key(t, "other").pub+"\"")
}

// TestSignedApprovals: an approval counts only if its signature verifies
// against the key listed for its reviewer and language. A signature made
// by stock ssh-keygen counts like the program's; another key under the
// same name, a removed key or an unsigned record count for nothing, each
// with its reason.
func TestSignedApprovals(t *testing.T) {
	all := func(s string) map[string]string {
		return map[string]string{"a.title": s, "a.intro": s, "a.count": s}
	}
	tests := []struct {
		name  string
		sign  func(t *testing.T) func([]byte) ([]byte, error)
		after func(t *testing.T, dir string)
		want  map[string]string
	}{
		{name: "signed by the program", sign: func(t *testing.T) func([]byte) ([]byte, error) { return key(t, "test").signer(t) },
			want: all("vetted")},
		{name: "signed by ssh-keygen -Y sign", sign: func(t *testing.T) func([]byte) ([]byte, error) { return key(t, "test").sshKeygenSigner(t) },
			want: all("vetted")},
		{name: "key removed from reviewers.toml",
			sign: func(t *testing.T) func([]byte) ([]byte, error) { return key(t, "test").signer(t) },
			after: func(t *testing.T, dir string) {
				edit(t, dir, ReviewersFile, "ssh_key = \""+key(t, "test").pub+"\"\n", "")
			},
			want: all("unvetted: " + string(KeyNotListed))},
		{name: "another key listed under the same name",
			sign: func(t *testing.T) func([]byte) ([]byte, error) { return key(t, "test").signer(t) },
			after: func(t *testing.T, dir string) {
				edit(t, dir, ReviewersFile, key(t, "test").pub, key(t, "stranger").pub)
			},
			want: all("unvetted: " + string(KeyNotListed))},
		{name: "signature removed: an old unsigned record",
			sign: func(t *testing.T) func([]byte) ([]byte, error) { return key(t, "test").signer(t) },
			after: func(t *testing.T, dir string) {
				p := filepath.Join(dir, ApprovalsFile("en"))
				data, _ := os.ReadFile(p)
				var kept []string
				for _, l := range strings.Split(string(data), "\n") {
					if !strings.HasPrefix(l, "signature = ") {
						kept = append(kept, l)
					}
				}
				os.WriteFile(p, []byte(strings.Join(kept, "\n")), 0o644)
			},
			want: all("unvetted: " + string(Unsigned))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			if _, err := Approve(ApproveRequest{Dir: dir, Fonts: coverage(t), Lang: "en", Reviewer: "Test Reviewer", All: true,
				Date: day, Sign: tt.sign(t)}); err != nil {
				t.Fatal(err)
			}
			if tt.after != nil {
				tt.after(t, dir)
			}
			if got := states(load(t, dir), "en"); !mapsEqual(got, tt.want) {
				t.Errorf("states %v, want %v", got, tt.want)
			}
		})
	}
}

// TestApprovalSignedWithAnotherKeyIsRefused: the program will not write a
// record signed with a key not listed for the reviewer.
func TestApprovalSignedWithAnotherKeyIsRefused(t *testing.T) {
	dir := copyFixture(t)
	_, err := Approve(ApproveRequest{Dir: dir, Fonts: coverage(t), Lang: "en", Reviewer: "Test Reviewer", All: true,
		Date: day, Sign: key(t, "other").signer(t)})
	if err == nil || !strings.Contains(err.Error(), string(KeyNotListed)) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ApprovalsFile("en"))); err == nil {
		t.Error("a refused approval wrote a file")
	}
}

// TestOneByteEditOfARecord: any one-byte change of a signed record's
// text (id, hashes, reviewer, date, signature) makes that one message
// count for nothing; the other records still count.
func TestOneByteEditOfARecord(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	p := filepath.Join(dir, ApprovalsFile("en"))
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(orig, []byte("id = \"a.intro\""))
	end := start + bytes.Index(orig[start:], []byte("[[approval]]"))
	if start < 0 || end < start {
		end = len(orig)
	}
	edits := 0
	for _, field := range []string{"source = \"sha256:", "translation = \"sha256:", "reviewer = \"", "date = \"2026-", "signature = "} {
		i := start + bytes.Index(orig[start:end], []byte(field))
		if i < start {
			t.Fatalf("no %q in the record", field)
		}
		j := i + len(field) + 2 // a byte inside the value
		if field == "signature = " {
			j = i + bytes.Index(orig[i:end], []byte("SIGNATURE-----")) + len("SIGNATURE-----") + 20
		}
		for _, b := range []byte{'0', 'a', 'Z'} {
			if orig[j] == b {
				continue
			}
			edited := append([]byte(nil), orig...)
			edited[j] = b
			if err := os.WriteFile(p, edited, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t)})
			if err != nil && s == nil {
				t.Fatal(err)
			}
			got := states(s, "en")
			if !strings.HasPrefix(got["a.intro"], "unvetted") && !strings.HasPrefix(got["a.intro"], "missing") {
				t.Errorf("%s byte %d → %q: a.intro still %q", field, j, b, got["a.intro"])
			}
			if got["a.title"] != "vetted" || got["a.count"] != "vetted" {
				t.Errorf("%s edit of a.intro's record unvetted another message: %v", field, got)
			}
			edits++
			break
		}
	}
	if edits != 5 {
		t.Errorf("%d edits tried, want 5", edits)
	}
}

// TestProjectSignatureVerifiesWithSSHKeygen: a record the program signed
// verifies with stock ssh-keygen -Y verify over its Payload, for the
// reviewer's key from reviewers.toml.
func TestProjectSignatureVerifiesWithSSHKeygen(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	recs, ds := readRecords(os.DirFS(dir), "locales", "en")
	if len(ds) > 0 || len(recs) != 3 {
		t.Fatalf("records %d, %v", len(recs), ds)
	}
	work := t.TempDir()
	allowed := filepath.Join(work, "allowed_signers")
	os.WriteFile(allowed, []byte(`"Test Reviewer" namespaces="`+Namespace+`" `+key(t, "test").pub+"\n"), 0o600)
	for id, r := range recs {
		sig := filepath.Join(work, id+".sig")
		os.WriteFile(sig, []byte(r.Signature), 0o600)
		cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "Test Reviewer", "-n", Namespace, "-s", sig)
		cmd.Stdin = bytes.NewReader(Payload("en", r))
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Good \""+Namespace+"\" signature") {
			t.Errorf("%s: ssh-keygen -Y verify: %v: %s", id, err, out)
		}
	}
}

// TestSealCarriesSignatures: the seal records the outcome of every
// signature of its files, and a sealed load takes those outcomes instead
// of verifying again, so start-up on the shipped set verifies nothing.
func TestSealCarriesSignatures(t *testing.T) {
	dir := copyFixture(t)
	approveAll(t, dir, "en")
	full := load(t, dir)
	seal, err := full.Seal()
	if err != nil {
		t.Fatal(err)
	}
	if len(seal.Signatures) != 3 || seal.Signatures["en a.title"] != "" {
		t.Fatalf("seal signatures %v, want three that count", seal.Signatures)
	}
	// An outcome only the seal says shows the sealed load read it.
	marked := *seal
	marked.Signatures = map[string]Reason{"en a.title": BadSignature, "en a.intro": "", "en a.count": ""}
	s, err := Load(Config{Locales: os.DirFS(dir), Root: "locales", Fonts: coverage(t), Seal: &marked})
	if err != nil || !s.Sealed {
		t.Fatalf("sealed load: %v", err)
	}
	want := map[string]string{"a.title": "unvetted: " + string(BadSignature), "a.intro": "vetted", "a.count": "vetted"}
	if got := states(s, "en"); !mapsEqual(got, want) {
		t.Errorf("sealed states %v, want %v", got, want)
	}
	again, err := ReadSeal(seal.Marshal())
	if err != nil || len(again.Signatures) != 3 {
		t.Errorf("seal round trip: %v, %v", again, err)
	}
}
