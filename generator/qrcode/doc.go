// Package qrcode encodes a leaflet's QR code: a web address as a square
// of dark and light modules (QR Code Model 2, ISO/IEC 18004), in one
// segment (numeric, alphanumeric or bytes), the smallest version that
// holds it, and the mask of lowest penalty.
//
// It is the project's own encoder. The QR library the tests compare it
// with and read codes back with (github.com/piglig/go-qr, a port of
// Nayuki's generator) fills a 512 KB table in its package init: linked
// into infogen, it cost every start about 1 ms and 150 page faults,
// whether or not a leaflet had a QR code (issue #12). The codes are the
// same module for module.
//
// Error correction is level M (15 % of the code words can be restored),
// or Q or H where the address fits the same version at those levels:
// enough for a printed leaflet that gets folded or scuffed, while a
// 65-character address stays at version 5 (37 × 37 modules). Printed at
// 25 mm with the 4-module quiet zone that QR requires (45 modules in
// all), a module is 0.56 mm: well above the 0.33 mm that phone cameras
// read at arm's length.
//
//	m, err := qrcode.Encode("https://www.kungsbacka.se")
//	m.Size(), m.Dark(x, y)
package qrcode
