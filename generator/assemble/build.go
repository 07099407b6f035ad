package assemble

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
)

// Renderer writes a resolved document in one format.
type Renderer interface {
	Format() vocab.Format
	Render(doc *document.Document) ([]byte, error)
}

// Describer is a Renderer that can tell what a file it wrote holds: its
// page count and, for a print file, the PDF/X version it claims and the
// printing condition it is made for ("" when it claims none).
type Describer interface {
	Describe(data []byte) (pages int, pdfx, condition string)
}

// PageRenderer draws a resolved document's pages as images, one image
// per page of the PDF, composed as the PDF renderer composes them
// (generator/render/svg): the form's preview of the real pages.
type PageRenderer interface {
	RenderPages(doc *document.Document) ([][]byte, error)
}

// Config is what a Builder is built from.
type Config struct {
	Resolver  *resolve.Resolver
	Renderers []Renderer
	// Pages draws the pages of each PDF for Preview; nil: Preview gives
	// no page images.
	Pages PageRenderer
	Rules request.Rules
	// Budgets are the topics' page budgets (LoadBudgets); nil loads the
	// embedded table.
	Budgets BudgetTable
}

// Builder runs orders. It is safe for concurrent use.
type Builder struct {
	resolver  *resolve.Resolver
	renderers map[vocab.Format]Renderer
	pages     PageRenderer
	rules     request.Rules
	budgets   BudgetTable
}

// New returns a Builder.
func New(cfg Config) *Builder {
	b := &Builder{resolver: cfg.Resolver, renderers: map[vocab.Format]Renderer{}, pages: cfg.Pages, rules: cfg.Rules, budgets: cfg.Budgets}
	if b.budgets == nil {
		// The embedded table is checked by the package's tests; a broken
		// one leaves every topic at its smallest count, moving up as needed.
		b.budgets, _ = LoadBudgets()
	}
	for _, r := range cfg.Renderers {
		b.renderers[r.Format()] = r
	}
	return b
}

// File is one rendered leaflet.
type File struct {
	Name   string          `json:"name"`
	Topic  vocab.TopicID   `json:"topic"`
	Lang   string          `json:"lang"`
	Format vocab.Format    `json:"format"`
	Review document.Review `json:"review"`
	Paper  vocab.Paper     `json:"paper"`
	Print  bool            `json:"print"` // print-ready: bleed, crop marks, CMYK
	// LargePrint: body text 16 pt or more. PageBudget is the topic's page
	// count in the budget table (PDF only); Pages is larger when this
	// order's contacts moved the whole topic up to the next count.
	LargePrint bool `json:"large_print"`
	PageBudget int  `json:"page_budget,omitempty"`
	// Pages, PDFX and PrintCondition come from a Describer renderer: the
	// page count (0 for HTML), the PDF/X version and printing condition of
	// a print file.
	Pages          int    `json:"pages,omitempty"`
	PDFX           string `json:"pdfx,omitempty"`
	PrintCondition string `json:"print_condition,omitempty"`
	// Warnings are what the communicator should know about the file that
	// did not stop it being made (a logo that prints soft).
	Warnings []request.FieldError `json:"warnings,omitempty"`
	Data     []byte               `json:"-"`
	// PageImages are a PDF's pages drawn by the PageRenderer, one per
	// page (Preview only).
	PageImages [][]byte `json:"-"`
}

// PageCountError reports page images that do not match the PDF they
// preview: a renderer that composed the leaflet differently.
type PageCountError struct {
	Name        string
	PDF, Images int
}

func (e *PageCountError) Error() string {
	return fmt.Sprintf("%s: the PDF has %d pages but the preview drew %d", e.Name, e.PDF, e.Images)
}

// CodeLogoResolution warns that the logo prints below
// compose.MinLogoResolution at its printed size. Params: DPI (what it
// prints at), Min, Paper.
const CodeLogoResolution request.Code = "logo_low_resolution"

// warnings returns what the communicator should know about doc rendered
// in format f.
func warnings(doc *document.Document, f vocab.Format) []request.FieldError {
	if f != vocab.PDF || !doc.Print || doc.Logo == nil {
		return nil
	}
	if w := logoWarning(compose.LogoResolution(doc), doc.Paper); w != nil {
		return []request.FieldError{*w}
	}
	return nil
}

// LogoWarning returns the warning a print order on paper would carry for
// a logo of w × h pixels in the leaflet of some language (the logo's
// printed size depends on the script), for the form to show before the
// order is made; nil when it prints sharp in every script.
func LogoWarning(paper vocab.Paper, w, h int) *request.FieldError {
	return logoWarning(compose.LogoResolutionAnyScript(paper, w, h), paper)
}

func logoWarning(dpi float64, paper vocab.Paper) *request.FieldError {
	if dpi <= 0 || dpi >= compose.MinLogoResolution {
		return nil
	}
	return &request.FieldError{Field: "logo", Code: CodeLogoResolution, Params: map[string]string{
		"DPI": strconv.Itoa(int(dpi)), "Min": strconv.Itoa(compose.MinLogoResolution), "Paper": string(paper)}}
}

// FormatUnavailableError is a format the build has no renderer for.
type FormatUnavailableError struct{ Format vocab.Format }

func (e *FormatUnavailableError) Error() string {
	return fmt.Sprintf("format %q is not yet available", e.Format)
}

// Validate checks a request against the builder's rules and the formats it
// can render. A nil result means the request can be built.
func (b *Builder) Validate(req *request.Request) request.FieldErrors {
	errs := req.Validate(b.rules)
	for i, f := range req.Formats {
		if _, ok := b.renderers[vocab.Format(f)]; !ok {
			if _, known := vocab.ParseFormat(f); known {
				errs = append(errs, request.FieldError{Field: fmt.Sprintf("formats[%d]", i), Code: request.CodeUnknownFormat, Params: map[string]string{"Value": f}})
			}
		}
	}
	return errs
}

// Formats returns the formats this builder can render.
func (b *Builder) Formats() []vocab.Format {
	var out []vocab.Format
	for _, f := range []vocab.Format{vocab.PDF, vocab.HTML} {
		if _, ok := b.renderers[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// Resolver returns the resolver, for previews.
func (b *Builder) Resolver() *resolve.Resolver { return b.resolver }

// Build validates the request and renders every topic × language × format,
// the leaflets concurrently on up to GOMAXPROCS goroutines; the files come
// in the request's order (topics, then languages, then formats) and are
// the same bytes as from one goroutine.
// An invalid request is a request.FieldErrors; a format without a renderer
// a *FormatUnavailableError; a missing or unvetted message the resolver's
// error. No partial result is returned on error: a print shop must never
// get a set with a leaflet silently missing.
func (b *Builder) Build(req *request.Request) ([]File, error) {
	return b.build(req, false)
}

// Preview is Build with each PDF's pages also drawn as images by the
// configured PageRenderer, from the same document (File.PageImages), for
// the form's preview; without a PageRenderer it is Build.
func (b *Builder) Preview(req *request.Request) ([]File, error) {
	return b.build(req, b.pages != nil)
}

func (b *Builder) build(req *request.Request, images bool) ([]File, error) {
	formats := req.Formats
	if len(formats) == 0 {
		formats = []string{string(vocab.PDF)}
		if _, ok := b.renderers[vocab.PDF]; !ok {
			formats = []string{string(vocab.HTML)}
		}
	}
	for _, f := range formats {
		if _, ok := b.renderers[vocab.Format(f)]; !ok {
			if _, known := vocab.ParseFormat(f); known {
				return nil, &FormatUnavailableError{Format: vocab.Format(f)}
			}
		}
	}
	if errs := req.Validate(b.rules); len(errs) > 0 {
		return nil, errs
	}
	// Leaflets are independent: render them on every core, each into its
	// own slot, and collect them in the order of the request, so that the
	// files and their bytes are the same however the work was scheduled.
	type leaflet struct {
		topic vocab.TopicID
		lang  string
		files []File
		errs  []error
	}
	var all []leaflet
	for _, t := range req.Topics {
		for _, lang := range req.Languages {
			all = append(all, leaflet{topic: vocab.TopicID(t), lang: lang})
		}
	}
	// Every language of a topic gets the topic's page budget. A leaflet
	// that does not fit it (*compose.BudgetError) moves the whole topic up
	// to the next count: its leaflets are rendered again at that count.
	pages := map[vocab.TopicID]int{}
	paper, _ := vocab.ParsePaper(req.Paper)
	if paper == "" {
		paper = vocab.A4
	}
	for _, l := range all {
		pages[l.topic] = b.budgets.Budget(l.topic, paper, req.LargePrint)
	}
	// The leaflets are made language by language (the files keep the
	// request's order): those of one language share much of their text
	// (help lines, contacts, common messages), which the layout engine's
	// caches then hold while it is in use, rather than cycling through
	// every language once per topic.
	nl := max(1, len(req.Languages))
	byLang := func(i, j int) int { return cmp.Or(i%nl-j%nl, i/nl-j/nl) }
	todo := make([]int, len(all))
	for i := range todo {
		todo[i] = i
	}
	slices.SortFunc(todo, byLang)
	for len(todo) > 0 {
		var cursor atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(todo)) {
			wg.Go(func() {
				for k := int(cursor.Add(1) - 1); k < len(todo); k = int(cursor.Add(1) - 1) {
					l := &all[todo[k]]
					l.files, l.errs = b.leaflet(req, l.topic, l.lang, formats, pages[l.topic], b.budgets.Budget(l.topic, paper, req.LargePrint), images)
				}
			})
		}
		wg.Wait()
		moved := map[vocab.TopicID]bool{}
		for _, i := range todo {
			l := &all[i]
			for _, err := range l.errs {
				var be *compose.BudgetError
				if !errors.As(err, &be) || moved[l.topic] {
					continue
				}
				if n, ok := next(paper, req.LargePrint, pages[l.topic]); ok {
					pages[l.topic], moved[l.topic] = n, true
				}
			}
		}
		todo = todo[:0]
		for i, l := range all {
			if moved[l.topic] {
				todo = append(todo, i)
			}
		}
		slices.SortFunc(todo, byLang)
	}
	var files []File
	var errs []error
	for _, l := range all {
		files = append(files, l.files...)
		errs = append(errs, l.errs...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// leaflet resolves one topic in one language and renders it in every
// format, on pages pages (its topic's budget is budget); images: each
// PDF's pages drawn as images too.
func (b *Builder) leaflet(req *request.Request, topic vocab.TopicID, lang string, formats []string, pages, budget int, images bool) ([]File, []error) {
	doc, err := b.resolver.Resolve(req, topic, lang)
	if err != nil {
		return nil, []error{err}
	}
	doc.Pages = pages
	var files []File
	var errs []error
	for _, f := range formats {
		format := vocab.Format(f)
		data, err := b.renderers[format].Render(doc)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		file := File{Name: FileName(topic, doc.Lang, format), Topic: topic, Lang: doc.Lang, Format: format,
			Review: doc.Review, Paper: doc.Paper, Print: doc.Print, LargePrint: doc.LargePrint,
			Warnings: warnings(doc, format), Data: data}
		if d, ok := b.renderers[format].(Describer); ok {
			file.Pages, file.PDFX, file.PrintCondition = d.Describe(data)
			file.PageBudget = budget
		}
		if images && format == vocab.PDF {
			imgs, err := b.pages.RenderPages(doc)
			if err == nil && file.Pages > 0 && len(imgs) != file.Pages {
				err = &PageCountError{Name: file.Name, PDF: file.Pages, Images: len(imgs)}
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			file.PageImages = imgs
		}
		files = append(files, file)
	}
	return files, errs
}

// FileName is the name of one leaflet file: "<topic>_<lang>.<ext>".
func FileName(topic vocab.TopicID, lang string, f vocab.Format) string {
	return fmt.Sprintf("%s_%s.%s", topic, lang, f)
}
