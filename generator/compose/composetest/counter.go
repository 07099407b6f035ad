package composetest

import (
	"sync/atomic"

	"infogeneratorn/generator/layout"
)

// MeasureCounter is a layout engine that counts the paragraphs fitting
// measures with it (Measure and MeasureReach), for tests that a leaflet
// was, or was not, fitted again.
type MeasureCounter struct {
	*layout.Engine
	n atomic.Int64
}

// Measure is the engine's, counted.
func (c *MeasureCounter) Measure(p layout.Paragraph, width float64) ([]layout.Line, error) {
	c.n.Add(1)
	return c.Engine.Measure(p, width)
}

// MeasureReach is the engine's, counted.
func (c *MeasureCounter) MeasureReach(p layout.Paragraph, width float64) ([]layout.Line, layout.Reach, error) {
	c.n.Add(1)
	return c.Engine.MeasureReach(p, width)
}

// Measured returns how many paragraphs were measured since the last
// Reset.
func (c *MeasureCounter) Measured() int64 { return c.n.Load() }

// Reset sets the count to zero.
func (c *MeasureCounter) Reset() { c.n.Store(0) }
