package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/internal/sqlstore"
)

// Dialect is SQLite's: BLOB, ?N placeholders, and its own database lock
// (immediate transactions) serialising migrations.
var Dialect = sqlstore.Dialect{Name: "sqlite", Blob: "BLOB", Positional: true}

// Open opens (creating if missing) the SQLite file at path, applies the
// migrations it lacks and returns the store.
func Open(ctx context.Context, path string, opt orders.Options) (orders.Store, error) {
	db, err := openDB(path)
	if err != nil {
		return nil, err
	}
	return sqlstore.Open(ctx, db, Dialect, opt)
}

// Migrate brings the file at path to schema version upTo and no further
// (0: the latest), for tests of upgrades from an older schema.
func Migrate(ctx context.Context, path string, upTo int) error {
	db, err := openDB(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return sqlstore.Migrate(ctx, db, Dialect, upTo)
}

func openDB(path string) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	if err := setWAL(context.Background(), db); err != nil {
		db.Close()
		return nil, err
	}
	// The file is created on first use; keep it private to its owner.
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// walWait bounds how long opening waits for another connection that holds
// the file while this one switches it to WAL.
const walWait = 10 * time.Second

// setWAL puts the file in WAL mode, which it then keeps. SQLite answers
// SQLITE_BUSY at once, without its busy timeout, when two connections
// switch a new file at the same moment (1 open in 100 when four open a
// fresh file together), so the switch is retried here until walWait.
func setWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(walWait)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// OpenMemory returns a store in an SQLite database in memory: nothing is
// written, and everything is gone when it is closed.
func OpenMemory(ctx context.Context, opt orders.Options) (orders.Store, error) {
	name := "file:infogen-" + orders.NewID() + "?mode=memory&cache=shared&_pragma=busy_timeout(10000)&_txlock=immediate"
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return nil, err
	}
	// One connection: every request sees the same memory database and
	// no two write at once.
	db.SetMaxOpenConns(1)
	return sqlstore.Open(ctx, db, Dialect, opt)
}
