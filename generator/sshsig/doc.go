// Package sshsig signs and verifies messages in OpenSSH's signature
// format (PROTOCOL.sshsig: what `ssh-keygen -Y sign` writes and
// `ssh-keygen -Y verify` checks), so that a reviewer can sign an approval
// with this program, with stock ssh-keygen, an ssh-agent or a hardware
// key, and anyone can verify it with stock OpenSSH.
//
// A signature binds the signer's public key, a namespace (what the
// signature is for: "infogeneratorn-approval"), a hash algorithm (sha512
// or sha256) and the hash of the message; it is written "armoured":
// base64 between -----BEGIN SSH SIGNATURE----- and -----END SSH
// SIGNATURE-----. Verify parses the armour and the blob (outside input:
// bounded, never panics), checks the namespace and the signature, and
// returns the key that made it; whether that key may sign is the caller's
// question.
//
// The keys and the cryptography are golang.org/x/crypto/ssh's; its types
// stay inside this package (PublicKey, Signer).
package sshsig
