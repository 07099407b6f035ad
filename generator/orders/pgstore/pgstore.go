package pgstore

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/internal/sqlstore"
)

// Dialect is PostgreSQL's: BYTEA, $N placeholders, an advisory lock.
var Dialect = sqlstore.Dialect{Name: "postgres", Blob: "BYTEA",
	LockMigrations: "SELECT pg_advisory_xact_lock(32510721)"}

// Open connects to the database of dsn (postgres://… or key=value),
// applies the migrations it lacks and returns the store.
func Open(ctx context.Context, dsn string, opt orders.Options) (orders.Store, error) {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return sqlstore.Open(ctx, db, Dialect, opt)
}

// Migrate brings the database to schema version upTo and no further
// (0: the latest), for tests of upgrades.
func Migrate(ctx context.Context, dsn string, upTo int) error {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return sqlstore.Migrate(ctx, db, Dialect, upTo)
}

// OpenDB is a plain database/sql handle on dsn, for tests.
func OpenDB(ctx context.Context, dsn string) (*sql.DB, error) { return openDB(ctx, dsn) }

func openDB(ctx context.Context, dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
