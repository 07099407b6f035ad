package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"infogeneratorn/generator/orders"
)

// Database is one fresh database of the kind under test.
type Database interface {
	// Open opens another store on this database (another process, as far
	// as the database can tell), migrating it first.
	Open(opt orders.Options) (orders.Store, error)
	// MigrateTo applies the migrations up to version and no further.
	MigrateTo(version int) error
	// Exec runs a statement with $N placeholders, to set up or damage rows.
	Exec(query string, args ...any) error
	// Scan reads one row with $N placeholders.
	Scan(query string, args []any, dest ...any) error
}

// Harness makes databases for the suite.
type Harness struct {
	// Fresh returns a new, empty database, removed when t ends.
	Fresh func(t *testing.T) Database
	// Latest is the schema version the store's migrations end at.
	Latest int
}

// clock is a settable time for expiry and eviction order.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Run runs the whole suite.
func Run(t *testing.T, h Harness) {
	tests := []struct {
		name string
		run  func(*testing.T, Harness)
	}{
		{"MigrateEmpty", testMigrateEmpty},
		{"MigrateExisting", testMigrateExisting},
		{"MigrateConcurrently", testMigrateConcurrently},
		{"OrderRoundTrip", testOrderRoundTrip},
		{"CapabilitiesStoredHashed", testCapabilitiesHashed},
		{"GuessedLinks", testGuessedLinks},
		{"PrintExpiry", testPrintExpiry},
		{"PublicLink", testPublicLink},
		{"UpdateOrder", testUpdateOrder},
		{"Drafts", testDrafts},
		{"SigningKeyShared", testSigningKeyShared},
		{"LogoRoundTrip", testLogoRoundTrip},
		{"LogoDamaged", testLogoDamaged},
		{"LogoQuotas", testLogoQuotas},
		{"LogoReferencedKept", testLogoReferencedKept},
		{"TwoStoresOneDatabase", testTwoStores},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, h) })
	}
}

func open(t *testing.T, db Database, opt orders.Options) orders.Store {
	t.Helper()
	st, err := db.Open(opt)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var ctx = context.Background()

func sampleOrder(expires time.Time) orders.NewOrder {
	return orders.NewOrder{
		Request:     json.RawMessage(`{"municipality":{"code":"1384"},"topics":["vald"],"languages":["sv","ar"]}`),
		CatalogHash: "c0ffee",
		Leaflets: []orders.Leaflet{
			{Topic: "vald", Lang: "sv", Format: "pdf", Pages: 2, Bytes: 1000, Fingerprint: "aa"},
			{Topic: "vald", Lang: "ar", Format: "pdf", Pages: 2, Bytes: 1200, Fingerprint: "bb"},
		},
		PrintExpires: expires,
	}
}

func testMigrateEmpty(t *testing.T, h Harness) {
	db := h.Fresh(t)
	st := open(t, db, orders.Options{})
	v, err := st.SchemaVersion(ctx)
	if err != nil || v != h.Latest {
		t.Fatalf("schema version on an empty database = %d, %v; want %d", v, err, h.Latest)
	}
	// Opening again applies nothing and keeps the version.
	st2 := open(t, db, orders.Options{})
	if v2, err := st2.SchemaVersion(ctx); err != nil || v2 != h.Latest {
		t.Fatalf("schema version after reopening = %d, %v", v2, err)
	}
	var n int
	if err := db.Scan(`SELECT COUNT(*) FROM schema_migrations`, nil, &n); err != nil || n != h.Latest {
		t.Fatalf("schema_migrations rows = %d, %v; want one per version (%d)", n, err, h.Latest)
	}
}

func testMigrateExisting(t *testing.T, h Harness) {
	db := h.Fresh(t)
	if err := db.MigrateTo(1); err != nil {
		t.Fatal(err)
	}
	// An order saved under schema 1, as an older program would have.
	edit, print := orders.NewCapability(), orders.NewCapability()
	if err := db.Exec(`INSERT INTO orders (id, edit_hash, print_hash, request, logo_id, catalog_hash, leaflets, created_ms, updated_ms, print_expires_ms)
		VALUES ($1, $2, $3, $4, '', 'h1', '[]', $5, $5, $6)`,
		orders.NewID(), edit.Hash(), print.Hash(), `{"topics":["vald"]}`, int64(1000), time.Now().Add(time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	var v int
	if err := db.Scan(`SELECT MAX(version) FROM schema_migrations`, nil, &v); err != nil || v != 1 {
		t.Fatalf("version before = %d, %v; want 1", v, err)
	}
	st := open(t, db, orders.Options{})
	if v, err := st.SchemaVersion(ctx); err != nil || v != h.Latest {
		t.Fatalf("version after opening = %d, %v; want %d", v, err, h.Latest)
	}
	o, err := st.OrderByEdit(ctx, edit)
	if err != nil || string(o.Request) != `{"topics":["vald"]}` || o.CatalogHash != "h1" || o.Print != "" || o.Public != "" {
		t.Fatalf("order from schema 1 after migrating: %+v, %v", o, err)
	}
	if o, err := st.OrderByPrint(ctx, print); err != nil || o.Public != "" {
		t.Fatalf("print link from schema 1: public %q, %v", o.Public, err)
	}
	// It has no public link, and its empty seals open nothing.
	if _, err := st.OrderByPublic(ctx, orders.NewCapability()); !errors.Is(err, orders.ErrNotFound) {
		t.Fatalf("a public link on a database of old orders: %v", err)
	}
	// Two old orders without a public link may stand side by side.
	if _, err := st.CreateOrder(ctx, sampleOrder(time.Now().Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`INSERT INTO orders (id, edit_hash, print_hash, request, logo_id, catalog_hash, leaflets, created_ms, updated_ms, print_expires_ms)
		VALUES ($1, $2, $3, '{}', '', 'h1', '[]', 1, 1, 1)`, orders.NewID(), orders.NewCapability().Hash(), orders.NewCapability().Hash()); err != nil {
		t.Fatalf("a second order without a public link: %v", err)
	}
}

func testMigrateConcurrently(t *testing.T, h Harness) {
	db := h.Fresh(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			st, err := db.Open(orders.Options{})
			if err == nil {
				st.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d migrating at the same time: %v", i, err)
		}
	}
	var n int
	if err := db.Scan(`SELECT COUNT(*) FROM schema_migrations`, nil, &n); err != nil || n != h.Latest {
		t.Fatalf("schema_migrations rows = %d, %v; want %d (each applied once)", n, err, h.Latest)
	}
}

func testOrderRoundTrip(t *testing.T, h Harness) {
	clk := newClock()
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now})
	in := sampleOrder(clk.Now().AddDate(0, 0, 60))
	c, err := st.CreateOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !orders.ValidID(c.Order.ID) || !c.Edit.Valid() || !c.Print.Valid() || c.Edit == c.Print {
		t.Fatalf("created: id %q edit %q print %q", c.Order.ID, c.Edit, c.Print)
	}
	for name, get := range map[string]func() (orders.Order, error){
		"edit":  func() (orders.Order, error) { return st.OrderByEdit(ctx, c.Edit) },
		"print": func() (orders.Order, error) { return st.OrderByPrint(ctx, c.Print) },
	} {
		o, err := get()
		if err != nil {
			t.Fatalf("by %s: %v", name, err)
		}
		if wantPrint := map[string]orders.Capability{"edit": c.Print, "print": ""}[name]; o.Print != wantPrint {
			t.Errorf("by %s: the print link shown is %q, want %q", name, o.Print, wantPrint)
		}
		if o.ID != c.Order.ID || o.CatalogHash != in.CatalogHash || !o.Created.Equal(clk.Now()) ||
			!o.PrintExpires.Equal(in.PrintExpires) || len(o.Leaflets) != 2 || o.Leaflets[1] != in.Leaflets[1] {
			t.Errorf("by %s: %+v", name, o)
		}
		var got, want any
		json.Unmarshal(o.Request, &got)
		json.Unmarshal(in.Request, &want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("by %s: request %s, want %s", name, o.Request, in.Request)
		}
	}
	if _, err := st.CreateOrder(ctx, orders.NewOrder{Request: json.RawMessage(`{not json`)}); err == nil {
		t.Error("an order whose request is not JSON was saved")
	}
}

func testCapabilitiesHashed(t *testing.T, h Harness) {
	db := h.Fresh(t)
	st := open(t, db, orders.Options{})
	c, err := st.CreateOrder(ctx, sampleOrder(time.Now().Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	var editHash, printHash string
	if err := db.Scan(`SELECT edit_hash, print_hash FROM orders WHERE id = $1`, []any{c.Order.ID}, &editHash, &printHash); err != nil {
		t.Fatal(err)
	}
	if editHash != c.Edit.Hash() || printHash != c.Print.Hash() {
		t.Errorf("stored %q %q, want the SHA-256 of the capabilities", editHash, printHash)
	}
	var n int
	if err := db.Scan(`SELECT COUNT(*) FROM orders WHERE edit_hash = $1 OR print_hash = $2 OR request LIKE $3 OR print_sealed LIKE $4`,
		[]any{string(c.Edit), string(c.Print), "%" + string(c.Edit) + "%", "%" + string(c.Print) + "%"}, &n); err != nil || n != 0 {
		t.Errorf("a capability is stored in clear (%d rows, %v)", n, err)
	}
	// The stored hash is not a working link.
	if _, err := st.OrderByEdit(ctx, orders.Capability(editHash)); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("the stored hash used as a link: %v", err)
	}
}

func testGuessedLinks(t *testing.T, h Harness) {
	st := open(t, h.Fresh(t), orders.Options{})
	c, err := st.CreateOrder(ctx, sampleOrder(time.Now().Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	guesses := []orders.Capability{orders.NewCapability(), "", "x", c.Print[:42], c.Print + "A", orders.Capability(c.Order.ID), "../../etc/passwd", "'; DROP TABLE orders; --"}
	for _, g := range guesses {
		if _, err := st.OrderByPrint(ctx, g); !errors.Is(err, orders.ErrNotFound) {
			t.Errorf("print %q: %v, want ErrNotFound", g, err)
		}
		if _, err := st.OrderByEdit(ctx, g); !errors.Is(err, orders.ErrNotFound) {
			t.Errorf("edit %q: %v, want ErrNotFound", g, err)
		}
	}
	if _, err := st.OrderByPrint(ctx, c.Edit); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("the edit link as a print link: %v", err)
	}
	if _, err := st.OrderByEdit(ctx, c.Print); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("the print link as an edit link: %v", err)
	}
}

func testPrintExpiry(t *testing.T, h Harness) {
	clk := newClock()
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now})
	expires := clk.Now().AddDate(0, 0, 30)
	c, err := st.CreateOrder(ctx, sampleOrder(expires))
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(30*24*time.Hour - time.Millisecond)
	if _, err := st.OrderByPrint(ctx, c.Print); err != nil {
		t.Fatalf("a millisecond before expiry: %v", err)
	}
	clk.Add(time.Millisecond)
	_, err = st.OrderByPrint(ctx, c.Print)
	var ee *orders.ExpiredError
	if !errors.As(err, &ee) || !ee.Expired.Equal(expires) {
		t.Fatalf("at expiry: %v, want ExpiredError at %v", err, expires)
	}
	if _, err := st.OrderByEdit(ctx, c.Edit); err != nil {
		t.Fatalf("the edit link after the print link expired: %v", err)
	}
	until := clk.Now().AddDate(0, 0, 60)
	o, err := st.ExtendPrint(ctx, c.Order.ID, until)
	if err != nil || !o.PrintExpires.Equal(until) {
		t.Fatalf("extend: %+v, %v", o.PrintExpires, err)
	}
	if _, err := st.OrderByPrint(ctx, c.Print); err != nil {
		t.Fatalf("after extending: %v", err)
	}
	if _, err := st.ExtendPrint(ctx, orders.NewID(), until); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("extending an unknown order: %v", err)
	}
}

func testUpdateOrder(t *testing.T, h Harness) {
	clk := newClock()
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now})
	c, err := st.CreateOrder(ctx, sampleOrder(clk.Now().AddDate(0, 0, 30)))
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Hour)
	ch := orders.Change{Request: json.RawMessage(`{"topics":["foraldraskapsstod"]}`), LogoID: orders.NewID(), CatalogHash: "beef",
		Leaflets: []orders.Leaflet{{Topic: "foraldraskapsstod", Lang: "sv", Format: "pdf", Pages: 3, Fingerprint: "cc"}}}
	o, err := st.UpdateOrder(ctx, c.Order.ID, ch)
	if err != nil {
		t.Fatal(err)
	}
	if string(o.Request) != string(ch.Request) || o.LogoID != ch.LogoID || o.CatalogHash != "beef" || len(o.Leaflets) != 1 ||
		!o.Updated.Equal(clk.Now()) || !o.Created.Equal(c.Order.Created) {
		t.Errorf("updated: %+v", o)
	}
	if o2, err := st.OrderByPrint(ctx, c.Print); err != nil || o2.CatalogHash != "beef" {
		t.Errorf("the print link after the update: %+v, %v", o2, err)
	}
	if _, err := st.UpdateOrder(ctx, orders.NewID(), ch); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("updating an unknown order: %v", err)
	}
}

func testDrafts(t *testing.T, h Harness) {
	clk := newClock()
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now, DraftTTL: 48 * time.Hour})
	a, b := orders.NewCapability(), orders.NewCapability()
	if _, err := st.LoadDraft(ctx, a); !errors.Is(err, orders.ErrNotFound) {
		t.Fatalf("no draft yet: %v", err)
	}
	if err := st.SaveDraft(ctx, a, []byte("first")); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	if err := st.SaveDraft(ctx, a, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDraft(ctx, b, []byte("other")); err != nil {
		t.Fatal(err)
	}
	d, err := st.LoadDraft(ctx, a)
	if err != nil || string(d.Data) != "second" || !d.Updated.Equal(clk.Now()) {
		t.Fatalf("load a: %q %v, %v", d.Data, d.Updated, err)
	}
	if d, err := st.LoadDraft(ctx, b); err != nil || string(d.Data) != "other" {
		t.Fatalf("load b: %q, %v", d.Data, err)
	}
	if err := st.SaveDraft(ctx, a, bytes.Repeat([]byte("x"), orders.MaxDraftBytes+1)); !errors.Is(err, orders.ErrTooLarge) {
		t.Errorf("an oversized draft: %v", err)
	}
	if err := st.SaveDraft(ctx, "short", []byte("x")); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("a draft under a malformed capability: %v", err)
	}
	clk.Add(48*time.Hour + time.Millisecond)
	if _, err := st.LoadDraft(ctx, a); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("a draft past its TTL: %v", err)
	}
}

func testSigningKeyShared(t *testing.T, h Harness) {
	db := h.Fresh(t)
	one, two := open(t, db, orders.Options{}), open(t, db, orders.Options{})
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		st := one
		if i%2 == 1 {
			st = two
		}
		wg.Go(func() {
			k, err := st.SigningKey(ctx)
			if err != nil {
				t.Errorf("signing key %d: %v", i, err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	if len(keys[0]) != 32 {
		t.Fatalf("key of %d bytes", len(keys[0]))
	}
	for i, k := range keys {
		if !bytes.Equal(k, keys[0]) {
			t.Errorf("key %d differs from key 0: two processes would refuse each other's forms", i)
		}
	}
	three := open(t, db, orders.Options{})
	if k, err := three.SigningKey(ctx); err != nil || !bytes.Equal(k, keys[0]) {
		t.Errorf("a process started later gets another key (%v)", err)
	}
}

// png is a stand-in blob: the store neither decodes nor cares.
func png(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }

func testLogoRoundTrip(t *testing.T, h Harness) {
	st := open(t, h.Fresh(t), orders.Options{})
	in := orders.Logo{Data: png(5000, 7), Width: 120, Height: 60}
	id, err := st.PutLogo(ctx, "198.51.100.1", in)
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.Logo(ctx, id)
	if err != nil || !bytes.Equal(l.Data, in.Data) || l.Width != 120 || l.Height != 60 {
		t.Fatalf("logo back: %d bytes %dx%d, %v", len(l.Data), l.Width, l.Height, err)
	}
	for _, bad := range []string{orders.NewID(), "", "../x", id + "0"} {
		if _, err := st.Logo(ctx, bad); !errors.Is(err, orders.ErrNotFound) {
			t.Errorf("logo %q: %v, want ErrNotFound", bad, err)
		}
	}
	if _, err := st.PutLogo(ctx, "c", orders.Logo{Data: png(int(orders.DefaultLogoQuota.MaxBytes)+1, 1), Width: 1, Height: 1}); !errors.Is(err, orders.ErrTooLarge) {
		t.Errorf("an oversized logo: %v", err)
	}
	if _, err := st.PutLogo(ctx, "c", orders.Logo{}); !errors.Is(err, orders.ErrTooLarge) {
		t.Errorf("an empty logo: %v", err)
	}
}

func testLogoDamaged(t *testing.T, h Harness) {
	db := h.Fresh(t)
	st := open(t, db, orders.Options{})
	id, err := st.PutLogo(ctx, "c", orders.Logo{Data: png(100, 3), Width: 10, Height: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`UPDATE logos SET png = $1 WHERE id = $2`, png(100, 4), id); err != nil {
		t.Fatal(err)
	}
	_, err = st.Logo(ctx, id)
	var de *orders.DamagedLogoError
	if !errors.As(err, &de) || de.ID != id {
		t.Fatalf("a damaged logo: %v, want DamagedLogoError", err)
	}
}

func testLogoQuotas(t *testing.T, h Harness) {
	clk := newClock()
	q := orders.LogoQuota{PerClient: 3, PerClientBytes: 1000, TotalBytes: 1500, MaxBytes: 600}
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now, Logos: q})
	put := func(client string, n int) string {
		t.Helper()
		clk.Add(time.Second)
		id, err := st.PutLogo(ctx, client, orders.Logo{Data: png(n, byte(n)), Width: 1, Height: 1})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	has := func(id string) bool {
		_, err := st.Logo(ctx, id)
		return err == nil
	}
	// Count: the fourth logo of one client evicts its first.
	a := []string{put("a", 100), put("a", 100), put("a", 100), put("a", 100)}
	if has(a[0]) || !has(a[1]) || !has(a[3]) {
		t.Errorf("per-client count: kept %v %v %v %v, want the oldest evicted", has(a[0]), has(a[1]), has(a[2]), has(a[3]))
	}
	// Bytes: three of 400 make 1200 > 1000: the first goes.
	b := []string{put("b", 400), put("b", 400), put("b", 400)}
	if has(b[0]) || !has(b[1]) || !has(b[2]) {
		t.Errorf("per-client bytes: kept %v %v %v, want the oldest evicted (1200 > 1000)", has(b[0]), has(b[1]), has(b[2]))
	}
	// Total: a holds 300, b 800: 1100. Another client's 500 makes 1600 > 1500:
	// the oldest overall (a[1]) goes, and no more than needed.
	c := put("c", 500)
	if has(a[1]) || !has(a[2]) || !has(c) || !has(b[1]) {
		t.Errorf("total bytes: a1 %v a2 %v b1 %v c %v, want only a1 evicted", has(a[1]), has(a[2]), has(b[1]), has(c))
	}
}

func testLogoReferencedKept(t *testing.T, h Harness) {
	clk := newClock()
	q := orders.LogoQuota{PerClient: 1, PerClientBytes: 1000, TotalBytes: 1000, MaxBytes: 500}
	st := open(t, h.Fresh(t), orders.Options{Now: clk.Now, Logos: q})
	id, err := st.PutLogo(ctx, "a", orders.Logo{Data: png(400, 1), Width: 1, Height: 1})
	if err != nil {
		t.Fatal(err)
	}
	o := sampleOrder(clk.Now().Add(time.Hour))
	o.LogoID = id
	if _, err := st.CreateOrder(ctx, o); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		clk.Add(time.Second)
		if _, err := st.PutLogo(ctx, "a", orders.Logo{Data: png(400, 2), Width: 1, Height: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Logo(ctx, id); err != nil {
		t.Errorf("a logo an order uses was evicted: %v", err)
	}
}

func testTwoStores(t *testing.T, h Harness) {
	db := h.Fresh(t)
	one, two := open(t, db, orders.Options{}), open(t, db, orders.Options{})
	c, err := one.CreateOrder(ctx, sampleOrder(time.Now().Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if o, err := two.OrderByPrint(ctx, c.Print); err != nil || o.ID != c.Order.ID {
		t.Fatalf("the other store reads the print link: %v", err)
	}
	id, err := two.PutLogo(ctx, "a", orders.Logo{Data: png(10, 1), Width: 1, Height: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := one.Logo(ctx, id); err != nil {
		t.Fatalf("the other store reads the logo: %v", err)
	}
	d := orders.NewCapability()
	if err := one.SaveDraft(ctx, d, []byte("draft")); err != nil {
		t.Fatal(err)
	}
	if got, err := two.LoadDraft(ctx, d); err != nil || string(got.Data) != "draft" {
		t.Fatalf("the other store reads the draft: %q, %v", got.Data, err)
	}
}

func testConcurrent(t *testing.T, h Harness) {
	db := h.Fresh(t)
	stores := []orders.Store{open(t, db, orders.Options{}), open(t, db, orders.Options{})}
	var wg sync.WaitGroup
	for i := range 8 {
		st := stores[i%2]
		wg.Go(func() {
			for j := range 5 {
				c, err := st.CreateOrder(ctx, sampleOrder(time.Now().Add(time.Hour)))
				if err != nil {
					t.Errorf("worker %d order %d: %v", i, j, err)
					return
				}
				if _, err := st.PutLogo(ctx, fmt.Sprint("client", i), orders.Logo{Data: png(50, byte(j)), Width: 1, Height: 1}); err != nil {
					t.Errorf("worker %d logo %d: %v", i, j, err)
				}
				if err := st.SaveDraft(ctx, orders.NewCapability(), []byte("d")); err != nil {
					t.Errorf("worker %d draft %d: %v", i, j, err)
				}
				if _, err := st.ExtendPrint(ctx, c.Order.ID, time.Now().Add(2*time.Hour)); err != nil {
					t.Errorf("worker %d extend %d: %v", i, j, err)
				}
			}
		})
	}
	wg.Wait()
	var n int
	if err := db.Scan(`SELECT COUNT(*) FROM orders`, nil, &n); err != nil || n != 40 {
		t.Errorf("orders after 8×5 concurrent creations: %d, %v", n, err)
	}
}
