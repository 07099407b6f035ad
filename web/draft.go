package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"sync"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
)

// Drafts keeps the form's work in progress on the server, under an
// unguessable ID (256 random bits, base64url: the order store's
// capability) that is the draft's private address:
// every button of the form saves the draft and redirects to it
// (Post/Redirect/Get), so Back and reload show what was typed and never
// ask to send the form again. The order store (package orders) keeps
// drafts in its database; MemoryDrafts is the default for tests and a
// server without --data.
type Drafts interface {
	PutDraft(ctx context.Context, id string, data []byte) error
	// GetDraft returns ErrNoDraft for an ID it does not hold.
	GetDraft(ctx context.Context, id string) ([]byte, error)
}

// storeDrafts keeps the drafts in the order store, under the draft ID as
// its capability.
type storeDrafts struct{ st orders.Store }

func (d storeDrafts) PutDraft(ctx context.Context, id string, data []byte) error {
	return d.st.SaveDraft(ctx, orders.Capability(id), data)
}

func (d storeDrafts) GetDraft(ctx context.Context, id string) ([]byte, error) {
	dr, err := d.st.LoadDraft(ctx, orders.Capability(id))
	if errors.Is(err, orders.ErrNotFound) {
		return nil, ErrNoDraft
	}
	return dr.Data, err
}

// ErrNoDraft is a draft ID that is not (or no longer) stored.
var ErrNoDraft = errors.New("no such draft")

// MemoryDrafts keeps drafts in memory, at most max of them (the oldest
// written is dropped first).
type MemoryDrafts struct {
	max   int
	mu    sync.Mutex
	data  map[string][]byte
	order []string
}

// NewMemoryDrafts returns an in-memory draft store holding up to max
// drafts (0: 4096).
func NewMemoryDrafts(max int) *MemoryDrafts {
	if max <= 0 {
		max = 4096
	}
	return &MemoryDrafts{max: max, data: map[string][]byte{}}
}

// PutDraft stores or replaces a draft.
func (m *MemoryDrafts) PutDraft(_ context.Context, id string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.data[id]; !ok {
		m.order = append(m.order, id)
	}
	m.data[id] = append([]byte(nil), data...)
	for len(m.order) > m.max {
		delete(m.data, m.order[0])
		m.order = m.order[1:]
	}
	return nil
}

// GetDraft returns a stored draft.
func (m *MemoryDrafts) GetDraft(_ context.Context, id string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.data[id]
	if !ok {
		return nil, ErrNoDraft
	}
	return append([]byte(nil), d...), nil
}

// draft is what the server keeps of one form between requests: what was
// typed, and what the next page shows once (problems found, what was
// rewritten for confirmation, a removed contact to bring back, the
// preview).
type draft struct {
	UI      string        `json:"ui,omitempty"`
	State   formState     `json:"state"`
	Check   bool          `json:"check,omitempty"` // show the order's problems
	Focus   string        `json:"focus,omitempty"` // the control to focus on the next page
	Notes   []note        `json:"notes,omitempty"` // values rewritten, shown back at their field
	Undo    *removedRow   `json:"undo,omitempty"`
	Preview *previewShown `json:"preview,omitempty"`
	Saved   bool          `json:"saved,omitempty"` // "Spara" was pressed: show the private link
	// Edit and Print are the saved order's capabilities, once the form
	// saved one (or was opened from its edit link).
	Edit  string `json:"edit,omitempty"`
	Print string `json:"print,omitempty"`
	// Problems are found while posting, not by validating the state: a
	// logo that is too large, a busy server, a rate limit.
	Problems request.FieldErrors `json:"problems,omitempty"`
}

// empty reports whether nothing was ever saved in the draft.
func (d *draft) empty() bool {
	return d.UI == "" && d.State.MuniCode == "" && d.State.MuniText == "" && d.State.MuniName == "" &&
		len(d.State.Topics) == 0 && len(d.State.Languages) == 0 && len(d.State.Contacts) == 0 && d.State.LogoID == ""
}

// note is a value the server rewrote (a phone number, a web address),
// shown back at its field for the communicator to confirm.
type note struct {
	Field    string `json:"field"` // the control's ID: "c0-phone"
	From, To string
}

// removedRow is the last contact removed, for "Ångra".
type removedRow struct {
	Index int        `json:"index"`
	Row   contactRow `json:"row"`
}

// previewShown is the leaflet shown in the page's preview: its file, and
// each page of a PDF drawn as an SVG image.
type previewShown struct {
	ID      string   `json:"id"`
	PageIDs []string `json:"page_ids,omitempty"`
	File    string   `json:"file,omitempty"` // the file's name, for the download link
	Topic   string   `json:"topic"`
	Lang    string   `json:"lang"`
	Pages   int      `json:"pages"`
	Paper   string   `json:"paper"`
	PDF     bool     `json:"pdf"`
}

// maxDraftBytes bounds one stored draft (the form itself is bounded far
// below this by maxRows and the field lengths).
const maxDraftBytes = 1 << 20

// newDraftID returns a fresh draft ID: 256 random bits, base64url.
func newDraftID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// freshDraftID is the ID of the draft that the first post from the empty
// form /new/{r} makes: derived from r and this browser's CSRF cookie, so
// that Back to /new/{r} finds it, while someone who learns r (a link
// passed around) cannot read another browser's draft. "" without a
// cookie.
func (s *server) freshDraftID(c *gin.Context, r string) string {
	v, err := c.Cookie(csrfCookie)
	if err != nil || v == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.csrf)
	m.Write([]byte("draft\x00" + v + "\x00" + r))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// validDraftID reports whether id has the shape newDraftID makes.
func validDraftID(id string) bool {
	if len(id) != 43 {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(id)
	return err == nil && len(b) == 32
}

func (s *server) loadDraft(ctx context.Context, id string) (*draft, error) {
	if !validDraftID(id) {
		return nil, ErrNoDraft
	}
	data, err := s.drafts.GetDraft(ctx, id)
	if err != nil {
		return nil, err
	}
	var d draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

func (s *server) saveDraft(ctx context.Context, id string, d *draft) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if len(data) > maxDraftBytes {
		return errors.New("draft too large")
	}
	return s.drafts.PutDraft(ctx, id, data)
}
