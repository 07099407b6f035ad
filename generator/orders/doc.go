// Package orders is what Infogeneratorn keeps between requests: saved
// orders with their edit and print-shop links, the form's drafts, the
// form-signing key shared by every server process, and uploaded logos.
//
// The package holds the model and the Store interface only. Two
// implementations share one schema and one set of versioned migrations,
// applied when a store is opened:
//
//	sqlitestore  embedded SQLite (modernc.org/sqlite, no C compiler): one file under serve --data
//	pgstore      PostgreSQL (github.com/jackc/pgx/v5): serve --db postgres://…
//
// and storetest is the one test suite both must pass.
//
// # Capabilities
//
// An order is reached by three capabilities: the private edit link, the
// print shop's read-only link, and the public link of its HTML leaflets
// (what the leaflets' QR codes lead to). Each is 256 random bits
// (NewCapability) and only its SHA-256 is stored, so a copy of the
// database gives no working link; the print and public links are kept
// sealed under the capabilities that may show them again (seal.go). A capability of the wrong shape is refused before the
// database is asked. The print link expires (Order.PrintExpires); an
// expired one is an *ExpiredError, which tells it apart from a link that
// never existed (ErrNotFound). The public link does not expire: it is
// printed on paper and lasts as long as the order. Drafts are kept under a capability the
// same way.
//
// # Logos
//
// A logo is a re-encoded PNG or JPEG (the web package decodes and bounds what is
// uploaded; this package never decodes an image). It is stored as a blob
// with its SHA-256, which is checked on every read: a damaged blob is a
// *DamagedLogoError, never a panic or a broken leaflet. A logo that no
// order references counts against quotas (LogoQuota): per client and in
// total, the oldest go first when a new one is put. A logo an order
// references is kept as long as the order refers to it.
//
//	st, err := sqlitestore.Open(ctx, filepath.Join(dataDir, "orders.db"), orders.Options{})
//	defer st.Close()
//	created, err := st.CreateOrder(ctx, orders.NewOrder{Request: js, PrintExpires: now.AddDate(0, 0, 60)})
package orders
