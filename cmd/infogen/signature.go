package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"infogeneratorn/generator/review"
)

// runLocalesSignature writes one approval's signed payload, its signature
// and the language's allowed signers into a folder, so that anyone can
// check the approval with stock OpenSSH.
func runLocalesSignature(args []string, stdout, stderr io.Writer) error {
	fl, dir := newLocalesFlags("signature", stderr)
	lang := fl.String("lang", "", "the locale `L`")
	id := fl.String("message", "", "the message `ID` whose approval to write out")
	out := fl.String("out", "", "the `DIR` to write record.txt, record.sig and allowed_signers into")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *lang == "" || *id == "" || *out == "" {
		return usagef("--lang, --message and --out are required")
	}
	snap, err := loadLocales(*dir)
	if err != nil {
		return err
	}
	r, ok := snap.Record(*lang, *id)
	if !ok || r.Signature == "" {
		return fmt.Errorf("%s has no signed approval of %s", *lang, *id)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{"record.txt": review.Payload(*lang, r), "record.sig": []byte(r.Signature),
		"allowed_signers": snap.AllowedSigners(*lang)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "ssh-keygen -Y verify -f %s -I %q -n %s -s %s < %s\n",
		filepath.Join(*out, "allowed_signers"), r.Reviewer, review.Namespace,
		filepath.Join(*out, "record.sig"), filepath.Join(*out, "record.txt"))
	return nil
}
