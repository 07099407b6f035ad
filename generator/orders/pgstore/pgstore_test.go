package pgstore_test

import (
	"context"
	"os"
	"testing"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/internal/sqlstore"
	"infogeneratorn/generator/orders/pgstore"
	"infogeneratorn/generator/orders/pgstore/pgtest"
	"infogeneratorn/generator/orders/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

type database struct{ dsn string }

func (d database) Open(opt orders.Options) (orders.Store, error) {
	return pgstore.Open(context.Background(), d.dsn, opt)
}

func (d database) MigrateTo(v int) error { return pgstore.Migrate(context.Background(), d.dsn, v) }

func (d database) Exec(query string, args ...any) error {
	db, err := pgstore.OpenDB(context.Background(), d.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(query, args...)
	return err
}

func (d database) Scan(query string, args []any, dest ...any) error {
	db, err := pgstore.OpenDB(context.Background(), d.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRow(query, args...).Scan(dest...)
}

func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Latest: sqlstore.Latest(),
		Fresh:  func(t *testing.T) storetest.Database { return database{dsn: pgtest.Schema(t)} },
	})
}
