package guantong_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"guantong"
)

// Every code maps to its status in the one table, found through wrapping; errors.Is finds
// the kind; field errors are invalid input and a refusal by the engine is ineligible.
func TestErrorKindsAndStatuses(t *testing.T) {
	var fes guantong.FieldErrors
	fes.Add("person.name", "不能为空")
	tests := []struct {
		name   string
		err    error
		kind   error // nil: none of the kinds
		code   string
		status int
	}{
		{"nil is no error", nil, nil, "", http.StatusOK},
		{"invalid", guantong.Errorf(guantong.EInvalid, "x"), guantong.ErrInvalid, guantong.EInvalid, http.StatusBadRequest},
		{"field errors are invalid input", fes, guantong.ErrInvalid, guantong.EInvalid, http.StatusBadRequest},
		{"wrapped field errors", fmt.Errorf("save: %w", fes), guantong.ErrInvalid, guantong.EInvalid, http.StatusBadRequest},
		{"unauthorized", guantong.Errorf(guantong.EUnauthorized, "x"), guantong.ErrUnauthorized, guantong.EUnauthorized, http.StatusUnauthorized},
		{"forbidden", guantong.Errorf(guantong.EForbidden, "x"), guantong.ErrForbidden, guantong.EForbidden, http.StatusForbidden},
		{"not found, wrapped", fmt.Errorf("op: %w", guantong.Errorf(guantong.ENotFound, "x")), guantong.ErrNotFound, guantong.ENotFound, http.StatusNotFound},
		{"conflict", guantong.Errorf(guantong.EConflict, "x"), guantong.ErrConflict, guantong.EConflict, http.StatusConflict},
		{"the engine refused", &guantong.Ineligible{Message: "x"}, guantong.ErrIneligible, guantong.EIneligible, http.StatusUnprocessableEntity},
		{"too many", guantong.Errorf(guantong.ETooMany, "x"), guantong.ErrTooMany, guantong.ETooMany, http.StatusTooManyRequests},
		{"internal", guantong.Errorf(guantong.EInternal, "x"), nil, guantong.EInternal, http.StatusInternalServerError},
		{"an error without a code", errors.New("disk full"), nil, guantong.EInternal, http.StatusInternalServerError},
	}
	kinds := []error{guantong.ErrInvalid, guantong.ErrNotFound, guantong.ErrConflict, guantong.ErrForbidden,
		guantong.ErrUnauthorized, guantong.ErrIneligible, guantong.ErrTooMany}
	for _, tt := range tests {
		if got := guantong.ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.code)
		}
		if got := guantong.HTTPStatus(tt.err); got != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.status)
		}
		for _, k := range kinds {
			if got := errors.Is(tt.err, k); got != (k == tt.kind) {
				t.Errorf("%s: errors.Is(%v) = %v", tt.name, k, got)
			}
		}
	}
}
