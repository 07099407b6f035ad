package orders

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Store keeps orders, drafts, the signing key and logos. Every method is
// safe for concurrent use, also by several processes on one database.
type Store interface {
	// CreateOrder saves a new order and returns it with its two
	// capabilities, which are never stored in clear and cannot be asked
	// for again.
	CreateOrder(ctx context.Context, o NewOrder) (Created, error)
	// OrderByEdit returns the order the edit capability opens, or ErrNotFound.
	OrderByEdit(ctx context.Context, edit Capability) (Order, error)
	// OrderByPrint returns the order the print capability opens; an
	// expired link is an *ExpiredError, an unknown one ErrNotFound.
	OrderByPrint(ctx context.Context, print Capability) (Order, error)
	// UpdateOrder replaces what an order holds (a re-order from the
	// edit link) and returns it; its capabilities stay.
	UpdateOrder(ctx context.Context, id string, c Change) (Order, error)
	// OrderByPublic returns the order the public capability opens (the
	// read-only HTML leaflets its QR codes lead to), or ErrNotFound. The
	// public link does not expire: it lasts as long as the order.
	OrderByPublic(ctx context.Context, public Capability) (Order, error)
	// ExtendPrint sets when the print link expires.
	ExtendPrint(ctx context.Context, id string, until time.Time) (Order, error)

	// SaveDraft keeps data (at most MaxDraftBytes) under a capability,
	// replacing what was there. Drafts not saved for DraftTTL are deleted.
	SaveDraft(ctx context.Context, c Capability, data []byte) error
	// LoadDraft returns the draft kept under c, or ErrNotFound.
	LoadDraft(ctx context.Context, c Capability) (Draft, error)

	// SigningKey returns the key that signs the form's tokens: made once,
	// atomically, and the same for every process on this database.
	SigningKey(ctx context.Context) ([]byte, error)

	// PutLogo keeps a re-encoded logo for a client (an address or other
	// key the caller uses for quotas) and returns its ID.
	PutLogo(ctx context.Context, client string, l Logo) (string, error)
	// Logo returns a logo by ID, or ErrNotFound, or *DamagedLogoError
	// when the stored bytes no longer match their checksum.
	Logo(ctx context.Context, id string) (Logo, error)

	// SchemaVersion is the newest migration applied to the database.
	SchemaVersion(ctx context.Context) (int, error)
	Close() error
}

// NewOrder is what an order is created from.
type NewOrder struct {
	// Request is the order as the API's JSON (request.Request; its logo
	// travels as LogoID).
	Request      json.RawMessage
	LogoID       string // "" for none
	CatalogHash  string // the texts the order was made with
	Leaflets     []Leaflet
	PrintExpires time.Time
	// Public is the order's public capability, made by the caller when
	// its print files must know it (their QR codes lead to it); "" lets
	// the store make one.
	Public Capability
}

// Change is what an update replaces.
type Change struct {
	Request     json.RawMessage
	LogoID      string
	CatalogHash string
	Leaflets    []Leaflet
}

// Leaflet is one print file of an order as it was made: enough to
// describe it on the order sheet and to tell whether it would come out
// different now.
type Leaflet struct {
	Topic       string  `json:"topic"`
	Lang        string  `json:"lang"`
	Format      string  `json:"format"`
	Paper       string  `json:"paper,omitempty"`
	Pages       int     `json:"pages,omitempty"`
	BleedMM     float64 `json:"bleed_mm,omitempty"`
	PDFX        string  `json:"pdfx,omitempty"` // the PDF/X version the file declares, "" for none
	Bytes       int     `json:"bytes"`
	Fingerprint string  `json:"fingerprint"` // SHA-256 of the resolved leaflet's content
}

// Order is a saved order.
type Order struct {
	ID string
	// Print is the print capability, unsealed when the order was opened
	// with its edit capability; empty otherwise.
	Print Capability
	// Public is the public capability, unsealed when the order was
	// opened with its edit or print capability (or is the one it was
	// opened with); empty for an order saved before public links.
	Public       Capability
	Request      json.RawMessage
	LogoID       string
	CatalogHash  string
	Leaflets     []Leaflet
	Created      time.Time
	Updated      time.Time
	PrintExpires time.Time
}

// Created is a new order and the only copy of its capabilities.
type Created struct {
	Order  Order
	Edit   Capability
	Print  Capability
	Public Capability
}

// Draft is a saved form draft.
type Draft struct {
	Data    []byte
	Updated time.Time
}

// Logo is a re-encoded logo, PNG or JPEG (package logo chooses by
// content; older rows are all PNG), and its size in pixels.
type Logo struct {
	Data          []byte
	Width, Height int
}

// Capability is an unguessable token that grants access by itself: 256
// random bits, base64url without padding (43 characters).
type Capability string

const capabilityLen = 43

// NewCapability returns a fresh random capability.
func NewCapability() Capability {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return short)
	return Capability(base64.RawURLEncoding.EncodeToString(b))
}

// Valid reports whether c has the shape of a capability.
func (c Capability) Valid() bool {
	if len(c) != capabilityLen {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(string(c))
	return err == nil && len(b) == 32
}

// Hash is what a store keeps of a capability: hex SHA-256. The token
// has 256 random bits, so a fast hash is enough to make a leaked hash
// useless as a link.
func (c Capability) Hash() string {
	sum := sha256.Sum256([]byte(c))
	return hex.EncodeToString(sum[:])
}

// NewID returns a random public identifier (128 bits, hex) for an order
// or a logo.
func NewID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ValidID reports whether id has the shape NewID makes.
func ValidID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// Options tune a store. The zero value is the default.
type Options struct {
	Now      func() time.Time // nil: time.Now
	Logos    LogoQuota        // zero fields: DefaultLogoQuota's
	DraftTTL time.Duration    // 0: 30 days
}

// LogoQuota bounds the logos no order references yet. When a logo is put,
// the client's oldest are deleted until it is within its count and bytes,
// then everyone's oldest until the total is within TotalBytes. A single
// logo over MaxBytes is refused.
type LogoQuota struct {
	PerClient      int   // logos
	PerClientBytes int64 // bytes
	TotalBytes     int64 // bytes, over all clients
	MaxBytes       int64 // one logo
}

// DefaultLogoQuota: 20 logos and 32 MiB per client, 512 MiB in all, 8 MiB
// for one (a logo is now stored within 512 KiB, package logo; one stored
// earlier, a 1200 × 1200 PNG, is at most about 5.8 MB).
var DefaultLogoQuota = LogoQuota{PerClient: 20, PerClientBytes: 32 << 20, TotalBytes: 512 << 20, MaxBytes: 8 << 20}

// MaxDraftBytes bounds one draft.
const MaxDraftBytes = 512 << 10

// DefaultDraftTTL is how long an untouched draft is kept.
const DefaultDraftTTL = 30 * 24 * time.Hour

// WithDefaults fills the zero fields of o.
func (o Options) WithDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	d := DefaultLogoQuota
	if o.Logos.PerClient <= 0 {
		o.Logos.PerClient = d.PerClient
	}
	if o.Logos.PerClientBytes <= 0 {
		o.Logos.PerClientBytes = d.PerClientBytes
	}
	if o.Logos.TotalBytes <= 0 {
		o.Logos.TotalBytes = d.TotalBytes
	}
	if o.Logos.MaxBytes <= 0 {
		o.Logos.MaxBytes = d.MaxBytes
	}
	if o.DraftTTL <= 0 {
		o.DraftTTL = DefaultDraftTTL
	}
	return o
}

// ErrNotFound is an order, draft or logo that does not exist, or a
// capability that opens nothing.
var ErrNotFound = errors.New("orders: not found")

// ErrTooLarge is a draft or logo over its bound.
var ErrTooLarge = errors.New("orders: too large")

// ExpiredError is a print link whose time has passed.
type ExpiredError struct{ Expired time.Time }

func (e *ExpiredError) Error() string {
	return fmt.Sprintf("orders: the print link expired on %s", e.Expired.UTC().Format(time.DateOnly))
}

// DamagedLogoError is a stored logo whose bytes no longer match their
// checksum (a damaged database or a tampered row).
type DamagedLogoError struct{ ID string }

func (e *DamagedLogoError) Error() string {
	return fmt.Sprintf("orders: logo %s is damaged (checksum mismatch)", e.ID)
}

// MigrationError is a schema migration that failed; the database is left
// at Version-1.
type MigrationError struct {
	Version int
	Err     error
}

func (e *MigrationError) Error() string {
	return fmt.Sprintf("orders: migration %d: %v", e.Version, e.Err)
}

func (e *MigrationError) Unwrap() error { return e.Err }

// NewerSchemaError is a database migrated by a newer Infogeneratorn than
// this one: it is not touched.
type NewerSchemaError struct{ Have, Know int }

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("orders: the database has schema version %d, this program knows up to %d", e.Have, e.Know)
}
