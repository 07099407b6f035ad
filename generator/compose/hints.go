package compose

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// Hints are where fitting's search for a document's step starts: the step
// the search found for a document of the same topic, language, paper,
// print size and page budget before (the largest that fit it; balancing
// may then have set it at a smaller one). Fitting probes that step and
// the one above it, then gallops outwards, instead of bisecting all the
// steps the paper allows: an order's leaflets mostly fit where another
// order's did, the contacts being most of what differs. A hint is only a
// guess: it is searched from within its run of steps along which neither
// text nor spacing grows (shrinkingRun), where the step found is the one
// bisection finds, and bisection of all the steps then takes the run's
// answers from it. A leaflet comes out as without hints (TestFitHints).
//
// Hints are written and read as text (Append, ReadHints), a line a hint:
//
//	topic	lang	paper	large	pages	text	space
//
// with large "1" or "0" and the step as its text and space scales, so
// that a hint of a step no longer in fitSteps is no hint. They are safe
// for concurrent use.
type Hints struct {
	mu    sync.RWMutex
	steps map[hintKey]int // index into fitSteps
}

// hintKey is what a hint is for.
type hintKey struct {
	topic vocab.TopicID
	lang  string
	paper vocab.Paper
	large bool
	pages int
}

func hintKeyOf(doc *document.Document, paper vocab.Paper) hintKey {
	return hintKey{topic: doc.Topic, lang: doc.Lang, paper: paper, large: doc.LargePrint, pages: doc.Pages}
}

// NewHints returns empty hints, to record fitted steps in (MemoOptions).
func NewHints() *Hints { return &Hints{steps: map[hintKey]int{}} }

// Len returns the number of hints.
func (h *Hints) Len() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.steps)
}

// step returns the hinted index into fitSteps for k.
func (h *Hints) step(k hintKey) (int, bool) {
	if h == nil {
		return 0, false
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	i, ok := h.steps[k]
	return i, ok
}

func (h *Hints) put(k hintKey, step int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.steps) < maxMemo {
		h.steps[k] = step
	}
}

// Append appends the hints as text, a line each, sorted: the same hints
// always give the same bytes.
func (h *Hints) Append(b []byte) []byte {
	h.mu.RLock()
	lines := make([]string, 0, len(h.steps))
	for k, i := range h.steps {
		large := "0"
		if k.large {
			large = "1"
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%d\t%s\t%s\n", k.topic, k.lang, k.paper, large, k.pages,
			strconv.FormatFloat(fitSteps[i].text, 'f', -1, 64), strconv.FormatFloat(fitSteps[i].space, 'f', -1, 64)))
	}
	h.mu.RUnlock()
	slices.Sort(lines)
	for _, l := range lines {
		b = append(b, l...)
	}
	return b
}

// ReadHints reads hints written by Append. A malformed line is an error;
// a line naming a step fitSteps does not have is left out.
func ReadHints(text string) (*Hints, error) {
	n := strings.Count(text, "\n") + 1
	h := &Hints{steps: make(map[hintKey]int, n)}
	seen := make(map[hintKey]bool, n)
	for line := 1; text != ""; line++ {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		var f [7]string
		k := 0
		for ; k < len(f) && l != ""; k++ {
			f[k], l, _ = strings.Cut(l, "\t")
		}
		if k != len(f) || l != "" {
			return nil, fmt.Errorf("compose: hints line %d: %d fields, want 7", line, k+strings.Count(l, "\t")+min(1, len(l)))
		}
		key := hintKey{topic: vocab.TopicID(f[0]), lang: f[1], paper: vocab.Paper(f[2])}
		switch f[3] {
		case "0":
		case "1":
			key.large = true
		default:
			return nil, fmt.Errorf("compose: hints line %d: large print %q, want 0 or 1", line, f[3])
		}
		var err error
		if key.pages, err = strconv.Atoi(f[4]); err != nil || key.pages <= 0 {
			return nil, fmt.Errorf("compose: hints line %d: pages %q", line, f[4])
		}
		var s fitStep
		if s.text, err = strconv.ParseFloat(f[5], 64); err != nil {
			return nil, fmt.Errorf("compose: hints line %d: text scale %q", line, f[5])
		}
		if s.space, err = strconv.ParseFloat(f[6], 64); err != nil {
			return nil, fmt.Errorf("compose: hints line %d: space scale %q", line, f[6])
		}
		if seen[key] {
			return nil, fmt.Errorf("compose: hints line %d: a second hint for %s %s %s", line, key.topic, key.lang, key.paper)
		}
		seen[key] = true
		if i := slices.Index(fitSteps, s); i >= 0 {
			h.steps[key] = i
		}
	}
	return h, nil
}
