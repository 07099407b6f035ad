// Package review knows which translations are vetted: checked by a
// qualified translator, word for word, as they are now.
//
// # Approvals that cannot go stale unnoticed
//
// An approval is a record per (locale, message) in
// approvals/<tag>.toml beside the locale files, written by
// `infogen locales approve`. It holds no "approved" flag but two hashes:
// SourceHash of the exact Swedish source message and TranslationHash of
// the exact translation, each over the ID, the description, every plural
// form (also those a leaflet never prints) and both language tags; the
// reviewer's name and the date. The catalog never reads approvals/, so
// nothing here reaches go-i18n.
//
// Each record is signed by its reviewer: an SSH signature (package sshsig,
// the format of ssh-keygen -Y sign, namespace "infogeneratorn-approval")
// over Payload, the record's language, message, both hashes, reviewer
// and date. A record counts only if its signature verifies against the
// ssh_key listed for the reviewer and language in reviewers.toml; an
// unsigned record (from before signing) is read but never counts ("not
// signed"), a wrong or edited one is "signature does not verify", one
// made with another key is "signing key not listed for the reviewer".
// So nobody with write access to the repository can approve in another
// person's name. The seal records every signature's outcome, so a sealed
// start-up verifies none.
//
// Whether a message is vetted is never stored. Load recomputes it from
// the bytes on disk every time: the record exists, both hashes match the
// current texts, the reviewer is listed for the language in
// approvals/reviewers.toml, and the message passes the check (package
// lint). Otherwise the message is "unvetted" with its reasons: no record,
// source changed, translation edited, reviewer not listed for this
// language, fails check. Any one-character edit on either side makes the
// record stale on its own, and an edit elsewhere leaves it valid.
//
// The Swedish source has the state "source": it is the reference every
// translation is checked against, written by the project's editors, and a
// leaflet in Swedish is never marked unvetted (unless a message fails the
// check). Easy-to-read Swedish (sv-x-lattlast) is a rewrite and is
// approved like any translation.
//
// No reviewer is listed in the shipped approvals/reviewers.toml: the
// project has no vetted translator yet, so no translation is vetted and
// every leaflet outside Swedish says so in its footer.
//
// # Approving
//
// Approve is all or nothing: it refuses, writing nothing, when the
// reviewer is not listed for the language, a message is unknown or not
// translated, or a message fails the check; the *RefusedError names the
// messages and carries the check's diagnostics.
//
// # Serving
//
// A Snapshot is one consistent reading: the catalog, the check's report
// and every message's state. Its Unvetted method is what the leaflet's
// resolve step asks. A Watcher holds the snapshot a server serves: it
// polls the locales directory each second, loads a changed set, and swaps
// it in only if it passes; otherwise it logs the errors with file:line
// (log/slog) and keeps the last good set.
//
//	w, err := review.NewWatcher("locales", cov, logger, time.Second)
//	go w.Run(ctx)
//	snap := w.Current()           // per request
//	rows := snap.Status()         // the status table, also as JSON
//	ids := snap.Unvetted("ar", []string{"vald.title", "vald.intro"})
//
// Follow builds what a server derives from a snapshot (its pipeline)
// once per snapshot, keeping the last good one when that fails.
//
// # The seal: no check at start-up for the shipped set
//
// The full check of all 30 locales takes about half a second; the
// program's own embedded set cannot change after it is built, so it is
// checked then. A Seal is the fingerprint (SHA-256 over every file's name
// and content: messages, metadata, UI strings, reviewers, approvals) of a
// set that passed, with the check's report (warnings only). `go generate
// ./locales` writes locales/sealed.json, and a test runs the full check
// on the embedded set and fails unless the seal is exactly that set's and
// that report's. Given Config.Seal, Load compares the files' names and
// sizes with the seal's, and if they match it skips the check, takes the
// seal's report, and reads each locale, with its approvals, only when it
// is first asked for: then it compares that file's SHA-256 with the
// seal's, and a file that differs cannot be read (ErrSealMismatch). A run
// thus hashes the few files it uses, not all of them. Anything
// else (--locales DIR, the watcher's reloads, the translators' commands)
// gets no seal and the full check. Whatever the check verifies about an
// approval is thereby verified for the sealed set at build time.
//
// Without a seal, each message file is still parsed once: the check, the
// catalog and the states share one catalog.Files.
package review
