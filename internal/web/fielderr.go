package web

import "fmt"

// fieldError is a field's message with the id of the control it belongs to, for the "err"
// template: the message gets the id ID-error, which the control's aria-describedby names, so
// that a screen reader reads the message with the field.
type fieldError struct {
	ID  string
	Msg string
}

// fieldErr pairs a message with its control's id, given in parts as templates build ids in
// ranges: fieldErr $r.Errs.from "work-" $i "-from". The message is any because a page without
// errors has a nil map, whose fields templates see as nothing: no message.
func fieldErr(msg any, id ...any) fieldError {
	e := fieldError{ID: fmt.Sprint(id...)}
	if msg != nil {
		e.Msg = fmt.Sprint(msg)
	}
	return e
}
