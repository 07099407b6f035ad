package orders

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// A seal is one capability encrypted under a key derived from another
// (AES-256-GCM): whoever holds the key capability can be shown the sealed
// one again, while the database alone opens nothing. Each kind of seal
// has its own key derivation and associated data, so one kind never
// opens as another.
type sealKind struct{ label, aad string }

var (
	// printUnderEdit: the print link, for the edit side.
	printUnderEdit = sealKind{"infogen print-link seal\x00", "print-link"}
	// publicUnderEdit and publicUnderPrint: the public link, for the
	// edit side and for the print shop's files (whose QR codes lead to it).
	publicUnderEdit  = sealKind{"infogen public-link seal under edit\x00", "public-link"}
	publicUnderPrint = sealKind{"infogen public-link seal under print\x00", "public-link"}
)

// SealPrint encrypts the print capability under a key derived from the
// edit capability.
func SealPrint(edit, print Capability) string { return seal(printUnderEdit, edit, print) }

// OpenPrint is SealPrint's inverse.
func OpenPrint(edit Capability, sealed string) (Capability, error) {
	return unseal(printUnderEdit, edit, sealed)
}

// SealPublic encrypts the public capability under keys derived from the
// edit and from the print capability.
func SealPublic(edit, print, public Capability) (underEdit, underPrint string) {
	return seal(publicUnderEdit, edit, public), seal(publicUnderPrint, print, public)
}

// OpenPublicByEdit and OpenPublicByPrint are SealPublic's inverses.
func OpenPublicByEdit(edit Capability, sealed string) (Capability, error) {
	return unseal(publicUnderEdit, edit, sealed)
}

// OpenPublicByPrint opens the public capability sealed under print.
func OpenPublicByPrint(print Capability, sealed string) (Capability, error) {
	return unseal(publicUnderPrint, print, sealed)
}

func seal(k sealKind, key, c Capability) string {
	aead := sealer(k, key)
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(c), []byte(k.aad)))
}

func unseal(k sealKind, key Capability, sealed string) (Capability, error) {
	b, err := base64.RawURLEncoding.DecodeString(sealed)
	aead := sealer(k, key)
	if err != nil || len(b) < aead.NonceSize() {
		return "", errors.New("orders: malformed sealed link")
	}
	p, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], []byte(k.aad))
	if err != nil {
		return "", err
	}
	if c := Capability(p); c.Valid() {
		return c, nil
	}
	return "", errors.New("orders: sealed link is not a capability")
}

func sealer(k sealKind, key Capability) cipher.AEAD {
	sum := sha256.Sum256([]byte(k.label + string(key)))
	block, err := aes.NewCipher(sum[:])
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}
