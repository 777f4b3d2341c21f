// Package guantong holds the domain of guantong, the system that makes Hebei's plan for
// joining up the careers of high-skilled workers and professional technicians (the plan)
// executable: levels, dates, the person described by a check document, and the answer the
// policy engine gives. It imports only the standard library, so every other package can
// share these types without pulling in SQL, HTTP or a rule engine.
package guantong

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes name the kind of failure, so that the HTTP layer and the command line can map
// them to a status or an exit code in one place.
const (
	EInvalid      = "invalid"      // malformed input: 400, exit 2
	ENotFound     = "not_found"    // 404
	EConflict     = "conflict"     // a stale version or a duplicate: 409
	EForbidden    = "forbidden"    // 403
	EUnauthorized = "unauthorized" // 401
	EIneligible   = "ineligible"   // the engine refused: 422
	ETooMany      = "too_many"     // too many failed logins: 429, try again later
	EInternal     = "internal"     // 500, exit 1
)

// The kinds of error, one per code, as sentinels in the manner of pkgsite's derrors:
// errors.Is(err, ErrNotFound) holds for every *Error of code ENotFound in err's chain,
// FieldErrors are ErrInvalid and *Ineligible is ErrIneligible.
var (
	ErrInvalid      error = kind(EInvalid)
	ErrNotFound     error = kind(ENotFound)
	ErrConflict     error = kind(EConflict)
	ErrForbidden    error = kind(EForbidden)
	ErrUnauthorized error = kind(EUnauthorized)
	ErrIneligible   error = kind(EIneligible)
	ErrTooMany      error = kind(ETooMany)
)

// kind is a sentinel error naming a code.
type kind string

func (k kind) Error() string { return string(k) }

// statuses maps each code to its HTTP status: the one table where they meet, for the API
// and the pages alike. A code missing here (EInternal, or none) is 500.
var statuses = map[string]int{
	EInvalid:      http.StatusBadRequest,
	EUnauthorized: http.StatusUnauthorized,
	EForbidden:    http.StatusForbidden,
	ENotFound:     http.StatusNotFound,
	EConflict:     http.StatusConflict,
	EIneligible:   http.StatusUnprocessableEntity,
	ETooMany:      http.StatusTooManyRequests,
}

// HTTPStatus returns the HTTP status of err: 200 for nil, the status of its code, and 500
// for an error without one, which the caller logs and hides.
func HTTPStatus(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if st, ok := statuses[ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// Error is an application error: a code for programs and a message in Chinese for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Is reports whether target is the kind of e (ErrNotFound for ENotFound…).
func (e *Error) Is(target error) bool {
	k, ok := target.(kind)
	return ok && string(k) == e.Code
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error or kind in err's chain, EInternal for any
// other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var k kind
	if errors.As(err, &k) {
		return string(k)
	}
	return EInternal
}

// FieldError is one problem with one field of an input document. Field is a path such as
// person.skills[0].obtained.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// FieldErrors is every problem found in one document; a document with any is refused whole.
type FieldErrors []FieldError

func (es FieldErrors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", es[0].Error(), len(es)-1)
}

// Unwrap makes field errors ErrInvalid (errors.Is), of code EInvalid.
func (es FieldErrors) Unwrap() error { return ErrInvalid }

// Add appends a problem with field.
func (es *FieldErrors) Add(field, format string, args ...any) {
	*es = append(*es, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns es as an error, or nil when there is none.
func (es FieldErrors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
