package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"

	"infogeneratorn/cmd/infogen/internal/exepages"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/pgstore"
	"infogeneratorn/generator/orders/sqlitestore"
	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/review"
	"infogeneratorn/web"
)

// defaultMemoryLimit is --memory-limit's default, in MiB, set from
// measurement (go build; serve; go run ./web/loadtest -varied, 16
// languages x 6 topics from 8 clients; /proc/PID/status and
// runtime/metrics). Under that load the limit, not GOGC, sets the heap
// goal: about 35-40 MB stay live (the layout's caches, the locales 3 MB,
// the parsed fonts 3 MB, the Thai dictionary 1 MB, the renders in
// flight), and the runtime's memory stays near the limit. The other
// 28-32 MB of VmRSS are file-backed pages of the 60 MB binary (code,
// embedded fonts and locales), which the Go limit does not govern. At
// 80 MiB the server peaked at 102.7-103.8 MiB, at 76 at 99.6, at 74 at
// 97.0-97.4 MiB for 3 % more CPU per leaflet (3.05 -> 3.14-3.22 ms): 74
// keeps the 100 MiB the server is held to with room for the binary's
// pages, which vary by a few MiB from run to run. Since the server drops
// the pages start-up alone used (exepages.Drop), it peaks at 85-86
// MiB at 74; a higher limit bought no leaflets a second (80 MiB: 624-704
// a second, 90-91 MiB; 86: 630-707, 92-95 MiB; 74: 668-719), so the
// room is left as room.
const defaultMemoryLimit = 74

// runServe starts the web form and the JSON API and runs until SIGINT or
// SIGTERM, then stops taking connections and lets running requests finish.
func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	localesDir := fl.String("locales", "", "read locale files from `DIR` instead of the embedded set")
	dataDir := fl.String("data", "", "keep orders, drafts, logos and the form-signing key in `DIR`/orders.db, SQLite (default: memory only, nothing written)")
	dbURL := fl.String("db", "", "keep them in PostgreSQL instead: `postgres://…` (several serve processes on one database act as one service)")
	printDays := fl.Int("print-days", 60, "`DAYS` a print shop's link lasts, and how much \"extend\" adds")
	rate := fl.Float64("rate", 2, "leaflet requests per second per client (token bucket refill); 0: no limit")
	burst := fl.Int("burst", 20, "leaflet requests a client may make at once before -rate applies")
	requireVetted := fl.Bool("require-vetted", false, "refuse leaflets that would print unvetted text")
	minConfidence := fl.String("helplines-min", "high", "print national help lines whose facts are at least `high` or medium confidence (see infogen helplines)")
	logJSON := fl.Bool("log-json", false, "write logs as JSON lines instead of text")
	publicURL := fl.String("public-url", "", "the `URL` browsers reach the server at (https://infogen.example.se): the only origin a form post may come from, the base of absolute links and of the leaflets' public pages that saved orders' QR codes lead to; https makes cookies Secure")
	trustedProxies := fl.String("trusted-proxies", "", "`CIDR,…` of reverse proxies whose X-Forwarded-For names the client (for the rate limits); default: none")
	memLimit := fl.Int("memory-limit", defaultMemoryLimit, "soft memory limit in `MiB` for the Go runtime's own memory, not the binary's mapped pages (0: none; GOMEMLIMIT, if set, wins)")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	var handler slog.Handler = slog.NewTextHandler(stderr, nil)
	if *logJSON {
		handler = slog.NewJSONHandler(stderr, nil)
	}
	log := slog.New(handler)

	// A soft limit makes the collector work harder as the heap nears it, so
	// a burst of orders does not grow the process past what a small
	// municipal server or container gives it.
	if *memLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *publicURL != "" {
		if _, err := web.ParsePublicURL(*publicURL); err != nil {
			fmt.Fprintf(stderr, "serve: --public-url: %v\n", err)
			return exitUsage
		}
	}
	proxies, err := parseProxies(*trustedProxies)
	if err != nil {
		fmt.Fprintf(stderr, "serve: --trusted-proxies: %v\n", err)
		return exitUsage
	}
	policy, ok := parsePolicy(*minConfidence)
	if !ok {
		fmt.Fprintf(stderr, "%s: --helplines-min %q: want high or medium\n", fl.Name(), *minConfidence)
		return exitUsage
	}
	// The server shapes its paragraphs rather than reading the preset
	// (package prepared): after its first orders its flat cache holds
	// the same paragraphs, and its measured cache their lines at the
	// steps fitting tries. The preset's pages, resident once read (5.5
	// MB then), took its peak resident memory under varied load from
	// 95.1-96.1 to 101.0-101.8 MiB, over the 100 it is held to; with
	// the memory limit lowered to make room (68 MiB), it made 7-12 %
	// fewer leaflets a second. Tried again with the measured lines (7.4
	// MB) and the flat cache cut to 4 MiB: 96.3-98.9 MiB, and the same
	// CPU a leaflet. It keeps the fitting hints, a few kilobytes.
	a, err := newApp(appOptions{LocalesDir: *localesDir, RequireVetted: *requireVetted, Policy: policy,
		Embedded: pdf.EmbeddedOptions{NoPreset: true}})
	if err != nil {
		fmt.Fprintf(stderr, "infogen: %v\n", err)
		return exitFailure
	}
	current, err := servedPipeline(ctx, a, *localesDir, log)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailure
	}
	cfg := web.Config{
		Pipeline: current, Municipalities: a.munis, Version: version, Logger: log,
		Rate: web.Rate{PerSecond: *rate, Burst: *burst}, PublicURL: *publicURL, TrustedProxies: proxies,
	}
	store, err := openStore(ctx, *dataDir, *dbURL)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailure
	}
	defer store.Close()
	cfg.Orders, cfg.PrintDays = store, *printDays
	if cfg.Secret, err = signingKey(ctx, store); err != nil {
		fmt.Fprintf(stderr, "serve: signing key: %v\n", err)
		return exitFailure
	}
	gin.SetMode(gin.ReleaseMode)
	h, err := web.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailure
	}
	// Start-up reads every locale, font and check once and leaves much of
	// it behind as garbage; hand that back before serving, so that the
	// resident memory under load starts from what the server keeps, and
	// the same for the program's own pages that start-up alone used.
	runtime.GC()
	debug.FreeOSMemory()
	droppedKB, err := exepages.Drop()
	if err != nil {
		log.Warn("start-up pages kept", "err", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailure
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // a ZIP of every leaflet takes a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "Infogeneratorn is running: open http://%s/ (Ctrl-C stops it)\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "version", version, "startup_pages_dropped_kB", droppedKB)

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailure
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "err", err)
		return exitFailure
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serve", "err", err)
		return exitFailure
	}
	log.Info("stopped")
	return exitOK
}

// servedPipeline returns what the server makes leaflets with. Without
// --locales, the embedded set that newApp checked and loaded, read once.
// With --locales DIR, a watcher reloads the folder when it changes and a
// new pipeline is built on each set that passes the check; a broken file
// is logged and the last good set stays in service. Either way the
// translators' review state decides which texts are vetted.
func servedPipeline(ctx context.Context, a *app, dir string, log *slog.Logger) (func() *web.Pipeline, error) {
	if dir == "" {
		p := &web.Pipeline{Catalog: a.catalog, Topics: a.topics, Builder: a.builder, Review: a.review}
		return func() *web.Pipeline { return p }, nil
	}
	w, err := review.NewWatcher(dir, a.coverage, log, time.Second)
	if err != nil {
		return nil, err
	}
	go w.Run(ctx)
	var served []string // the locales of the set in service; Follow builds one set at a time
	return review.Follow(w, func(snap *review.Snapshot) (*web.Pipeline, error) {
		if snap.Catalog == nil {
			return nil, snap.CatalogErr
		}
		if lost := lostLocales(served, snap.Catalog.Tags(), os.DirFS(dir)); len(lost) > 0 {
			return nil, fmt.Errorf("the new set has no message file for %s, which locales.toml describes and the set in service has",
				strings.Join(lost, ", "))
		}
		served = snap.Catalog.Tags()
		_, b := a.pipeline(snap)
		return &web.Pipeline{Catalog: snap.Catalog, Topics: a.topics, Builder: b, Review: snap}, nil
	})
}

// lostLocales returns the locales of the set in service that a reloaded
// set lacks although its locales.toml still describes them: a message
// file deleted or moved away while the server follows the folder. Such a
// set is broken, not a smaller good one; leaflets in those languages
// would stop. (Dropping a locale from locales.toml as well is a decision
// and is accepted.)
func lostLocales(served, next []string, fsys fs.FS) []string {
	metas, err := catalog.LoadMeta(fsys)
	if err != nil {
		return nil // the check reports an unreadable locales.toml itself
	}
	var lost []string
	for _, tag := range served {
		if _, described := metas[tag]; described && !slices.Contains(next, tag) {
			lost = append(lost, tag)
		}
	}
	return lost
}

// parseProxies reads --trusted-proxies: addresses or CIDR ranges,
// separated by commas.
func parseProxies(list string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR range", p)
		}
		out = append(out, p)
	}
	return out, nil
}

// signingKey returns the key that signs the form's cookies and tokens. It
// lives in the order store's database, made once: every process on that
// database gets the same key, so a form opened from one is accepted by
// another, and a restart keeps forms open in browsers valid. Without
// --data or --db the store is in memory and the key lasts as long as the
// process.
func signingKey(ctx context.Context, st orders.Store) ([]byte, error) {
	return st.SigningKey(ctx)
}

// openStore opens where orders are kept: PostgreSQL with --db, else an
// SQLite file under --data, else an SQLite database in memory (nothing
// written, gone on exit). Each applies its migrations first.
func openStore(ctx context.Context, dataDir, dbURL string) (orders.Store, error) {
	switch {
	case dbURL != "":
		return pgstore.Open(ctx, dbURL, orders.Options{})
	case dataDir != "":
		return sqlitestore.Open(ctx, filepath.Join(dataDir, "orders.db"), orders.Options{})
	default:
		return sqlitestore.OpenMemory(ctx, orders.Options{})
	}
}
