package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"infogeneratorn/generator/logo"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
)

// Logo is an uploaded logo after re-encoding: a JPEG for a photograph,
// else a PNG (package logo), that fits in a storedLogoSide square, made
// from the decoded pixels. The file as sent is never kept and never
// served back.
type Logo struct {
	Data          []byte
	Width, Height int
}

// MIME is the stored logo's media type.
func (l Logo) MIME() string { return logo.Logo{Data: l.Data}.MIME() }

// LogoStore keeps re-encoded logos between the posts of one form and for
// saved orders. A logo is found only by its random ID, which the form
// carries in a hidden field. Put takes the client's key for quotas; Get
// answers orders.ErrNotFound for an unknown or expired ID and
// *orders.DamagedLogoError for stored bytes that are no longer the logo.
type LogoStore interface {
	Put(ctx context.Context, client string, l Logo) (string, error)
	Get(ctx context.Context, id string) (Logo, error)
}

// Logo problem codes; their texts are the UI messages "validation.<code>".
const (
	codeLogoTooLarge  request.Code = "logo_too_large"
	codeLogoFormat    request.Code = "logo_format"
	codeLogoDimension request.Code = "logo_dimensions"
	codeLogoDamaged   request.Code = "logo_damaged"
	codeLogoPixels    request.Code = "logo_pixels" // decoding it would take more memory than the budget
)

// decodeLogo checks and re-encodes an uploaded logo through the server's
// logo decoder: its header is read first and the decode waits for room
// in a memory budget shared by all uploads (package logo).
func (s *server) decodeLogo(ctx context.Context, data []byte) (Logo, *request.FieldError) {
	l, err := s.logoDec.Decode(ctx, data)
	if err != nil {
		return Logo{}, logoFieldError(err)
	}
	return Logo{Data: l.Data, Width: l.Width, Height: l.Height}, nil
}

// storedLogo reads a stored logo and checks it in full, whatever the
// store: a logo damaged at rest (a torn write, a flipped bit that a
// store without a checksum lets through) is an *orders.DamagedLogoError,
// never bytes handed to a renderer.
func (s *server) storedLogo(ctx context.Context, id string) (Logo, error) {
	l, err := s.logos.Get(ctx, id)
	if err != nil {
		return Logo{}, err
	}
	if _, err := s.logoDec.Verify(ctx, l.Data); err != nil {
		var le *logo.Error
		if errors.As(err, &le) && le.Kind == logo.KindBusy {
			return Logo{}, err
		}
		return Logo{}, &orders.DamagedLogoError{ID: id}
	}
	return l, nil
}

// logoFieldError turns a refused logo into the field error shown at "logo".
func logoFieldError(err error) *request.FieldError {
	e := request.FieldError{Field: "logo", Code: codeLogoDamaged}
	var le *logo.Error
	if !errors.As(err, &le) {
		return &e
	}
	switch le.Kind {
	case logo.KindTooLarge:
		e.Code, e.Params = codeLogoTooLarge, map[string]string{"Max": fmt.Sprintf("%d MB", le.Max>>20)}
	case logo.KindFormat:
		e.Code = codeLogoFormat
	case logo.KindDimensions:
		e.Code, e.Params = codeLogoDimension, map[string]string{"Max": strconv.Itoa(le.Max),
			"Width": strconv.Itoa(le.Width), "Height": strconv.Itoa(le.Height)}
	case logo.KindPixels:
		e.Code, e.Params = codeLogoPixels, map[string]string{"Max": strconv.Itoa(le.Max), "Kind": le.Image,
			"Width": strconv.Itoa(le.Width), "Height": strconv.Itoa(le.Height)}
	case logo.KindBusy:
		e.Code = codeBusy
	}
	return &e
}

// logoStatus is the HTTP status of a refused logo: 413 for one too large
// to take, 503 when the decoding budget stays full, else 400.
func logoStatus(e *request.FieldError) int {
	switch e.Code {
	case codeLogoTooLarge, codeLogoPixels, codeLogoDimension:
		return http.StatusRequestEntityTooLarge
	case codeBusy:
		return http.StatusServiceUnavailable
	case codeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusBadRequest
}

// memoryLogos keeps logos in memory for a day.
type memoryLogos struct{ store *ttlStore }

// NewMemoryLogos returns a LogoStore in memory: logos live a day, at most
// 256 of them and 32 MiB, and are gone on restart.
func NewMemoryLogos(now func() time.Time) LogoStore {
	if now == nil {
		now = time.Now
	}
	return memoryLogos{store: newTTLStore(24*time.Hour, 256, 32<<20, now)}
}

func (m memoryLogos) Put(_ context.Context, _ string, l Logo) (string, error) {
	return m.store.put(l.Data, fmt.Sprintf("%dx%d", l.Width, l.Height)), nil
}

func (m memoryLogos) Get(_ context.Context, id string) (Logo, error) {
	it, ok := m.store.get(id)
	if !ok {
		return Logo{}, orders.ErrNotFound
	}
	var l Logo
	if _, err := fmt.Sscanf(it.meta, "%dx%d", &l.Width, &l.Height); err != nil {
		return Logo{}, &orders.DamagedLogoError{ID: id}
	}
	l.Data = it.data
	return l, nil
}
