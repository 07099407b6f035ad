// Package qrcode encodes a leaflet's QR code: a web address as a square
// of dark and light modules. It is the only package that imports the QR
// library (github.com/piglig/go-qr, a maintained port of Nayuki's
// encoder that also decodes, which the tests use to read printed codes
// back).
//
// Error correction is level M (15 % of the code words can be restored):
// enough for a printed leaflet that gets folded or scuffed, while a
// 65-character address stays at version 5 (37 × 37 modules). Printed at
// 25 mm with the 4-module quiet zone that QR requires (45 modules in
// all), a module is 0.56 mm: well above the 0.33 mm that phone cameras
// read at arm's length.
//
//	m, err := qrcode.Encode("https://www.kungsbacka.se")
//	m.Size(), m.Dark(x, y)
package qrcode
