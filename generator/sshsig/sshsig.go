package sshsig

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"
)

const (
	magic     = "SSHSIG"
	version   = 1
	armorHead = "-----BEGIN SSH SIGNATURE-----"
	armorTail = "-----END SSH SIGNATURE-----"
	// MaxArmored bounds an armoured signature: an RSA-16384 key and its
	// signature fit many times over.
	MaxArmored = 16 << 10
)

// PublicKey is an SSH public key.
type PublicKey struct{ key ssh.PublicKey }

// ParsePublicKey reads a key in authorized_keys form: "ssh-ed25519 AAAA… comment".
func ParsePublicKey(s string) (PublicKey, error) {
	k, _, _, rest, err := ssh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return PublicKey{}, fmt.Errorf("ssh key: %w", err)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return PublicKey{}, errors.New("ssh key: more than one key")
	}
	return PublicKey{k}, nil
}

// Equal reports whether p and q are the same key.
func (p PublicKey) Equal(q PublicKey) bool {
	return p.key != nil && q.key != nil && bytes.Equal(p.key.Marshal(), q.key.Marshal())
}

// Fingerprint is the key's SHA256 fingerprint as ssh-keygen -l shows it.
func (p PublicKey) Fingerprint() string {
	if p.key == nil {
		return ""
	}
	return ssh.FingerprintSHA256(p.key)
}

// String is the key in authorized_keys form, without a comment.
func (p PublicKey) String() string {
	if p.key == nil {
		return ""
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(p.key)))
}

// Signer is a private key that signs.
type Signer struct{ s ssh.Signer }

// ParsePrivateKey reads an unencrypted private key file (OpenSSH or PEM).
// An encrypted key is refused with a hint: sign with ssh-keygen -Y sign
// or an agent instead.
func ParsePrivateKey(pem []byte) (*Signer, error) {
	s, err := ssh.ParsePrivateKey(pem)
	var pm *ssh.PassphraseMissingError
	if errors.As(err, &pm) {
		return nil, errors.New("the key is protected by a passphrase: sign with ssh-keygen -Y sign (or an ssh-agent) instead")
	}
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return &Signer{s}, nil
}

// PublicKey is the signer's public key.
func (s *Signer) PublicKey() PublicKey { return PublicKey{s.s.PublicKey()} }

// Sign signs message for namespace with SHA-512, as ssh-keygen -Y sign
// does, and returns the armoured signature.
func Sign(s *Signer, namespace string, message []byte) ([]byte, error) {
	const hashAlg = "sha512"
	data := signedData(namespace, hashAlg, message)
	var sig *ssh.Signature
	var err error
	if as, ok := s.s.(ssh.AlgorithmSigner); ok && s.s.PublicKey().Type() == ssh.KeyAlgoRSA {
		sig, err = as.SignWithAlgorithm(rand.Reader, data, ssh.KeyAlgoRSASHA512)
	} else {
		sig, err = s.s.Sign(rand.Reader, data)
	}
	if err != nil {
		return nil, err
	}
	var blob []byte
	blob = append(blob, magic...)
	blob = binary.BigEndian.AppendUint32(blob, version)
	blob = appendString(blob, s.s.PublicKey().Marshal())
	blob = appendString(blob, []byte(namespace))
	blob = appendString(blob, nil)
	blob = appendString(blob, []byte(hashAlg))
	blob = appendString(blob, ssh.Marshal(sig))
	return armor(blob), nil
}

// Error is a signature that does not verify, with why.
type Error struct{ Reason string }

func (e *Error) Error() string { return "ssh signature: " + e.Reason }

func fail(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// Verify checks an armoured signature of message for namespace and
// returns the public key that made it. Any fault is an *Error.
func Verify(armored []byte, namespace string, message []byte) (PublicKey, error) {
	blob, err := unarmor(armored)
	if err != nil {
		return PublicKey{}, err
	}
	if !bytes.HasPrefix(blob, []byte(magic)) {
		return PublicKey{}, fail("no SSHSIG preamble")
	}
	r := reader{b: blob[len(magic):]}
	v := r.uint32()
	keyBlob := r.string()
	ns := r.string()
	r.string() // reserved
	hashAlg := r.string()
	sigBlob := r.string()
	if r.err || len(r.b) > 0 {
		return PublicKey{}, fail("malformed signature")
	}
	if v != version {
		return PublicKey{}, fail("version %d", v)
	}
	if string(ns) != namespace {
		return PublicKey{}, fail("namespace %q, want %q", ns, namespace)
	}
	if string(hashAlg) != "sha512" && string(hashAlg) != "sha256" {
		return PublicKey{}, fail("hash algorithm %q", hashAlg)
	}
	key, err := ssh.ParsePublicKey(keyBlob)
	if err != nil {
		return PublicKey{}, fail("public key: %v", err)
	}
	sr := reader{b: sigBlob}
	format := sr.string()
	sigBytes := sr.string()
	if sr.err {
		return PublicKey{}, fail("malformed signature blob")
	}
	sig := &ssh.Signature{Format: string(format), Blob: sigBytes}
	if len(sr.b) > 0 {
		sig.Rest = sr.b // security keys: flags and counter
	}
	if key.Type() == ssh.KeyAlgoRSA && sig.Format == ssh.KeyAlgoRSA {
		return PublicKey{}, fail("RSA signatures must use SHA-2 (rsa-sha2-256 or rsa-sha2-512)")
	}
	if err := key.Verify(signedData(namespace, string(hashAlg), message), sig); err != nil {
		return PublicKey{}, fail("does not verify: %v", err)
	}
	return PublicKey{key}, nil
}

// signedData is what the key signs: the preamble, the namespace, the
// reserved field, the hash algorithm and the message's hash.
func signedData(namespace, hashAlg string, message []byte) []byte {
	var h []byte
	if hashAlg == "sha256" {
		s := sha256.Sum256(message)
		h = s[:]
	} else {
		s := sha512.Sum512(message)
		h = s[:]
	}
	var out []byte
	out = append(out, magic...)
	out = appendString(out, []byte(namespace))
	out = appendString(out, nil)
	out = appendString(out, []byte(hashAlg))
	return appendString(out, h)
}

func appendString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

type reader struct {
	b   []byte
	err bool
}

func (r *reader) uint32() uint32 {
	if len(r.b) < 4 {
		r.err = true
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) string() []byte {
	n := r.uint32()
	if r.err || uint64(n) > uint64(len(r.b)) {
		r.err = true
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

// armor writes the blob as ssh-keygen does: base64 in lines of 70.
func armor(blob []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(blob)
	var b bytes.Buffer
	b.WriteString(armorHead + "\n")
	for len(enc) > 70 {
		b.WriteString(enc[:70] + "\n")
		enc = enc[70:]
	}
	b.WriteString(enc + "\n")
	b.WriteString(armorTail + "\n")
	return b.Bytes()
}

func unarmor(armored []byte) ([]byte, error) {
	if len(armored) > MaxArmored {
		return nil, fail("longer than %d bytes", MaxArmored)
	}
	s := strings.TrimSpace(strings.ReplaceAll(string(armored), "\r\n", "\n"))
	if len(s) < len(armorHead)+len(armorTail) || !strings.HasPrefix(s, armorHead) || !strings.HasSuffix(s, armorTail) {
		return nil, fail("not an armoured SSH signature")
	}
	body := strings.Join(strings.Fields(s[len(armorHead):len(s)-len(armorTail)]), "")
	blob, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return nil, fail("base64: %v", err)
	}
	return blob, nil
}
