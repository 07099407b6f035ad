package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/content"
	"infogeneratorn/generator/logo"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/review"
)

// Pipeline is one consistent set of the generator's long-lived objects.
// When the translators' locale files are reloaded, a new Pipeline replaces
// the old one as a whole; a request uses the one it started with.
type Pipeline struct {
	Catalog *catalog.Catalog
	Topics  *content.Set
	Builder *assemble.Builder
	Vetting resolve.Vetting // which messages are vetted; nil: Review, else resolve.SourceIsVetted
	// Review is the translators' review state of these locales, for the
	// status page (translated, vetted, stale and why); nil: the page
	// shows what Vetting tells.
	Review *review.Snapshot
}

// Rate is a per-client token bucket for generation: PerSecond tokens are
// added each second up to Burst. PerSecond 0 means no limit.
type Rate struct {
	PerSecond float64
	Burst     int
}

// Config is what the web app is built from.
type Config struct {
	// Pipeline returns the current pipeline. It is called once per request.
	Pipeline       func() *Pipeline
	Municipalities *municipality.List
	Version        string
	Now            func() time.Time // nil: time.Now
	Logger         *slog.Logger     // nil: discard
	Rate           Rate             // per client, on generation (preview, download, API)
	MaxBuilds      int              // concurrent generations; 0: GOMAXPROCS (generation is CPU-bound)
	// Secret signs the form's CSRF tokens. Empty: a random key for this
	// process (forms open in a browser then expire on restart).
	Secret []byte
	// TrustedProxies are the addresses whose X-Forwarded-For is believed
	// when telling clients apart for the rate limit. Nil: none.
	TrustedProxies []string
	Logos          LogoStore // nil: Orders when set, else in memory
	// Orders keeps saved orders, their print links and (unless Logos is
	// set) the logos. Nil: no /api/v1/orders, /print/ or /edit/ routes.
	Orders orders.Store
	// PrintDays is how long a print link lasts, and how much "extend"
	// adds; 0: 60 days.
	PrintDays int
	Drafts    Drafts // the form's drafts; nil: Orders when set, else in memory
	// SecureCookies marks the CSRF cookie Secure (behind a TLS proxy).
	SecureCookies bool
	// PublicURL is where browsers reach this server ("https://infogen.example.se"):
	// the only origin a form post may come from, the base of absolute links,
	// and, when https, Secure cookies and HSTS. Empty: the request's own
	// scheme and Host.
	PublicURL string
	// LogoBudget is the memory, in bytes estimated from their headers,
	// that the logo decodes in flight may take together; 0: 128 MiB
	// (logo.Defaults). A logo whose decode alone would take more is
	// refused with 413.
	LogoBudget int64
}

// Limits on what a client may send.
const (
	maxLogoBytes    = 2 << 20 // the logo file itself
	maxLogoSide     = 4000    // pixels, either side, as declared in the file's header
	storedLogoSide  = 1200    // the re-encoded logo fits in this square (10 cm at 300 dpi)
	previewTTL      = 15 * time.Minute
	maxPreviews     = 2048 // files: a preview keeps its PDF and one SVG per page (up to 8)
	maxPreviewBytes = 64 << 20
	maxFiles        = 64
	maxFilesBytes   = 512 << 20
)

type server struct {
	cfg      Config
	log      *slog.Logger
	now      func() time.Time
	pages    *template.Template
	assets   map[string]asset
	csrf     csrfKey
	limiter  *limiter
	builds   chan struct{}
	previews *ttlStore
	logos    LogoStore
	logoDec  *logo.Decoder // every logo is decoded and verified within its budget
	public   *url.URL      // Config.PublicURL, parsed; nil when not set
	info     atomic.Pointer[pipelineInfo]
	munis    template.HTML // every municipality's name as an <option> of the combobox's datalist, escaped once
	drafts   Drafts
	files    *ttlStore // made files, for the confirmation page's download
}

// New returns the web app: the form, the preview, the downloads and the
// JSON API, with its security headers, limits and logs.
func New(cfg Config) (http.Handler, error) {
	if cfg.Pipeline == nil || cfg.Municipalities == nil {
		return nil, errors.New("web: Config.Pipeline and Config.Municipalities are required")
	}
	s := &server{cfg: cfg, log: cfg.Logger, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	key := cfg.Secret
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key)
	}
	s.csrf = csrfKey(key)
	if cfg.PublicURL != "" {
		u, err := ParsePublicURL(cfg.PublicURL)
		if err != nil {
			return nil, err
		}
		s.public = u
	}
	s.limiter = newLimiter(cfg.Rate, s.now)
	n := cfg.MaxBuilds
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	s.builds = make(chan struct{}, n)
	s.previews = newTTLStore(previewTTL, maxPreviews, maxPreviewBytes, s.now)
	s.files = newTTLStore(previewTTL, maxFiles, maxFilesBytes, s.now)
	switch {
	case cfg.Drafts != nil:
		s.drafts = cfg.Drafts
	case cfg.Orders != nil:
		s.drafts = storeDrafts{st: cfg.Orders}
	default:
		s.drafts = NewMemoryDrafts(0)
	}
	s.logos = cfg.Logos
	s.logoDec = logo.NewDecoder(logo.Limits{MaxBytes: maxLogoBytes, MaxSide: maxLogoSide, StoredSide: storedLogoSide,
		Budget: cfg.LogoBudget})
	switch {
	case s.logos != nil:
	case cfg.Orders != nil:
		s.logos = storeLogos{st: cfg.Orders}
	default:
		s.logos = NewMemoryLogos(s.now)
	}
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(sub); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(sub); err != nil {
		return nil, err
	}
	var opts strings.Builder
	for _, m := range cfg.Municipalities.All() {
		fmt.Fprintf(&opts, "\n<option value=\"%s\"></option>", template.HTMLEscapeString(m.Name))
	}
	s.munis = template.HTML(opts.String())
	return s.routes()
}

func (s *server) routes() (*gin.Engine, error) {
	r := gin.New()
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return nil, err
	}
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.MaxMultipartMemory = 8 << 20 // the form is read part by part (readForm); nothing else takes files
	r.Use(s.logRequests, s.recover, s.securityHeaders)
	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)

	r.GET("/", s.getRoot)
	r.GET("/new/:id", s.getNew)
	r.POST("/new/:id", s.sameOrigin, s.bodyLimit(maxFormReadBytes), s.postForm)
	r.POST("/", s.sameOrigin, s.bodyLimit(maxFormReadBytes), s.postForm)
	r.GET("/d/:id", s.getDraft)
	r.POST("/d/:id", s.sameOrigin, s.bodyLimit(maxFormReadBytes), s.postForm)
	r.GET("/d/:id/check", s.getCheck)
	r.GET("/d/:id/done", s.getDone)
	r.GET("/files/:id", s.getFile)
	r.GET("/preview/:id", s.getPreview)
	r.GET("/logo/:id", s.getLogo)
	r.GET("/status", s.getStatus)
	r.GET("/tillganglighet", s.getAccessibility)
	r.GET("/status/xliff/:lang", s.getStatusXLIFF)
	r.GET("/static/:name", s.getAsset)
	r.GET("/healthz", s.healthz)

	api := r.Group("/api/v1")
	api.GET("/locales", s.apiLocales)
	api.GET("/topics", s.apiTopics)
	api.GET("/municipalities", s.apiMunicipalities)
	api.POST("/leaflets", s.bodyLimit(maxAPIBytes), s.apiLeaflets)
	s.orderRoutes(r)
	return r, nil
}

// pipeline returns the current pipeline and what the pages show about it.
func (s *server) pipeline() (*Pipeline, *pipelineInfo) {
	p := s.cfg.Pipeline()
	if in := s.info.Load(); in != nil && in.p == p {
		return p, in
	}
	in := newPipelineInfo(p)
	s.info.Store(in)
	return p, in
}
