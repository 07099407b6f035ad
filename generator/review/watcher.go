package review

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"infogeneratorn/generator/lint"
)

// Watcher serves the last good snapshot of a locales directory on disk
// and replaces it when the files change and the new set passes the check.
// A translator's broken file never takes the service down: the broken set
// is logged, with file:line, and the last good one stays.
type Watcher struct {
	dir      string
	fonts    lint.Coverage
	log      *slog.Logger
	interval time.Duration
	cur      atomic.Pointer[Snapshot]
	seen     [sha256.Size]byte // the files' fingerprint at the last attempt
}

// maxLogged bounds the errors logged per rejected set; the rest are
// counted (a new, half-written locale can have hundreds).
const maxLogged = 50

// NewWatcher loads dir once and fails if that first set does not pass the
// check: there is no last good set to fall back to yet. It polls every
// interval (a second if zero) once Run is called.
func NewWatcher(dir string, fonts lint.Coverage, log *slog.Logger, interval time.Duration) (*Watcher, error) {
	if interval <= 0 {
		interval = time.Second
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	w := &Watcher{dir: dir, fonts: fonts, log: log, interval: interval}
	fp, err := fingerprint(dir)
	if err != nil {
		return nil, err
	}
	snap, err := w.load()
	if err != nil {
		return nil, err
	}
	w.seen = fp
	w.cur.Store(snap)
	return w, nil
}

// Current returns the snapshot in service. Hold it for a whole request so
// that the catalog and the review states agree.
func (w *Watcher) Current() *Snapshot { return w.cur.Load() }

// Unvetted answers from the current snapshot (see Snapshot.Unvetted).
func (w *Watcher) Unvetted(lang string, ids []string) []string {
	return w.Current().Unvetted(lang, ids)
}

// Run polls until ctx ends.
func (w *Watcher) Run(ctx context.Context) {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.Poll()
		}
	}
}

// Poll looks once: if the files changed since the last look, it loads
// them and swaps the new set in when it passes. It reports whether it
// swapped.
func (w *Watcher) Poll() bool {
	fp, err := fingerprint(w.dir)
	if err != nil {
		w.log.Error("cannot read the locales directory; serving the last good set", "dir", w.dir, "err", err)
		return false
	}
	if fp == w.seen {
		return false
	}
	w.seen = fp
	snap, err := w.load()
	if err != nil {
		w.logRejected(err)
		return false
	}
	w.cur.Store(snap)
	w.log.Info("locales reloaded", "dir", w.dir, "warnings", snap.Report.Warnings())
	return true
}

func (w *Watcher) load() (*Snapshot, error) {
	snap, err := Load(Config{Locales: os.DirFS(w.dir), Root: filepath.ToSlash(w.dir), Fonts: w.fonts})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

func (w *Watcher) logRejected(err error) {
	var ce *CheckError
	if !errors.As(err, &ce) {
		w.log.Error("locales rejected; serving the last good set", "dir", w.dir, "err", err)
		return
	}
	n := 0
	for _, d := range ce.Report.Diagnostics {
		if d.Severity != lint.Error {
			continue
		}
		if n++; n > maxLogged {
			continue
		}
		w.log.Error("locale file rejected", "pos", posOf(d), "rule", string(d.Rule), "id", d.ID, "msg", d.Text)
	}
	if ce.CatalogErr != nil {
		w.log.Error("catalog refused the locales", "err", ce.CatalogErr)
	}
	w.log.Error("locales rejected; serving the last good set", "dir", w.dir, "errors", ce.Report.Errors())
}

func posOf(d lint.Diagnostic) string { return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col) }

// fingerprint hashes the names and contents of every file under dir.
// Contents, not modification times: an editor that saves twice within a
// clock tick, or restores a file's time, must still be noticed. The
// locale files are a few hundred kilobytes; hashing them each second is
// cheap.
func fingerprint(dir string) ([sha256.Size]byte, error) {
	sum, _, err := digestFS(os.DirFS(dir))
	return sum, err
}

// Follow returns a function that gives what build makes of the watcher's
// current snapshot (a server's pipeline of catalog, resolver and
// renderers), built once per snapshot when first asked for. If build
// fails for a new snapshot, the failure is logged and the value of the
// previous one stays in service, as the snapshot itself would.
func Follow[T any](w *Watcher, build func(*Snapshot) (T, error)) (func() T, error) {
	snap := w.Current()
	v, err := build(snap)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	built := snap
	return func() T {
		cur := w.Current()
		mu.Lock()
		defer mu.Unlock()
		if cur != built {
			built = cur // one attempt per snapshot, not one per request
			if nv, err := build(cur); err != nil {
				w.log.Error("building on the reloaded locales failed; serving the last good set", "err", err)
			} else {
				v = nv
			}
		}
		return v
	}, nil
}
