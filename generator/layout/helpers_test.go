package layout

import (
	"sync"
	"testing"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/fonts"
)

var (
	engineOnce sync.Once
	engineVal  *Engine
	engineSet  *fonts.Set
	engineErr  error
)

// testEngine returns an engine over the embedded fonts, built once for all
// tests of the package (as the program builds it once per process).
func testEngine(t testing.TB) (*Engine, *fonts.Set) {
	t.Helper()
	engineOnce.Do(func() {
		engineSet, engineErr = fonts.Load(fontfiles.FS())
		if engineErr == nil {
			engineVal, engineErr = New(engineSet)
		}
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engineVal, engineSet
}
