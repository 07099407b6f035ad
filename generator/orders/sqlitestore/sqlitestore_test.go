package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/internal/sqlstore"
	"infogeneratorn/generator/orders/storetest"
)

type database struct {
	t    *testing.T
	path string
}

func (d database) Open(opt orders.Options) (orders.Store, error) {
	return Open(context.Background(), d.path, opt)
}

func (d database) MigrateTo(v int) error { return Migrate(context.Background(), d.path, v) }

func (d database) Exec(query string, args ...any) error {
	db, err := openDB(d.path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(Dialect.Rebind(query), args...)
	return err
}

func (d database) Scan(query string, args []any, dest ...any) error {
	db, err := openDB(d.path)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRow(Dialect.Rebind(query), args...).Scan(dest...)
}

func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Latest: sqlstore.Latest(),
		Fresh: func(t *testing.T) storetest.Database {
			return database{t: t, path: filepath.Join(t.TempDir(), "orders.db")}
		},
	})
}
