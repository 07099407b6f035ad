package sshsig

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const ns = "infogeneratorn-approval"

// keygen makes a key pair with stock ssh-keygen (openssh-client, which
// the test command installs) and returns the private key file's path.
func keygen(t *testing.T, kind string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "id_"+kind)
	args := []string{"-q", "-t", kind, "-N", "", "-C", "test", "-f", path}
	if kind == "rsa" {
		args = append(args, "-b", "2048")
	}
	if out, err := exec.Command("ssh-keygen", args...).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen (the test command installs openssh-client): %v: %s", err, out)
	}
	return path
}

func signer(t *testing.T, path string) *Signer {
	t.Helper()
	pem, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func publicKey(t *testing.T, path string) PublicKey {
	t.Helper()
	data, err := os.ReadFile(path + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParsePublicKey(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestOurSignatureVerifiesWithSSHKeygen: what Sign writes, ssh-keygen -Y
// verify accepts for the signer's key and namespace, and refuses for an
// edited message.
func TestOurSignatureVerifiesWithSSHKeygen(t *testing.T) {
	for _, kind := range []string{"ed25519", "ecdsa", "rsa"} {
		t.Run(kind, func(t *testing.T) {
			key := keygen(t, kind)
			msg := []byte("infogeneratorn approval v1\nlang ar\nmessage vald.intro\n")
			sig, err := Sign(signer(t, key), ns, msg)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			allowed := filepath.Join(dir, "allowed_signers")
			if err := os.WriteFile(allowed, []byte(`reviewer namespaces="`+ns+`" `+publicKey(t, key).String()+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			sigFile := filepath.Join(dir, "msg.sig")
			if err := os.WriteFile(sigFile, sig, 0o600); err != nil {
				t.Fatal(err)
			}
			verify := func(m []byte) (string, error) {
				cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "reviewer", "-n", ns, "-s", sigFile)
				cmd.Stdin = bytes.NewReader(m)
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			if out, err := verify(msg); err != nil || !strings.Contains(out, `Good "`+ns+`" signature for reviewer`) {
				t.Errorf("ssh-keygen -Y verify: %v: %s", err, out)
			}
			if out, err := verify(append(msg, 'x')); err == nil {
				t.Errorf("ssh-keygen accepted an edited message: %s", out)
			}
			if got, err := Verify(sig, ns, msg); err != nil || !got.Equal(publicKey(t, key)) {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

// TestSSHKeygenSignatureVerifies: what ssh-keygen -Y sign writes, Verify
// accepts and attributes to the right key; another namespace, an edited
// message or an edited signature it refuses.
func TestSSHKeygenSignatureVerifies(t *testing.T) {
	for _, kind := range []string{"ed25519", "rsa"} {
		t.Run(kind, func(t *testing.T) {
			key := keygen(t, kind)
			msgFile := filepath.Join(t.TempDir(), "record")
			msg := []byte("infogeneratorn approval v1\nlang fa-AF\n")
			if err := os.WriteFile(msgFile, msg, 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("ssh-keygen", "-Y", "sign", "-f", key, "-n", ns, msgFile).CombinedOutput(); err != nil {
				t.Fatalf("ssh-keygen -Y sign: %v: %s", err, out)
			}
			sig, err := os.ReadFile(msgFile + ".sig")
			if err != nil {
				t.Fatal(err)
			}
			got, err := Verify(sig, ns, msg)
			if err != nil || !got.Equal(publicKey(t, key)) || got.Fingerprint() != publicKey(t, key).Fingerprint() {
				t.Fatalf("Verify: %v", err)
			}
			other := keygen(t, kind)
			if got.Equal(publicKey(t, other)) {
				t.Error("two keys compare equal")
			}
			tampered := bytes.Replace(sig, []byte("\n"), []byte("\nAAAA"), 1)
			for name, c := range map[string]struct {
				sig []byte
				ns  string
				msg []byte
			}{
				"other namespace": {sig, "file", msg},
				"edited message":  {sig, ns, append([]byte{'X'}, msg[1:]...)},
				"edited armour":   {tampered, ns, msg},
				"no armour":       {[]byte("AAAA"), ns, msg},
			} {
				var e *Error
				if _, err := Verify(c.sig, c.ns, c.msg); !errors.As(err, &e) {
					t.Errorf("%s: %v, want an *Error", name, err)
				}
			}
		})
	}
}

// FuzzVerify: whatever the bytes, Verify returns an error or a key,
// never panics.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(armorHead + "\nU1NIU0lHAAAAAQ==\n" + armorTail))
	f.Add([]byte(armorHead + armorTail))
	f.Fuzz(func(t *testing.T, data []byte) {
		Verify(data, ns, []byte("m"))
		Verify(armor(data), ns, []byte("m")) // arbitrary blobs, past the armour
		Verify(armor(append([]byte(magic+"\x00\x00\x00\x01"), data...)), ns, []byte("m"))
	})
}
