package guantong

import "time"

// Recheck is one 复查 of a committee's result: the applicant's request that it be checked
// again, with its own stages (internal/committee: requested, accepted, maintained, revised,
// refused) and the answer of its last step.
type Recheck struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	MeetingID     int64     `json:"meeting_id"`
	Reason        string    `json:"reason"`
	Stage         string    `json:"stage"`
	Note          string    `json:"note,omitempty"`
	RequestedBy   string    `json:"requested_by"`
	RequestedAt   time.Time `json:"requested_at"`
	HandledBy     string    `json:"handled_by,omitempty"`
	HandledAt     time.Time `json:"handled_at,omitzero"`
}
