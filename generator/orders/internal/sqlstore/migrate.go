package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"infogeneratorn/generator/orders"
)

// Migration is one schema version: statements run in one transaction.
// {{blob}} stands for the dialect's binary type. Never edit a migration
// that has shipped; add the next one.
type Migration struct {
	Version    int
	Statements []string
}

// Migrations is the schema's history, oldest first.
var Migrations = []Migration{
	{Version: 1, Statements: []string{
		`CREATE TABLE orders (
			id TEXT PRIMARY KEY,
			edit_hash TEXT NOT NULL UNIQUE,
			print_hash TEXT NOT NULL UNIQUE,
			request TEXT NOT NULL,
			logo_id TEXT NOT NULL DEFAULT '',
			catalog_hash TEXT NOT NULL,
			leaflets TEXT NOT NULL,
			created_ms BIGINT NOT NULL,
			updated_ms BIGINT NOT NULL,
			print_expires_ms BIGINT NOT NULL
		)`,
		`CREATE TABLE drafts (
			cap_hash TEXT PRIMARY KEY,
			data {{blob}} NOT NULL,
			updated_ms BIGINT NOT NULL
		)`,
		`CREATE INDEX drafts_by_age ON drafts (updated_ms)`,
		`CREATE TABLE secrets (
			name TEXT PRIMARY KEY,
			value {{blob}} NOT NULL,
			created_ms BIGINT NOT NULL
		)`,
		`CREATE TABLE logos (
			id TEXT PRIMARY KEY,
			client TEXT NOT NULL,
			png {{blob}} NOT NULL,
			sha256 TEXT NOT NULL,
			width INTEGER NOT NULL,
			height INTEGER NOT NULL,
			bytes BIGINT NOT NULL,
			created_ms BIGINT NOT NULL
		)`,
		`CREATE INDEX logos_by_client ON logos (client, created_ms)`,
		`CREATE INDEX logos_by_age ON logos (created_ms)`,
	}},
	{Version: 2, Statements: []string{
		// Eviction asks "does an order use this logo?" for every candidate.
		`CREATE INDEX orders_by_logo ON orders (logo_id)`,
	}},
	{Version: 3, Statements: []string{
		// The print capability sealed with a key derived from the edit
		// capability: the edit side can show the print link again, a copy
		// of the database cannot. Orders from before have none.
		`ALTER TABLE orders ADD COLUMN print_sealed TEXT NOT NULL DEFAULT ''`,
	}},
	{Version: 4, Statements: []string{
		// The public link of an order's leaflets (the HTML version a QR
		// code leads to): its hash to find the order by, and the
		// capability sealed under the edit and under the print capability
		// so that both sides can print it again. Orders from before have
		// none (NULL: the unique index allows any number of them).
		`ALTER TABLE orders ADD COLUMN public_hash TEXT`,
		`CREATE UNIQUE INDEX orders_by_public ON orders (public_hash)`,
		`ALTER TABLE orders ADD COLUMN public_sealed_edit TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE orders ADD COLUMN public_sealed_print TEXT NOT NULL DEFAULT ''`,
	}},
}

// Latest is the newest schema version this program knows.
func Latest() int { return Migrations[len(Migrations)-1].Version }

// Migrate brings db up to version upTo (0: the latest), each migration in
// its own transaction, serialised between processes by the dialect's
// lock. A database newer than this program is refused untouched.
func Migrate(ctx context.Context, db *sql.DB, d Dialect, upTo int) error {
	if upTo <= 0 {
		upTo = Latest()
	}
	for _, m := range Migrations {
		if m.Version > upTo {
			break
		}
		if err := apply(ctx, db, d, m); err != nil {
			return &orders.MigrationError{Version: m.Version, Err: err}
		}
	}
	have, err := version(ctx, db)
	if err != nil {
		return err
	}
	if have > Latest() {
		return &orders.NewerSchemaError{Have: have, Know: Latest()}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, d Dialect, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if d.LockMigrations != "" {
		if _, err := tx.ExecContext(ctx, d.LockMigrations); err != nil {
			return err
		}
	}
	// Created under the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is
	// not safe against a concurrent one.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		applied_ms BIGINT NOT NULL)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, d.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = $1`), m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil // applied before, by this or another process
	}
	for _, s := range m.Statements {
		if _, err := tx.ExecContext(ctx, strings.ReplaceAll(s, "{{blob}}", d.Blob)); err != nil {
			return fmt.Errorf("%.60s…: %w", strings.Join(strings.Fields(s), " "), err)
		}
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO schema_migrations (version, applied_ms) VALUES ($1, $2)`),
		m.Version, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}

func version(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}
