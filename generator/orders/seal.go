package orders

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// SealPrint encrypts the print capability under a key derived from the
// edit capability (AES-256-GCM), so that whoever holds the edit link can
// be shown the print link again, while the database alone opens nothing.
func SealPrint(edit, print Capability) string {
	aead := sealer(edit)
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(print), []byte("print-link")))
}

// OpenPrint is SealPrint's inverse.
func OpenPrint(edit Capability, sealed string) (Capability, error) {
	b, err := base64.RawURLEncoding.DecodeString(sealed)
	aead := sealer(edit)
	if err != nil || len(b) < aead.NonceSize() {
		return "", errors.New("orders: malformed sealed print link")
	}
	p, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], []byte("print-link"))
	if err != nil {
		return "", err
	}
	if c := Capability(p); c.Valid() {
		return c, nil
	}
	return "", errors.New("orders: sealed print link is not a capability")
}

func sealer(edit Capability) cipher.AEAD {
	key := sha256.Sum256([]byte("infogen print-link seal\x00" + string(edit)))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}
