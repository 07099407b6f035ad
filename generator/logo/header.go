package logo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"
	"image/png"
)

// header is what a logo's header says about the decode it asks for.
type header struct {
	width, height int
	kind          string  // "progressive CMYK JPEG", "RGBA PNG", …
	bytesPerPixel float64 // what decoding takes per pixel, estimated
}

// cost estimates the bytes decoding takes, with room for padding to
// whole blocks and the decoder's own buffers.
func (h header) cost() int64 {
	return int64(h.bytesPerPixel*float64(h.width)*float64(h.height)*1.05) + 1<<20
}

func (h header) perPixel() int64 { return max(1, int64(h.bytesPerPixel*1.05+0.5)) }

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte("\xff\xd8\xff")
)

// readHeader reads the size and colour model of a PNG or JPEG without
// decoding a pixel.
func readHeader(data []byte) (header, error) {
	switch {
	case bytes.HasPrefix(data, pngMagic):
		return pngHeader(data)
	case bytes.HasPrefix(data, jpegMagic):
		return jpegHeader(data)
	}
	return header{}, &Error{Kind: KindFormat}
}

func pngHeader(data []byte) (header, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return header{}, &Error{Kind: KindDamaged, Err: err}
	}
	h := header{width: cfg.Width, height: cfg.Height}
	switch cfg.ColorModel {
	case color.GrayModel:
		h.kind, h.bytesPerPixel = "grey PNG", 1
	case color.Gray16Model:
		h.kind, h.bytesPerPixel = "16-bit grey PNG", 2
	case color.RGBAModel, color.NRGBAModel:
		h.kind, h.bytesPerPixel = "RGBA PNG", 4
	case color.RGBA64Model, color.NRGBA64Model:
		h.kind, h.bytesPerPixel = "16-bit RGBA PNG", 8
	default: // a palette
		h.kind, h.bytesPerPixel = "palette PNG", 1
	}
	// An interlaced PNG is decoded pass by pass into images of its own
	// and then copied into the whole.
	if len(data) > 28 && data[28] == 1 {
		h.kind, h.bytesPerPixel = "interlaced "+h.kind, 2*h.bytesPerPixel
	}
	return h, nil
}

// jpegHeader reads the frame header (SOFn) for the size, the components
// and their sampling, and whether the JPEG is progressive, whose decoder
// keeps every coefficient of every component until the last scan.
func jpegHeader(data []byte) (header, error) {
	damaged := func(err error) (header, error) { return header{}, &Error{Kind: KindDamaged, Err: err} }
	i := 2
	for {
		for i < len(data) && data[i] == 0xff && i+1 < len(data) && data[i+1] == 0xff {
			i++ // fill bytes
		}
		if i+4 > len(data) || data[i] != 0xff {
			return damaged(errors.New("no frame header"))
		}
		marker := data[i+1]
		if marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7) {
			i += 2
			continue
		}
		if marker == 0xd9 || marker == 0xda {
			return damaged(errors.New("no frame header before the scan"))
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return damaged(errors.New("segment runs past the end"))
		}
		seg := data[i+4 : i+2+n]
		switch marker {
		case 0xc0, 0xc1, 0xc2:
			return frame(seg, marker == 0xc2)
		case 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf:
			return header{}, &Error{Kind: KindFormat, Err: fmt.Errorf("JPEG process SOF%d is not supported", marker-0xc0)}
		}
		i += 2 + n
	}
}

func frame(seg []byte, progressive bool) (header, error) {
	if len(seg) < 6 {
		return header{}, &Error{Kind: KindDamaged, Err: errors.New("short frame header")}
	}
	h := header{height: int(binary.BigEndian.Uint16(seg[1:])), width: int(binary.BigEndian.Uint16(seg[3:]))}
	nc := int(seg[5])
	if (nc != 1 && nc != 3 && nc != 4) || len(seg) < 6+3*nc {
		return header{}, &Error{Kind: KindDamaged, Width: h.width, Height: h.height, Err: fmt.Errorf("%d components", nc)}
	}
	var hmax, vmax int
	for c := range nc {
		f := seg[6+3*c+1]
		hmax, vmax = max(hmax, int(f>>4)), max(vmax, int(f&15))
	}
	if hmax == 0 || vmax == 0 {
		return header{}, &Error{Kind: KindDamaged, Width: h.width, Height: h.height, Err: errors.New("zero sampling factor")}
	}
	// planes: the components' samples per pixel of the image.
	var planes float64
	for c := range nc {
		f := seg[6+3*c+1]
		planes += float64(int(f>>4)*int(f&15)) / float64(hmax*vmax)
	}
	model := map[int]string{1: "grey", 3: "YCbCr", 4: "CMYK"}[nc]
	h.bytesPerPixel = planes // the decoded planes (Gray, YCbCr, or YCbCr and black)
	if nc == 4 {
		h.bytesPerPixel += 4 // and the CMYK image they are converted into
	}
	process := "baseline"
	if progressive {
		process = "progressive"
		h.bytesPerPixel += 4 * planes // an int32 per coefficient, 64 per 8 × 8 block
	}
	h.kind = process + " " + model + " JPEG"
	return h, nil
}
