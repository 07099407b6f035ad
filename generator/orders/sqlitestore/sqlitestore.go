package sqlitestore

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

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
	q.Add("_pragma", "journal_mode(WAL)")
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
	// The file is created on first use; keep it private to its owner.
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
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
