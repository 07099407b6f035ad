package web

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

// downStore is the order store with a switch that makes it fail, as a
// database that went away would. It reads orders without the request's
// cancellation, so that a request given up on still finds its order and
// reaches the wait for a generation slot.
type downStore struct {
	orders.Store
	down atomic.Bool
}

var errStoreDown = errors.New("database down")

func (d *downStore) OrderByPrint(ctx context.Context, c orders.Capability) (orders.Order, error) {
	if d.down.Load() {
		return orders.Order{}, errStoreDown
	}
	return d.Store.OrderByPrint(context.WithoutCancel(ctx), c)
}

func (d *downStore) OrderByPublic(ctx context.Context, c orders.Capability) (orders.Order, error) {
	if d.down.Load() {
		return orders.Order{}, errStoreDown
	}
	return d.Store.OrderByPublic(context.WithoutCancel(ctx), c)
}

func (d *downStore) OrderByEdit(ctx context.Context, c orders.Capability) (orders.Order, error) {
	if d.down.Load() {
		return orders.Order{}, errStoreDown
	}
	return d.Store.OrderByEdit(context.WithoutCancel(ctx), c)
}

// blockingRenderer makes HTML once released, telling when it started.
type blockingRenderer struct {
	entered chan struct{}
	release chan struct{}
	once    *sync.Once
}

func (blockingRenderer) Format() vocab.Format { return vocab.HTML }
func (b blockingRenderer) Render(*document.Document) ([]byte, error) {
	b.once.Do(func() { close(b.entered) })
	<-b.release
	return []byte("<!doctype html><title>x</title>"), nil
}

func blockingPipeline(t *testing.T, b blockingRenderer) *Pipeline {
	p := testPipeline(t, pipelineOpts{})
	f := loadFixture(t)
	res := resolve.New(resolve.Config{Catalog: f.cat, Topics: f.topics, HelpLines: f.lines, Municipalities: f.munis,
		Version: "test", Now: func() time.Time { return testDate }})
	rules := request.Rules{HasLanguage: f.cat.Has,
		HasMunicipality: func(code string) bool { _, ok := f.munis.ByCode(code); return ok }}
	p.Builder = assemble.New(assemble.Config{Resolver: res, Renderers: []assemble.Renderer{b}, Rules: rules})
	return p
}

var h1 = regexp.MustCompile(`<h1>([^<]+)</h1>`)

// Every error a browser can be shown as a page has a heading and a text
// in the UI language, Swedish and English: no "[[title.…]]" placeholder
// of a message that does not exist.
func TestErrorPagesHaveHeadings(t *testing.T) {
	var store *downStore
	a := newOrdersApp(t, func(c *Config) {
		store = &downStore{Store: c.Orders}
		c.Orders, c.MaxBuilds = store, 1
		c.Rate = Rate{PerSecond: 0.0001, Burst: 3} // the order, two pages, then 429
	})
	ans := a.create(t, falkenbergOrder)
	print, public := pathOf(t, ans.PrintURL), pathOf(t, ans.PublicURLs[0])
	edit := pathOf(t, ans.EditURL)

	get := func(path string) func() *http.Request {
		return func() *http.Request { return httptest.NewRequest(http.MethodGet, path, nil) }
	}
	post := func(ct, body string) func() *http.Request {
		return func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
			r.Header.Set("Content-Type", ct)
			return r
		}
	}
	type page struct {
		name   string
		status int
		req    func() *http.Request
		before func() // sets the server's state up first
		repeat bool   // sent again until refused (a rate limit spent)
		busy   bool   // sent while another page holds the only generation slot
	}
	pages := []page{
		{name: "not found", status: http.StatusNotFound, req: get("/ingenting")},
		{name: "method", status: http.StatusMethodNotAllowed, req: func() *http.Request { return httptest.NewRequest(http.MethodDelete, "/", nil) }},
		{name: "media type", status: http.StatusUnsupportedMediaType, req: post("text/plain", "x")},
		{name: "unreadable form", status: http.StatusBadRequest, req: post("multipart/form-data; boundary=b", "--b\r\nbroken")},
		{name: "form without token", status: http.StatusForbidden, req: post("application/x-www-form-urlencoded", "action=download")},
		{name: "too large", status: http.StatusRequestEntityTooLarge, req: post("application/x-www-form-urlencoded", "a="+strings.Repeat("x", 40<<20))},
		{name: "rate limited: the print files", status: http.StatusTooManyRequests, req: get(print + "/bundle.zip"), repeat: true},
		{name: "rate limited: the public page", status: http.StatusTooManyRequests, req: get(public), repeat: true},
		{name: "busy", status: http.StatusServiceUnavailable, busy: true, req: func() *http.Request {
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // gives up at once on a full server
			return httptest.NewRequest(http.MethodGet, public, nil).WithContext(ctx)
		}},
		{name: "store down: print link", status: http.StatusInternalServerError, req: get(print), before: func() { store.down.Store(true) }},
		{name: "store down: public page", status: http.StatusInternalServerError, req: get(public)},
		{name: "store down: edit link", status: http.StatusInternalServerError, req: get(edit)},
		{name: "expired print link", status: http.StatusGone, req: get(print), before: func() {
			store.down.Store(false)
			a.clock.Add(40 * 24 * time.Hour)
		}},
	}
	normal := a.current()
	client := 0
	for _, lang := range []string{"sv", "en"} {
		a.clock.Add(testDate.Sub(a.clock.Now()))
		store.down.Store(false)
		for _, p := range pages {
			if p.before != nil {
				p.before()
			}
			client++ // each page its own client, with its own rate limit
			addr := "198.51.100." + strconv.Itoa(client) + ":1234"
			send := func() *httptest.ResponseRecorder {
				r := p.req()
				r.Header.Set("Accept-Language", lang)
				r.RemoteAddr = addr
				return do(a.h, r)
			}
			var w *httptest.ResponseRecorder
			switch {
			case p.repeat:
				for range 5 {
					if w = send(); w.Code == http.StatusTooManyRequests {
						break
					}
				}
			case p.busy:
				b := blockingRenderer{entered: make(chan struct{}), release: make(chan struct{}), once: &sync.Once{}}
				a.swap(blockingPipeline(t, b))
				done := make(chan struct{})
				go func() {
					defer close(done)
					r := httptest.NewRequest(http.MethodGet, public, nil)
					r.RemoteAddr = "203.0.113.1:1234"
					do(a.h, r)
				}()
				<-b.entered
				w = send()
				close(b.release)
				<-done
				a.swap(normal)
			default:
				w = send()
			}
			body := w.Body.String()
			m := h1.FindStringSubmatch(body)
			switch {
			case w.Code != p.status:
				t.Errorf("%s %s: status %d, want %d: %.300s", lang, p.name, w.Code, p.status, body)
			case !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html"):
				t.Errorf("%s %s: %s, want a page", lang, p.name, w.Header().Get("Content-Type"))
			case strings.Contains(body, "[["):
				t.Errorf("%s %s: a placeholder of a missing message: %q", lang, p.name, regexp.MustCompile(`\[\[[^\]]*\]\]`).FindAllString(body, -1))
			case m == nil || strings.TrimSpace(m[1]) == "":
				t.Errorf("%s %s: no heading", lang, p.name)
			}
		}
	}
}

// parseDir parses the Go files of dir but its tests.
func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var out []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// codeConsts maps the names of the string constants declared in the Go
// files of dir to their values.
func codeConsts(t *testing.T, fset *token.FileSet, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range parseDir(t, fset, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, id := range vs.Names {
				if i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						out[id.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
			return true
		})
	}
	return out
}

// Every code that web's handlers show as a page (s.message) has a title
// and a text in every UI locale, including those no test above reaches.
func TestEveryPageCodeHasATitle(t *testing.T) {
	fset := token.NewFileSet()
	web, req := codeConsts(t, fset, "."), codeConsts(t, fset, "../generator/request")
	codes := map[string]string{string(codeRateLimited): "rateLimit's code, passed on as e.Code"}
	for _, f := range parseDir(t, fset, ".") {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 3 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "message" {
				return true
			}
			at := fset.Position(call.Pos()).String()
			switch arg := call.Args[2].(type) {
			case *ast.Ident:
				v, ok := web[arg.Name]
				if !ok {
					t.Errorf("%s: s.message with %s, not a constant of web", at, arg.Name)
				}
				codes[v] = at
			case *ast.SelectorExpr:
				if x, ok := arg.X.(*ast.Ident); ok && x.Name == "request" {
					codes[req[arg.Sel.Name]] = at
				} else if arg.Sel.Name != "Code" { // e.Code: rateLimit's, listed above
					t.Errorf("%s: s.message with a code this test cannot follow", at)
				}
			default:
				t.Errorf("%s: s.message with a code this test cannot follow", at)
			}
			return true
		})
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d codes shown as pages: %v", len(codes), codes)
	}
	uis, _ := filepath.Glob("../locales/ui/*.toml")
	if len(uis) < 2 {
		t.Fatalf("UI locales %v", uis)
	}
	for _, ui := range uis {
		data, err := os.ReadFile(ui)
		if err != nil {
			t.Fatal(err)
		}
		for code, at := range codes {
			for _, id := range []string{"title." + code, "validation." + code} {
				if !bytes.Contains(data, []byte(`["`+id+`"]`)) {
					t.Errorf("%s lacks %q, shown as a page at %s", filepath.Base(ui), id, at)
				}
			}
		}
	}
}
