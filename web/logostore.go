package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg" // stored logos are PNG or JPEG
	_ "image/png"
	"strconv"

	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/orders"
)

// storeLogos keeps logos in the order store, shared by every process on
// its database. What the store hands back is checked twice: its checksum
// by the store, and here that it is still a PNG or JPEG of the size
// recorded (logos stored before photographs became JPEG are PNG), so
// that a damaged row is a clear error and never reaches a renderer.
type storeLogos struct{ st orders.Store }

func (s storeLogos) Put(ctx context.Context, client string, l Logo) (string, error) {
	return s.st.PutLogo(ctx, client, orders.Logo{Data: l.Data, Width: l.Width, Height: l.Height})
}

func (s storeLogos) Get(ctx context.Context, id string) (Logo, error) {
	l, err := s.st.Logo(ctx, id)
	if err != nil {
		return Logo{}, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(l.Data))
	if err != nil || format != "png" && format != "jpeg" || cfg.Width != l.Width || cfg.Height != l.Height || cfg.Width > storedLogoSide || cfg.Height > storedLogoSide {
		return Logo{}, &orders.DamagedLogoError{ID: id}
	}
	return Logo{Data: l.Data, Width: l.Width, Height: l.Height}, nil
}

// textsHash is what orders record as the catalog they were made with: the
// catalog's texts and, per language, whether it is vetted, since a new
// approval changes what a leaflet prints (the "not yet checked" line).
func textsHash(cat *catalog.Catalog, locales []localeInfo) string {
	h := sha256.New()
	h.Write([]byte(cat.Hash()))
	for _, l := range locales {
		h.Write([]byte{0})
		h.Write([]byte(l.Tag + "\x00" + strconv.Itoa(l.VettedCount)))
	}
	return hex.EncodeToString(h.Sum(nil))
}
