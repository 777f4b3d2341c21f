package api

import _ "embed"

// openAPIDocument is the API's OpenAPI 3.1 document; openapi_test.go keeps it and the
// routes in step, and checks answers against its schemas.
//
//go:embed openapi.json
var openAPIDocument []byte
