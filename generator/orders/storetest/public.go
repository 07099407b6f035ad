package storetest

import (
	"errors"
	"testing"
	"time"

	"infogeneratorn/generator/orders"
)

// testPublicLink: the public link opens the order read-only, is shown
// again to the edit and print sides, never expires with the print link,
// stays through an update, is stored only hashed and sealed, and no other
// capability opens in its place.
func testPublicLink(t *testing.T, h Harness) {
	clk := newClock()
	db := h.Fresh(t)
	st := open(t, db, orders.Options{Now: clk.Now})
	c, err := st.CreateOrder(ctx, sampleOrder(clk.Now().AddDate(0, 0, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Public.Valid() || c.Public == c.Edit || c.Public == c.Print {
		t.Fatalf("public %q beside edit %q and print %q", c.Public, c.Edit, c.Print)
	}
	for name, get := range map[string]func() (orders.Order, error){
		"public": func() (orders.Order, error) { return st.OrderByPublic(ctx, c.Public) },
		"edit":   func() (orders.Order, error) { return st.OrderByEdit(ctx, c.Edit) },
		"print":  func() (orders.Order, error) { return st.OrderByPrint(ctx, c.Print) },
	} {
		o, err := get()
		if err != nil || o.ID != c.Order.ID || o.Public != c.Public {
			t.Errorf("by %s: order %q public %q, %v; want %q %q", name, o.ID, o.Public, err, c.Order.ID, c.Public)
		}
		if name == "public" && o.Print != "" {
			t.Errorf("the public link shows the print link %q", o.Print)
		}
	}

	var hash, sealedEdit, sealedPrint string
	if err := db.Scan(`SELECT public_hash, public_sealed_edit, public_sealed_print FROM orders WHERE id = $1`, []any{c.Order.ID},
		&hash, &sealedEdit, &sealedPrint); err != nil {
		t.Fatal(err)
	}
	if hash != c.Public.Hash() || sealedEdit == "" || sealedPrint == "" {
		t.Errorf("stored public_hash %q (want %q), seals %q %q", hash, c.Public.Hash(), sealedEdit, sealedPrint)
	}
	var n int
	if err := db.Scan(`SELECT COUNT(*) FROM orders WHERE public_hash = $1 OR public_sealed_edit LIKE $2 OR public_sealed_print LIKE $2 OR request LIKE $2`,
		[]any{string(c.Public), "%" + string(c.Public) + "%"}, &n); err != nil || n != 0 {
		t.Errorf("the public capability is stored in clear (%d rows, %v)", n, err)
	}

	// No other capability, guess or stored value opens it.
	for _, g := range []orders.Capability{c.Edit, c.Print, orders.Capability(hash), orders.NewCapability(), c.Public[:42], c.Public + "A", "", "'; DROP TABLE orders; --"} {
		if _, err := st.OrderByPublic(ctx, g); !errors.Is(err, orders.ErrNotFound) {
			t.Errorf("public %q: %v, want ErrNotFound", g, err)
		}
	}
	if _, err := st.OrderByEdit(ctx, c.Public); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("the public link as an edit link: %v", err)
	}
	if _, err := st.OrderByPrint(ctx, c.Public); !errors.Is(err, orders.ErrNotFound) {
		t.Errorf("the public link as a print link: %v", err)
	}

	// The print link expires; the public one does not.
	clk.Add(400 * 24 * time.Hour)
	var expired *orders.ExpiredError
	if _, err := st.OrderByPrint(ctx, c.Print); !errors.As(err, &expired) {
		t.Fatalf("print link a year on: %v, want ExpiredError", err)
	}
	if o, err := st.OrderByPublic(ctx, c.Public); err != nil || o.ID != c.Order.ID {
		t.Errorf("public link after the print link expired: %v", err)
	}

	// A re-order keeps the public link: the QR codes already printed lead on.
	ch := orders.Change{Request: []byte(`{"topics":["vald"],"languages":["sv"]}`), CatalogHash: "new",
		Leaflets: []orders.Leaflet{{Topic: "vald", Lang: "sv", Format: "pdf", Fingerprint: "dd"}}}
	if _, err := st.UpdateOrder(ctx, c.Order.ID, ch); err != nil {
		t.Fatal(err)
	}
	if o, err := st.OrderByPublic(ctx, c.Public); err != nil || o.CatalogHash != "new" || len(o.Leaflets) != 1 {
		t.Errorf("public link after a re-order: %+v, %v", o, err)
	}

	// The caller may make the public link first (the print files' QR codes
	// must know it); one of the wrong shape is refused, a reused one too.
	pub := orders.NewCapability()
	in := sampleOrder(clk.Now().AddDate(0, 0, 1))
	in.Public = pub
	c2, err := st.CreateOrder(ctx, in)
	if err != nil || c2.Public != pub {
		t.Fatalf("order with a given public link: %q, %v; want %q", c2.Public, err, pub)
	}
	if o, err := st.OrderByPublic(ctx, pub); err != nil || o.ID != c2.Order.ID {
		t.Errorf("the given public link opens %q, %v", o.ID, err)
	}
	in.Public = "short"
	if _, err := st.CreateOrder(ctx, in); err == nil {
		t.Error("an order with a malformed public link was saved")
	}
	in.Public = pub
	if _, err := st.CreateOrder(ctx, in); err == nil {
		t.Error("a second order with the same public link was saved")
	}
}
