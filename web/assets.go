package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"
)

// The pages' templates, stylesheet and script are embedded and served by
// the app itself: no page loads anything from another host.
//
//go:embed assets
var assetFS embed.FS

type asset struct {
	data        []byte
	contentType string
	hash        string
}

func parsePages(fsys fs.FS) (*template.Template, error) {
	funcs := template.FuncMap{
		// dict2 passes a page and one of its parts to a sub-template.
		"dict2": func(p, v any) map[string]any { return map[string]any{"P": p, "V": v} },
	}
	return template.New("pages").Option("missingkey=error").Funcs(funcs).ParseFS(fsys, "templates/*.tmpl")
}

func loadAssets(fsys fs.FS) (map[string]asset, error) {
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		return nil, err
	}
	out := map[string]asset{}
	for _, e := range entries {
		data, err := fs.ReadFile(fsys, path.Join("static", e.Name()))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(e.Name()))
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[e.Name()] = asset{data: data, contentType: ct, hash: hex.EncodeToString(sum[:8])}
	}
	return out, nil
}

// assetURL names an asset with its content hash, so that it can be cached
// for long and a new version is fetched at once.
func (s *server) assetURL(name string) string {
	return "/static/" + name + "?v=" + s.assets[name].hash
}

func (s *server) getAsset(c *gin.Context) {
	a, ok := s.assets[c.Param("name")]
	if !ok {
		s.notFound(c)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("ETag", `"`+a.hash+`"`)
	if c.GetHeader("If-None-Match") == `"`+a.hash+`"` {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.contentType, a.data)
}
