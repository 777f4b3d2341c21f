package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"net/http"
)

// openAPIDocument is the API's OpenAPI 3.1 document; openapi_test.go keeps it and the
// routes in step, and checks answers against its schemas. .ci/run lints it with Redocly's CLI.
//
//go:embed openapi.json
var openAPIDocument []byte

// relativeServers is the document's servers entry as written: the site the document is served
// from. A relative address is right for every deployment, which a fixed one never is.
var relativeServers = []byte(`"servers": [{"url": "/", "description": "The site the document is served from; serve --public-url names it."}]`)

// openAPIFor returns the document with its servers entry naming publicURL, the public site's
// address from serve --public-url, so that a client reading the document saved elsewhere
// still knows where to send its calls; without one the relative entry stays.
func openAPIFor(publicURL string) []byte {
	if publicURL == "" {
		return openAPIDocument
	}
	url, _ := json.Marshal(publicURL) // a string always marshals
	servers := []byte(`"servers": [{"url": ` + string(url) + `, "description": "The public site (serve --public-url)."}]`)
	return bytes.Replace(openAPIDocument, relativeServers, servers, 1)
}

// openAPI serves the API document.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIFor(a.publicURL))
}
