// Package logo checks, decodes and re-encodes a municipality's logo, as
// the web form, the JSON API and the command line receive it: a PNG or
// JPEG of at most 2 MB.
//
// Decoding is where a small file costs a great deal: a 251 KB progressive
// CMYK JPEG of 4000 × 4000 pixels takes about 384 MB to decode with
// image/jpeg (coefficients of four full-size components, a YCbCr and a
// black plane, then the CMYK image). So the header is read first — size,
// colour model, components and their sampling, baseline or progressive —
// and the memory the decode will take is estimated from it. A logo whose
// decode alone would pass the Decoder's budget is refused at once
// (KindPixels, naming its kind and the megapixels allowed for it); others
// wait until the decodes in flight leave room for theirs. The limit is in
// bytes estimated from pixels and colour model, not in requests: one huge
// logo can take the whole budget, many small ones share it.
//
// A decoded logo is scaled to fit StoredSide × StoredSide (1200) with a
// box filter and re-encoded by its content, so the file as sent, with its
// metadata, is never kept: a photograph (opaque, more than 4,096 colours)
// as a JPEG at quality 85; an opaque image of 257 to 4,096 colours (a
// gradient) as JPEG when that is under half the PNG; anything with
// transparency, and flat artwork, as PNG — with a palette when it has at
// most 256 colours, as most logos do. A result over StoredBytes (512 KiB)
// is scaled down by a quarter a side until it fits. Logo.MIME says which
// format it is; a JPEG is embedded in the PDF as it is (DCTDecode).
// Verify re-checks a stored logo (PNG or JPEG) in full before it is used,
// so a logo damaged at rest (a torn write; a flipped bit in a PNG, whose
// chunks carry a CRC; a JPEG has none, and the order store's SHA-256
// catches that) is an error, never a panic in a renderer.
//
//	d := logo.NewDecoder(logo.Limits{})
//	l, err := d.Decode(ctx, data)
//	var le *logo.Error
//	if errors.As(err, &le) { … le.Kind … }
package logo
