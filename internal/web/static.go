package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed static
var staticFiles embed.FS

// assets are the embedded static files with a content hash each, so that pages link to
// /static/site.css?v=HASH and browsers may keep a file for as long as its hash stands.
type assets struct {
	files map[string][]byte // by name: "site.css"
	hash  map[string]string
}

func loadAssets() *assets {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		a.files[name] = b
		a.hash[name] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		panic("web: static files: " + err.Error())
	}
	return a
}

// url returns the versioned address of a static file; templates call it as {{static "site.css"}}.
func (a *assets) url(name string) string {
	h, ok := a.hash[name]
	if !ok {
		panic("web: no static file " + name) // a template names a file that is not there
	}
	return "/static/" + name + "?v=" + h
}

// serveStatic serves an embedded file. A request carrying the file's current hash may be
// cached for a year; any other is revalidated by its ETag.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	b, ok := s.static.files[name]
	if !ok {
		s.notFound(w, r)
		return
	}
	h := s.static.hash[name]
	if r.URL.Query().Get("v") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+h+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
