package html

import (
	"fmt"
	"html/template"
	"strings"
)

// qrSVG draws a QR code's modules as one inline SVG path, with the 4-module
// quiet zone, 25 mm wide when printed. It is hidden from screen readers:
// the address follows as a link.
func qrSVG(modules [][]bool) template.HTML {
	n := len(modules)
	side := n + 8
	var d strings.Builder
	for y, row := range modules {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&d, "M%d %dh1v1h-1z", x+4, y+4)
			}
		}
	}
	return template.HTML(fmt.Sprintf(`<svg class="qr" viewBox="0 0 %d %d" width="25mm" height="25mm" shape-rendering="crispEdges" aria-hidden="true" focusable="false"><rect width="%d" height="%d" fill="#fff"/><path d="%s" fill="#000"/></svg>`,
		side, side, side, side, d.String()))
}
