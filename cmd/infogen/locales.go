package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"infogeneratorn/fonts"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/lint"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/review"
	"infogeneratorn/generator/sshsig"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

const localesUsage = `Usage:
  infogen locales check [--locales DIR] [--seal FILE]
                                               check the locale files; exit 1 on any error
  infogen locales status [--locales DIR] [--json]
                                               messages, translated, vetted, stale per locale
  infogen locales approve --lang L --reviewer NAME --key KEY_FILE (--all | --message ID…) [--locales DIR] [--date YYYY-MM-DD]
                                               record approvals of messages that pass check,
                                               signed with the reviewer's SSH key
  infogen locales signature --lang L --message ID --out DIR [--locales DIR]
                                               one approval's record, signature and allowed
                                               signers, and the ssh-keygen -Y verify command
  infogen locales proof --lang L [--topic T] --out FILE.pdf
                                               a proof sheet for translators
  infogen locales export --lang L [--topic T] --format xliff --out FILE.xlf [--locales DIR]
                                               the locale as XLIFF 2.0 for a CAT tool
  infogen locales import --lang L [--locales DIR] FILE.xlf
                                               write an XLIFF file's translations into L's
                                               file; all or nothing, after the full check
  infogen locales preset --out FILE
                                               the shipped paragraphs prepared ahead of time
                                               (go generate ./generator/prepared runs it)

Without --locales, check, status, proof and export read the locales
built into the program; approve and import write into ./locales.
`

// runLocales runs the translators' commands: `infogen locales …`.
func runLocales(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, localesUsage)
		return exitUsage
	}
	cmds := map[string]func(args []string, stdout, stderr io.Writer) error{
		"check":     runLocalesCheck,
		"status":    runLocalesStatus,
		"approve":   runLocalesApprove,
		"proof":     runLocalesProof,
		"export":    runLocalesExport,
		"import":    runLocalesImport,
		"signature": runLocalesSignature,
		"preset":    runLocalesPreset,
	}
	cmd, rest := args[0], args[1:]
	if run, ok := cmds[cmd]; ok {
		return exitStatus(run(rest, stdout, stderr), "locales "+cmd, stderr)
	}
	switch cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, localesUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "infogen locales: unknown command %q\n", cmd)
	fmt.Fprint(stderr, localesUsage)
	return exitUsage
}

// A usageError says what is wrong with a command's flags or arguments:
// exit status 2.
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// A reportedError is a failure the command has already written out
// (the flag package's complaint, a check's diagnostics).
type reportedError struct{ usage bool }

func (e reportedError) Error() string { return "reported" }

// exitStatus prints err after the command's name and gives the exit
// status it calls for.
func exitStatus(err error, name string, stderr io.Writer) int {
	var reported reportedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &reported):
		if reported.usage {
			return exitUsage
		}
		return exitFailure
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	if errors.As(err, new(usageError)) {
		return exitUsage
	}
	return exitFailure
}

func newLocalesFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fl := newFlagSet("locales "+name, stderr)
	dir := fl.String("locales", "", "the locales `DIR` (default: the built-in locales)")
	return fl, dir
}

// parseFlags parses args, which must be flags only.
func parseFlags(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		return reportedError{usage: true}
	}
	if fl.NArg() > 0 {
		return usagef("unexpected argument %q", fl.Arg(0))
	}
	return nil
}

// loadLocales runs the check and the review over dir, or over the
// built-in locales when dir is empty (named "locales" in diagnostics,
// their path in the source tree).
func loadLocales(dir string) (*review.Snapshot, error) {
	cov, err := lint.LoadCoverage(fonts.FS())
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	var fsys fs.FS = locales.FS()
	root := "locales"
	if dir != "" {
		fsys, root = os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir))
	}
	snap, err := review.Load(review.Config{Locales: fsys, Root: root, Fonts: cov})
	var ce *review.CheckError
	if err != nil && !errors.As(err, &ce) {
		return nil, err
	}
	return snap, nil
}

// withLocales parses a command's flags, loads the locales and runs do
// with them.
func withLocales(fl *flag.FlagSet, dir *string, args []string, do func(*review.Snapshot) error) error {
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	snap, err := loadLocales(*dir)
	if err != nil {
		return err
	}
	return do(snap)
}

func runLocalesCheck(args []string, stdout, stderr io.Writer) error {
	fl, dir := newLocalesFlags("check", stderr)
	seal := fl.String("seal", "", "when the set passes, write its seal to `FILE` (go generate ./locales does, for the embedded set)")
	return withLocales(fl, dir, args, func(snap *review.Snapshot) error {
		if err := printCheck(snap, stdout, stderr); err != nil || *seal == "" {
			return err
		}
		s, err := snap.Seal()
		if err == nil {
			err = os.WriteFile(*seal, s.Marshal(), 0o644)
		}
		if err != nil {
			return fmt.Errorf("--seal: %w", err)
		}
		return nil
	})
}

func printCheck(snap *review.Snapshot, stdout, stderr io.Writer) error {
	for _, d := range snap.Report.Diagnostics {
		fmt.Fprintln(stdout, d)
	}
	errs := snap.Report.Errors()
	if errs == 0 && snap.CatalogErr != nil {
		// The check should have caught whatever the catalog refuses; say
		// so rather than pass.
		fmt.Fprintf(stdout, "locales: error: the catalog refuses the set: %v\n", snap.CatalogErr)
		errs++
	}
	fmt.Fprintf(stderr, "locales: %d error(s), %d warning(s)\n", errs, snap.Report.Warnings())
	if errs > 0 {
		return reportedError{}
	}
	return nil
}

func runLocalesStatus(args []string, stdout, stderr io.Writer) error {
	fl, dir := newLocalesFlags("status", stderr)
	asJSON := fl.Bool("json", false, "print JSON: every locale with every message's state")
	return withLocales(fl, dir, args, func(snap *review.Snapshot) error {
		rows := snap.Status()
		if !*asJSON {
			return review.WriteStatus(stdout, rows)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	})
}

func runLocalesApprove(args []string, stdout, stderr io.Writer) error {
	fl := newFlagSet("locales approve", stderr)
	dir := fl.String("locales", "locales", "the locales `DIR` to write approvals into")
	lang := fl.String("lang", "", "the locale `L` (a tag such as ar or fa-AF)")
	reviewer := fl.String("reviewer", "", "the reviewer's `NAME`, as listed in approvals/reviewers.toml")
	keyFile := fl.String("key", "", "the reviewer's SSH private key `FILE`; or its .pub file to sign through ssh-agent (ssh-keygen -Y sign)")
	var list []string
	fl.Func("message", "a message `ID` to approve (repeat for several)", func(v string) error {
		list = append(list, v)
		return nil
	})
	ids := fl.String("ids", "", "comma-separated message `IDs` (the same as --message)")
	all := fl.Bool("all", false, "approve every translated message of the locale")
	date := fl.String("date", "", "the approval's date, YYYY-MM-DD (default: today)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *lang == "" || *reviewer == "" || *keyFile == "" {
		return usagef("--lang, --reviewer and --key are required")
	}
	day := time.Now()
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *date)
		}
		day = d
	}
	sign, err := approvalSigner(*keyFile)
	if err != nil {
		return usagef("--key: %v", err)
	}
	cov, err := lint.LoadCoverage(fonts.FS())
	if err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	for _, id := range strings.Split(*ids, ",") {
		if id = strings.TrimSpace(id); id != "" {
			list = append(list, id)
		}
	}
	done, err := review.Approve(review.ApproveRequest{Dir: *dir, Fonts: cov, Lang: *lang, Reviewer: *reviewer,
		IDs: list, All: *all, Date: day, Sign: sign})
	var re *review.RefusedError
	if errors.As(err, &re) {
		for _, d := range re.Diagnostics {
			fmt.Fprintln(stderr, d)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "approved and signed %d message(s) of %s by %s in %s\n", len(done), *lang, *reviewer,
		filepath.Join(*dir, filepath.FromSlash(review.ApprovalsFile(*lang))))
	return nil
}

// approvalSigner signs approval records with the key in file: an
// unencrypted private key through this program; a public key (an agent
// or hardware key holds the private half) or a passphrase-protected key
// through stock `ssh-keygen -Y sign`, which asks the agent or for the
// passphrase itself.
func approvalSigner(file string) (func([]byte) ([]byte, error), error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if s, err := sshsig.ParsePrivateKey(data); err == nil {
		return func(p []byte) ([]byte, error) { return sshsig.Sign(s, review.Namespace, p) }, nil
	}
	return func(p []byte) ([]byte, error) {
		cmd := exec.Command("ssh-keygen", "-Y", "sign", "-q", "-f", file, "-n", review.Namespace)
		cmd.Stdin = bytes.NewReader(p)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("ssh-keygen -Y sign: %v: %s", err, strings.TrimSpace(errOut.String()))
		}
		return out.Bytes(), nil
	}, nil
}

// runLocalesProof prints a proof sheet: every message of a topic (or of
// every topic) with its ID and review state, the Swedish source, then the
// translation set in the locale's print font, direction and size.
func runLocalesProof(args []string, stdout, stderr io.Writer) error {
	fl, dir := newLocalesFlags("proof", stderr)
	lang := fl.String("lang", "", "locale `TAG` to proof")
	topic := fl.String("topic", "", "only the messages of `TOPIC` (default: every message a leaflet can print)")
	out := fl.String("out", "", "output `FILE.pdf`")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *lang == "" || *out == "" {
		return usagef("--lang and --out are required")
	}
	snap, err := loadLocales(*dir)
	if err != nil {
		return err
	}
	loc, err := snap.Catalog.Locale(*lang)
	if err != nil {
		return usageError{err}
	}
	topics, err := loadTopics()
	if err != nil {
		return err
	}
	ids := topics.AllMessages()
	if *topic != "" {
		t, err := parseTopic(*topic)
		if err != nil {
			return err
		}
		ids = topics.Messages(t)
	}
	rows, err := proofRows(snap, loc, ids)
	if err != nil {
		return err
	}
	r, err := pdf.NewEmbedded()
	if err != nil {
		return err
	}
	data, err := r.Proof(rows)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d messages of %s (%d bytes)\n", *out, len(ids), loc.Tag(), len(data))
	return nil
}

// parseTopic is the --topic flag's value as a topic.
func parseTopic(name string) (vocab.TopicID, error) {
	t, ok := vocab.ParseTopic(name)
	if !ok {
		return t, usagef("unknown topic %q", name)
	}
	return t, nil
}

// proofRows gives each message two rows: its ID, review state and the
// Swedish source; then the translation in the locale's own font. A
// message the locale lacks is shown as missing, not skipped.
func proofRows(snap *review.Snapshot, loc *catalog.Locale, ids []string) ([]pdf.ProofRow, error) {
	src := snap.Catalog.Source()
	rowFor := func(l *catalog.Locale, label, text string) pdf.ProofRow {
		m := l.Meta()
		return pdf.ProofRow{Label: label, Text: text, Lang: l.Tag(), Dir: m.Direction, Font: m.Font, Script: m.Script}
	}
	var rows []pdf.ProofRow
	for _, id := range ids {
		state := "missing"
		if st, ok := snap.Message(loc.Tag(), id); ok {
			state = string(st.State)
			if len(st.Reasons) > 0 {
				var rs []string
				for _, r := range st.Reasons {
					rs = append(rs, string(r))
				}
				state += ": " + strings.Join(rs, ", ")
			}
		}
		source, err := proofMessage(src, id)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rowFor(src, fmt.Sprintf("%s · sv · source", id), source))
		if loc.Tag() == src.Tag() {
			continue
		}
		text, err := proofMessage(loc, id)
		var missing *catalog.MissingMessageError
		if errors.As(err, &missing) {
			continue // the state row above already says "missing"
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, rowFor(loc, fmt.Sprintf("%s · %s · %s", id, loc.Tag(), state), text))
	}
	return rows, nil
}
