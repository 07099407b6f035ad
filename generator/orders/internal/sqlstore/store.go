package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"infogeneratorn/generator/orders"
)

// Dialect is what differs between the databases.
type Dialect struct {
	Name string
	Blob string // the binary column type: BLOB, BYTEA
	// Positional is true when placeholders are written ?N instead of $N.
	Positional bool
	// LockMigrations is run first in each migration's transaction to
	// serialise migrations between processes; "" when the database's own
	// write lock does it.
	LockMigrations string
}

// Rebind writes the $N placeholders of q in the dialect's syntax.
func (d Dialect) Rebind(q string) string {
	if !d.Positional {
		return q
	}
	return strings.ReplaceAll(q, "$", "?")
}

// Store is orders.Store over a database/sql handle.
type Store struct {
	db  *sql.DB
	d   Dialect
	opt orders.Options
}

var _ orders.Store = (*Store)(nil)

// Open migrates db to the latest schema and returns the store on it. The
// store owns db and closes it; on error db is closed here.
func Open(ctx context.Context, db *sql.DB, d Dialect, opt orders.Options) (orders.Store, error) {
	if err := Migrate(ctx, db, d, 0); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, d: d, opt: opt.WithDefaults()}, nil
}

// Close closes the database handle.
func (s *Store) Close() error { return s.db.Close() }

// DB is the handle, for tests that damage rows on purpose.
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) q(query string) string { return s.d.Rebind(query) }

func (s *Store) nowMS() int64 { return s.opt.Now().UnixMilli() }

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// SchemaVersion is the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) { return version(ctx, s.db) }

const orderColumns = `id, request, logo_id, catalog_hash, leaflets, created_ms, updated_ms, print_expires_ms, print_sealed,
	public_sealed_edit, public_sealed_print`

// opener is the capability an order was opened with, which unseals the
// others it may show.
type opener struct {
	edit, print, public orders.Capability
}

// scanOrder reads an order; with the edit capability it also unseals the
// print and public capabilities, with the print capability the public one.
func scanOrder(row *sql.Row, by opener) (orders.Order, error) {
	var o orders.Order
	var req, leaflets, sealed, publicEdit, publicPrint string
	var created, updated, expires int64
	if err := row.Scan(&o.ID, &req, &o.LogoID, &o.CatalogHash, &leaflets, &created, &updated, &expires, &sealed,
		&publicEdit, &publicPrint); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return orders.Order{}, orders.ErrNotFound
		}
		return orders.Order{}, err
	}
	o.Request = json.RawMessage(req)
	if err := json.Unmarshal([]byte(leaflets), &o.Leaflets); err != nil {
		return orders.Order{}, fmt.Errorf("order %s: leaflets: %w", o.ID, err)
	}
	o.Created, o.Updated, o.PrintExpires = fromMS(created), fromMS(updated), fromMS(expires)
	// A seal that does not open leaves the link empty.
	switch {
	case by.edit != "":
		if sealed != "" {
			o.Print, _ = orders.OpenPrint(by.edit, sealed)
		}
		if publicEdit != "" {
			o.Public, _ = orders.OpenPublicByEdit(by.edit, publicEdit)
		}
	case by.print != "":
		if publicPrint != "" {
			o.Public, _ = orders.OpenPublicByPrint(by.print, publicPrint)
		}
	case by.public != "":
		o.Public = by.public
	}
	return o, nil
}

func leafletsJSON(l []orders.Leaflet) (string, error) {
	if l == nil {
		l = []orders.Leaflet{}
	}
	b, err := json.Marshal(l)
	return string(b), err
}

func checkRequest(r json.RawMessage) error {
	if !json.Valid(r) {
		return errors.New("orders: the request is not valid JSON")
	}
	return nil
}

// CreateOrder saves a new order.
func (s *Store) CreateOrder(ctx context.Context, n orders.NewOrder) (orders.Created, error) {
	if err := checkRequest(n.Request); err != nil {
		return orders.Created{}, err
	}
	leaflets, err := leafletsJSON(n.Leaflets)
	if err != nil {
		return orders.Created{}, err
	}
	c := orders.Created{Edit: orders.NewCapability(), Print: orders.NewCapability(), Public: n.Public}
	if c.Public == "" {
		c.Public = orders.NewCapability()
	}
	if !c.Public.Valid() {
		return orders.Created{}, errors.New("orders: the public capability given has not the shape of one")
	}
	publicEdit, publicPrint := orders.SealPublic(c.Edit, c.Print, c.Public)
	now := s.nowMS()
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO orders (id, edit_hash, print_hash, request, logo_id, catalog_hash, leaflets, created_ms, updated_ms, print_expires_ms, print_sealed,
			public_hash, public_sealed_edit, public_sealed_print)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`),
		orders.NewID(), c.Edit.Hash(), c.Print.Hash(), string(n.Request), n.LogoID, n.CatalogHash, leaflets,
		now, now, n.PrintExpires.UnixMilli(), orders.SealPrint(c.Edit, c.Print),
		c.Public.Hash(), publicEdit, publicPrint)
	if err != nil {
		return orders.Created{}, err
	}
	o, err := s.OrderByEdit(ctx, c.Edit)
	if err != nil {
		return orders.Created{}, err
	}
	c.Order = o
	return c, nil
}

// OrderByEdit returns the order an edit capability opens.
func (s *Store) OrderByEdit(ctx context.Context, edit orders.Capability) (orders.Order, error) {
	if !edit.Valid() {
		return orders.Order{}, orders.ErrNotFound
	}
	return scanOrder(s.db.QueryRowContext(ctx, s.q(`SELECT `+orderColumns+` FROM orders WHERE edit_hash = $1`), edit.Hash()), opener{edit: edit})
}

// OrderByPrint returns the order a print capability opens, unless expired.
func (s *Store) OrderByPrint(ctx context.Context, print orders.Capability) (orders.Order, error) {
	if !print.Valid() {
		return orders.Order{}, orders.ErrNotFound
	}
	o, err := scanOrder(s.db.QueryRowContext(ctx, s.q(`SELECT `+orderColumns+` FROM orders WHERE print_hash = $1`), print.Hash()), opener{print: print})
	if err != nil {
		return orders.Order{}, err
	}
	if !o.PrintExpires.After(s.opt.Now()) {
		return orders.Order{}, &orders.ExpiredError{Expired: o.PrintExpires}
	}
	return o, nil
}

// OrderByPublic returns the order a public capability opens; it never
// expires.
func (s *Store) OrderByPublic(ctx context.Context, public orders.Capability) (orders.Order, error) {
	if !public.Valid() {
		return orders.Order{}, orders.ErrNotFound
	}
	return scanOrder(s.db.QueryRowContext(ctx, s.q(`SELECT `+orderColumns+` FROM orders WHERE public_hash = $1`), public.Hash()), opener{public: public})
}

func (s *Store) orderByID(ctx context.Context, id string) (orders.Order, error) {
	return scanOrder(s.db.QueryRowContext(ctx, s.q(`SELECT `+orderColumns+` FROM orders WHERE id = $1`), id), opener{})
}

// UpdateOrder replaces an order's contents.
func (s *Store) UpdateOrder(ctx context.Context, id string, c orders.Change) (orders.Order, error) {
	if err := checkRequest(c.Request); err != nil {
		return orders.Order{}, err
	}
	leaflets, err := leafletsJSON(c.Leaflets)
	if err != nil {
		return orders.Order{}, err
	}
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE orders SET request = $1, logo_id = $2, catalog_hash = $3, leaflets = $4, updated_ms = $5 WHERE id = $6`),
		string(c.Request), c.LogoID, c.CatalogHash, leaflets, s.nowMS(), id)
	if err := oneRow(res, err); err != nil {
		return orders.Order{}, err
	}
	return s.orderByID(ctx, id)
}

// ExtendPrint sets the print link's expiry.
func (s *Store) ExtendPrint(ctx context.Context, id string, until time.Time) (orders.Order, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE orders SET print_expires_ms = $1, updated_ms = $2 WHERE id = $3`),
		until.UnixMilli(), s.nowMS(), id)
	if err := oneRow(res, err); err != nil {
		return orders.Order{}, err
	}
	return s.orderByID(ctx, id)
}

func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return orders.ErrNotFound
	}
	return nil
}

// SaveDraft keeps a draft under a capability and deletes drafts untouched
// for the TTL.
func (s *Store) SaveDraft(ctx context.Context, c orders.Capability, data []byte) error {
	if !c.Valid() {
		return orders.ErrNotFound
	}
	if len(data) > orders.MaxDraftBytes {
		return orders.ErrTooLarge
	}
	if data == nil {
		data = []byte{}
	}
	now := s.nowMS()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM drafts WHERE updated_ms < $1`), now-s.opt.DraftTTL.Milliseconds()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO drafts (cap_hash, data, updated_ms) VALUES ($1, $2, $3)
		ON CONFLICT (cap_hash) DO UPDATE SET data = excluded.data, updated_ms = excluded.updated_ms`),
		c.Hash(), data, now); err != nil {
		return err
	}
	return tx.Commit()
}

// LoadDraft returns a draft that has not outlived the TTL.
func (s *Store) LoadDraft(ctx context.Context, c orders.Capability) (orders.Draft, error) {
	if !c.Valid() {
		return orders.Draft{}, orders.ErrNotFound
	}
	var d orders.Draft
	var updated int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT data, updated_ms FROM drafts WHERE cap_hash = $1 AND updated_ms >= $2`),
		c.Hash(), s.nowMS()-s.opt.DraftTTL.Milliseconds()).Scan(&d.Data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return orders.Draft{}, orders.ErrNotFound
	}
	if err != nil {
		return orders.Draft{}, err
	}
	d.Updated = fromMS(updated)
	return d, nil
}

// signingKeyName is the secrets row of the form-signing key.
const signingKeyName = "form-signing-key"

// SigningKey makes the key on first use and returns the stored one: of
// two processes that race, the first insert wins and both read it.
func (s *Store) SigningKey(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO secrets (name, value, created_ms) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO NOTHING`), signingKeyName, fresh, s.nowMS()); err != nil {
		return nil, err
	}
	var key []byte
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM secrets WHERE name = $1`), signingKeyName).Scan(&key); err != nil {
		return nil, err
	}
	if len(key) < 32 {
		return nil, fmt.Errorf("orders: the stored signing key has %d bytes, want 32", len(key))
	}
	return key, nil
}

// PutLogo stores a logo and, in the same transaction, evicts the oldest
// unreferenced logos beyond the quotas.
func (s *Store) PutLogo(ctx context.Context, client string, l orders.Logo) (string, error) {
	q := s.opt.Logos
	if int64(len(l.Data)) > q.MaxBytes || len(l.Data) == 0 {
		return "", orders.ErrTooLarge
	}
	id := orders.NewID()
	sum := sha256.Sum256(l.Data)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO logos (id, client, png, sha256, width, height, bytes, created_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`),
		id, client, l.Data, hex.EncodeToString(sum[:]), l.Width, l.Height, len(l.Data), s.nowMS()); err != nil {
		return "", err
	}
	// The client's unreferenced logos, newest first: keep while within quota.
	if err := s.evict(ctx, tx, `SELECT id, bytes FROM logos WHERE id <> $1 AND client = $2
		AND NOT EXISTS (SELECT 1 FROM orders WHERE orders.logo_id = logos.id)
		ORDER BY created_ms DESC, id DESC`, []any{id, client}, int64(len(l.Data)), q.PerClient, q.PerClientBytes); err != nil {
		return "", err
	}
	if err := s.evict(ctx, tx, `SELECT id, bytes FROM logos WHERE id <> $1
		AND NOT EXISTS (SELECT 1 FROM orders WHERE orders.logo_id = logos.id)
		ORDER BY created_ms DESC, id DESC`, []any{id}, int64(len(l.Data)), 0, q.TotalBytes); err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	return id, nil
}

// evict walks the other logos newest first, after the one just put
// (newBytes), and deletes every one past maxCount (0: no count limit) or
// past maxBytes in the running total: the oldest go first, and the new
// logo always stays.
func (s *Store) evict(ctx context.Context, tx *sql.Tx, query string, args []any, newBytes int64, maxCount int, maxBytes int64) error {
	rows, err := tx.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return err
	}
	var drop []string
	n, total := 1, newBytes
	for rows.Next() {
		var id string
		var b int64
		if err := rows.Scan(&id, &b); err != nil {
			rows.Close()
			return err
		}
		n++
		total += b
		if (maxCount > 0 && n > maxCount) || total > maxBytes {
			drop = append(drop, id)
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM logos WHERE id = $1`), id); err != nil {
			return err
		}
	}
	return nil
}

// Logo reads a logo and checks its bytes against the checksum stored
// with them.
func (s *Store) Logo(ctx context.Context, id string) (orders.Logo, error) {
	if !orders.ValidID(id) {
		return orders.Logo{}, orders.ErrNotFound
	}
	var l orders.Logo
	var sum string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT png, sha256, width, height FROM logos WHERE id = $1`), id).
		Scan(&l.Data, &sum, &l.Width, &l.Height)
	if errors.Is(err, sql.ErrNoRows) {
		return orders.Logo{}, orders.ErrNotFound
	}
	if err != nil {
		return orders.Logo{}, err
	}
	got := sha256.Sum256(l.Data)
	if hex.EncodeToString(got[:]) != sum || l.Width <= 0 || l.Height <= 0 {
		return orders.Logo{}, &orders.DamagedLogoError{ID: id}
	}
	return l, nil
}
