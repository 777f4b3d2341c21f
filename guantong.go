// Package guantong holds the domain of guantong, the system that makes Hebei's plan for
// joining up the careers of high-skilled workers and professional technicians (the plan)
// executable: levels, dates, the person described by a check document, and the answer the
// policy engine gives. It imports only the standard library, so every other package can
// share these types without pulling in SQL, HTTP or a rule engine.
package guantong

import (
	"errors"
	"fmt"
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

// Error is an application error: a code for programs and a message in Chinese for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
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
