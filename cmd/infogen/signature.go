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
func runLocalesSignature(args []string, stdout, stderr io.Writer) int {
	fl, dir := newLocalesFlags("signature", stderr)
	lang := fl.String("lang", "", "the locale `L`")
	id := fl.String("message", "", "the message `ID` whose approval to write out")
	out := fl.String("out", "", "the `DIR` to write record.txt, record.sig and allowed_signers into")
	if !parseFlags(fl, args, stderr) {
		return exitUsage
	}
	if *lang == "" || *id == "" || *out == "" {
		fmt.Fprintln(stderr, "locales signature: --lang, --message and --out are required")
		return exitUsage
	}
	snap, err := loadLocales(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "locales signature: %v\n", err)
		return exitFailure
	}
	r, ok := snap.Record(*lang, *id)
	if !ok || r.Signature == "" {
		fmt.Fprintf(stderr, "locales signature: %s has no signed approval of %s\n", *lang, *id)
		return exitFailure
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "locales signature: %v\n", err)
		return exitFailure
	}
	files := map[string][]byte{"record.txt": review.Payload(*lang, r), "record.sig": []byte(r.Signature),
		"allowed_signers": snap.AllowedSigners(*lang)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fmt.Fprintf(stderr, "locales signature: %v\n", err)
			return exitFailure
		}
	}
	fmt.Fprintf(stdout, "ssh-keygen -Y verify -f %s -I %q -n %s -s %s < %s\n",
		filepath.Join(*out, "allowed_signers"), r.Reviewer, review.Namespace,
		filepath.Join(*out, "record.sig"), filepath.Join(*out, "record.txt"))
	return exitOK
}
